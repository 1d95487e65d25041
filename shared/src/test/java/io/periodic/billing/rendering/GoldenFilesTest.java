package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.CreditNote;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample documents, compared byte for byte with the committed files in {@code src/test/resources/golden/}
 * (the samples we show people). After an intended change, regenerate them and review the diff:
 * {@code mvn test -Dgolden.update=true -Dtest=GoldenFilesTest}.
 */
class GoldenFilesTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    static Stream<Arguments> samples() {
        return Stream.of(
                sample("invoice-en.html", () -> RENDERER.invoiceHtml(Samples.usDocument())),
                sample("invoice-ja.html", () -> RENDERER.invoiceHtml(Samples.jpDocument())),
                sample("invoice-ko.html", () -> RENDERER.invoiceHtml(Samples.krDocument())),
                sample("invoice-sr-Latn.html", () -> RENDERER.invoiceHtml(Samples.rsDocument())),
                sample("credit-note-en.html", () -> RENDERER.creditNoteHtml(
                        Samples.usCreditNoteDocument(CreditNote.Disposition.REDUCE_AMOUNT_DUE))));
    }

    private static Arguments sample(String file, Supplier<String> html) {
        return Arguments.of(file, html);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void matchesGoldenFile(String file, Supplier<String> render) throws Exception {
        String actual = render.get();
        Path golden = goldenDirectory().resolve(file);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(golden), golden + " is missing: run mvn test -Dgolden.update=true -Dtest=GoldenFilesTest");
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            Path out = moduleDirectory().resolve("target/golden-actual").resolve(file);
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual, StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual, file + " differs from the golden file (actual output written to "
                + "target/golden-actual/" + file + "; if the change is intended, rerun with -Dgolden.update=true)");
    }

    private static Path goldenDirectory() throws URISyntaxException {
        return moduleDirectory().resolve("src/test/resources/golden");
    }

    /** target/test-classes → the module directory. */
    private static Path moduleDirectory() throws URISyntaxException {
        Path classes = Path.of(GoldenFilesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.getParent().getParent();
    }

}
