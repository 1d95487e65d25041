package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte-for-byte comparison with the committed samples in {@code src/test/resources/golden/} (the samples we show
 * people). With {@code -Dgolden.update=true} the samples are rewritten instead, for review in the diff; on a
 * mismatch the actual output is kept in {@code target/golden-actual/}.
 */
final class GoldenFiles {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private GoldenFiles() {
    }

    static void assertMatches(String file, String actual) {
        try {
            Path golden = moduleDirectory().resolve("src/test/resources/golden").resolve(file);
            if (UPDATE) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            assertTrue(Files.exists(golden), golden + " is missing: run mvn test -Dgolden.update=true");
            String expected = Files.readString(golden, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                Path out = moduleDirectory().resolve("target/golden-actual").resolve(file);
                Files.createDirectories(out.getParent());
                Files.writeString(out, actual, StandardCharsets.UTF_8);
            }
            assertEquals(expected, actual, file + " differs from the golden file (actual output written to "
                    + "target/golden-actual/" + file + "; if the change is intended, rerun with -Dgolden.update=true)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** target/test-classes → the module directory. */
    private static Path moduleDirectory() {
        try {
            Path classes = Path.of(GoldenFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
