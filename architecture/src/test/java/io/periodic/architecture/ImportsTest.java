package io.periodic.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Main code names classes by imports, not inline fully-qualified names; a name stays qualified only where the file
 * imports another class of the same simple name. Read on the sources (comments and strings are not code).
 */
class ImportsTest {
    /** Where two classes share a simple name, the one left qualified: file (simple name) to qualified names. */
    static final Map<String, Set<String>> TWO_CLASSES_ONE_NAME = Map.of(
            "LocalSystem", Set.of("java.time.Clock")); // imports io.periodic.billing.ports.Clock

    static final Pattern QUALIFIED =
            Pattern.compile("(?<![\\w.])(?:java|javax|jdk|io|software|com|org|gg|net)\\.(?:[a-z_]\\w*\\.)+[A-Z]\\w*");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])+'", Pattern.DOTALL);
    private static final Pattern IMPORT_OR_PACKAGE = Pattern.compile("^\\s*(import|package)\\b");

    @Test
    void mainCodeUsesImportsNotQualifiedNames() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        List<String> modules = new ArrayList<>(Modules.withMainCode());
        modules.addAll(Modules.NOT_READ);
        for (String module : modules) {
            try (Stream<Path> sources = Files.walk(Modules.mainSources(module))) {
                for (Path file : sources.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    files++;
                    String name = file.getFileName().toString().replace(".java", "");
                    String[] lines = code(Files.readString(file)).split("\n", -1);
                    for (int i = 0; i < lines.length; i++) {
                        if (IMPORT_OR_PACKAGE.matcher(lines[i]).find()) {
                            continue;
                        }
                        Matcher m = QUALIFIED.matcher(lines[i]);
                        while (m.find()) {
                            if (!TWO_CLASSES_ONE_NAME.getOrDefault(name, Set.of()).contains(m.group())) {
                                found.add(module + ": " + name + ".java:" + (i + 1) + ": " + m.group());
                            }
                        }
                    }
                }
            }
        }
        assertTrue(files > 200, "found only " + files + " source files: are the sources where this test looks?");
        assertEquals(List.of(), found, "import the class (where another class of that simple name is imported, "
                + "keep it qualified and list it in TWO_CLASSES_ONE_NAME)");
    }

    @Test
    void theGuardSeesCodeOnly() {
        assertTrue(!QUALIFIED.matcher(code("a /* java.util.Map */ b // java.util.List")).find());
        assertTrue(!QUALIFIED.matcher(code("x = \"java.util.Map\" + 'j' + \"\"\"\n java.util.Set\n\"\"\";")).find());
        assertEquals(3, code("a\n/* x\n y */\nb").split("\n").length - 1);
        assertTrue(QUALIFIED.matcher("new java.util.HashMap<>()").find());
        assertTrue(QUALIFIED.matcher("io.periodic.billing.lambda.Priming.register(x)").find());
        assertTrue(!QUALIFIED.matcher("Map.Entry<String, String> e; this.x.y()").find());
    }

    /** The source with comments, strings and character literals blanked (newlines kept, for line numbers). */
    static String code(String source) {
        return COMMENTS_AND_STRINGS.matcher(source)
                .replaceAll(m -> m.group().replaceAll("[^\\n]", " "));
    }
}
