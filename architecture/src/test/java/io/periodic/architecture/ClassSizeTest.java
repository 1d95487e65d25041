package io.periodic.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Size limits of main code in shared/ and functions/: no class over {@value #CLASS_LIMIT} lines, no handler
 * ({@code *Handler}) over {@value #HANDLER_LIMIT}, but for the listed exceptions. A file is measured in lines, as
 * {@code wc -l} counts them.
 */
class ClassSizeTest {
    static final int CLASS_LIMIT = 400;
    static final int HANDLER_LIMIT = 80;

    /** Classes allowed over {@value #CLASS_LIMIT} lines, by simple name, with the reason. */
    static final Map<String, String> LARGE_CLASSES = Map.of(
            "CamtParser", "the size is the format's: camt.052/053/054 in every version banks send, each element "
                    + "the parser reads with its path and its limits, in one place");

    /** Handlers allowed over {@value #HANDLER_LIMIT} lines, with the reason. */
    static final Map<String, String> LARGE_HANDLERS = Map.of();

    @Test
    void noClassOverTheLimitAndNoHandlerOverItsLimitButTheListedOnes() throws IOException {
        List<Source> sources = mainFilesOfSharedAndFunctions();
        assertTrue(sources.size() > 100, "found only " + sources.size() + " classes: are the sources where this test looks?");
        List<String> over = new ArrayList<>();
        for (Source source : sources) {
            if (source.lines() > CLASS_LIMIT && !LARGE_CLASSES.containsKey(source.name())) {
                over.add(source.path() + ": " + source.lines() + " lines (limit " + CLASS_LIMIT + ")");
            } else if (source.name().endsWith("Handler") && source.lines() > HANDLER_LIMIT
                    && !LARGE_HANDLERS.containsKey(source.name())) {
                over.add(source.path() + ": " + source.lines() + " lines (limit " + HANDLER_LIMIT + " for a handler)");
            }
        }
        assertEquals(List.of(), over, "split them (docs/architecture.md says where each part goes)");
    }

    @Test
    void theExceptionsAreStillNeeded() throws IOException {
        Map<String, Integer> lines = new TreeMap<>();
        for (Source source : mainFilesOfSharedAndFunctions()) {
            lines.merge(source.name(), source.lines(), Math::max);
        }
        List<String> stale = new ArrayList<>();
        LARGE_CLASSES.keySet().forEach(name -> {
            if (lines.getOrDefault(name, 0) <= CLASS_LIMIT) {
                stale.add("LARGE_CLASSES: " + name + " (" + lines.getOrDefault(name, 0) + " lines)");
            }
        });
        LARGE_HANDLERS.keySet().forEach(name -> {
            if (lines.getOrDefault(name, 0) <= HANDLER_LIMIT) {
                stale.add("LARGE_HANDLERS: " + name + " (" + lines.getOrDefault(name, 0) + " lines)");
            }
        });
        assertEquals(List.of(), stale, "within the limit now (or gone): remove from the list");
    }

    record Source(String path, String name, int lines) {
    }

    /** Every main .java file of shared and the function modules but package-info, with its line count. */
    private static List<Source> mainFilesOfSharedAndFunctions() throws IOException {
        List<Source> sources = new ArrayList<>();
        for (String module : Modules.withMainCode()) {
            if (!module.equals("shared") && !module.startsWith("functions/")) {
                continue;
            }
            try (Stream<Path> files = Files.walk(Modules.mainSources(module))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String name = file.getFileName().toString().replace(".java", "");
                    if (!name.equals("package-info")) {
                        sources.add(new Source(Modules.root().relativize(file).toString(), name, lineCount(file)));
                    }
                }
            }
        }
        return sources;
    }

    private static int lineCount(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int count = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }
}
