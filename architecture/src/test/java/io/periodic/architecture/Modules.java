package io.periodic.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's modules with main code, found on disk (every folder with a {@code pom.xml} and a
 * {@code src/main/java}), so that a new module is under the rules without editing this test.
 */
final class Modules {
    /**
     * Left out: {@code bench/baseline} holds a second {@code io.periodic.billing.aws.AwsClients}, the default-built
     * stand-in the benchmark puts in front of a function's jar in its child JVM. It is never deployed, and two
     * classes with one name cannot be read as one program.
     */
    static final Set<String> NOT_READ = Set.of("bench/baseline");

    private static final Set<String> NOT_MODULES = Set.of("target", "node_modules", ".git", "src");
    private static final Pattern ARTIFACT_ID =
            Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);

    private Modules() {
    }

    /** The repository's root: the build passes it (surefire's periodic.repoRoot), else this module's parent. */
    static Path root() {
        String configured = System.getProperty("periodic.repoRoot");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("shared"))) {
            throw new IllegalStateException("not the repository's root: " + root);
        }
        return root;
    }

    /** Each module with main code, as its folder relative to the root with '/' separators, e.g. functions/billing-api. */
    static List<String> withMainCode() {
        Path root = root();
        List<String> found = new ArrayList<>();
        collect(root, root, found);
        found.removeAll(NOT_READ);
        found.sort(null);
        return found;
    }

    private static void collect(Path root, Path dir, List<String> found) {
        if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("src/main/java"))) {
            found.add(root.relativize(dir).toString().replace('\\', '/'));
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                String name = child.getFileName().toString();
                if (!NOT_MODULES.contains(name) && !name.startsWith(".")) {
                    collect(root, child, found);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path mainSources(String module) {
        return root().resolve(module).resolve("src/main/java");
    }

    static Path mainClasses(String module) {
        return root().resolve(module).resolve("target/classes");
    }

    /** A module's artifactId: the first one after its parent element. */
    static String artifactId(String module) {
        try {
            Matcher m = ARTIFACT_ID.matcher(Files.readString(root().resolve(module).resolve("pom.xml")));
            if (!m.find()) {
                throw new IllegalStateException("no artifactId in " + module + "/pom.xml");
            }
            return m.group(1).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
