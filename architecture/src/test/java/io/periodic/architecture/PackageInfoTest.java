package io.periodic.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of main code says in its {@code package-info.java} what belongs there: a javadoc comment of at
 * least one sentence, in front of the package's own declaration.
 */
class PackageInfoTest {
    /**
     * bench/baseline's stand-in for {@code io.periodic.billing.aws.AwsClients} lives in shared's aws package, whose
     * package-info is shared's; a second one for the same package would say the same thing twice.
     */
    private static final Set<String> DESCRIBED_ELSEWHERE = Set.of("bench/baseline:io.periodic.billing.aws");

    private static final Pattern DOC_THEN_PACKAGE =
            Pattern.compile("\\A\\s*/\\*\\*(.*?)\\*/\\s*package\\s+([\\w.]+)\\s*;\\s*\\z", Pattern.DOTALL);

    @Test
    void everyPackageOfMainCodeHasAPackageInfoWithOneSentence() throws IOException {
        List<String> modules = new ArrayList<>(Modules.withMainCode());
        modules.addAll(Modules.NOT_READ);
        List<String> problems = new ArrayList<>();
        int packages = 0;
        for (String module : modules) {
            Path sources = Modules.mainSources(module);
            for (Path dir : packagesIn(sources)) {
                String name = sources.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(), ".");
                if (DESCRIBED_ELSEWHERE.contains(module + ":" + name)) {
                    continue;
                }
                packages++;
                Path info = dir.resolve("package-info.java");
                if (!Files.isRegularFile(info)) {
                    problems.add(module + ": " + name + " has no package-info.java");
                    continue;
                }
                Matcher m = DOC_THEN_PACKAGE.matcher(Files.readString(info));
                if (!m.matches()) {
                    problems.add(module + ": " + name + "'s package-info.java is not a javadoc comment and its package");
                } else if (!m.group(2).equals(name)) {
                    problems.add(module + ": " + name + "'s package-info.java declares package " + m.group(2));
                } else if (!m.group(1).replaceAll("(?m)^\\s*\\*", " ").strip().matches("(?s).*\\w.*[.!?]")) {
                    problems.add(module + ": " + name + "'s package-info.java says no sentence");
                }
            }
        }
        assertTrue(packages > 20, "found only " + packages + " packages: are the sources where this test looks?");
        assertEquals(List.of(), problems, "write a one-sentence package-info.java (docs/architecture.md)");
    }

    /** Folders holding at least one .java file other than a package-info. */
    private static List<Path> packagesIn(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                    .map(Path::getParent).distinct().sorted().toList();
        }
    }
}
