package io.periodic.billing.rendering;

import io.periodic.billing.model.CreditNote;
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

    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    static Stream<Arguments> samples() {
        return Stream.of(
                sample("invoice-en.html", () -> RENDERER.invoiceHtml(Samples.usDocument())),
                sample("invoice-ja.html", () -> RENDERER.invoiceHtml(Samples.jpDocument())),
                sample("invoice-ko.html", () -> RENDERER.invoiceHtml(Samples.krDocument())),
                sample("invoice-sr-Latn.html", () -> RENDERER.invoiceHtml(Samples.rsDocument())),
                sample("invoice-ja-person.html", () -> RENDERER.invoiceHtml(Samples.jpPersonDocument())),
                sample("invoice-two-rates-ja.html", () -> RENDERER.invoiceHtml(Samples.jpMultiRateDocument("ja-JP"))),
                sample("invoice-two-rates-en.html", () -> RENDERER.invoiceHtml(Samples.jpMultiRateDocument("en-US"))),
                sample("invoice-two-rates-ko.html", () -> RENDERER.invoiceHtml(Samples.jpMultiRateDocument("ko-KR"))),
                sample("invoice-two-rates-sr-Latn.html",
                        () -> RENDERER.invoiceHtml(Samples.jpMultiRateDocument("sr-Latn-RS"))),
                sample("credit-note-en.html", () -> RENDERER.creditNoteHtml(
                        Samples.usCreditNoteDocument(CreditNote.Disposition.REDUCE_AMOUNT_DUE))),
                sample("credit-note-ja.html", () -> RENDERER.creditNoteHtml(Samples.jpCreditNoteDocument())),
                sample("credit-note-ko.html", () -> RENDERER.creditNoteHtml(Samples.krCreditNoteDocument())),
                sample("credit-note-sr-Latn.html", () -> RENDERER.creditNoteHtml(Samples.rsCreditNoteDocument())),
                sample("credit-note-two-rates-ja.html",
                        () -> RENDERER.creditNoteHtml(Samples.jpMultiRateCreditNoteDocument("ja-JP"))),
                sample("credit-note-two-rates-en.html",
                        () -> RENDERER.creditNoteHtml(Samples.jpMultiRateCreditNoteDocument("en-US"))),
                sample("credit-note-two-rates-ko.html",
                        () -> RENDERER.creditNoteHtml(Samples.jpMultiRateCreditNoteDocument("ko-KR"))),
                sample("credit-note-two-rates-sr-Latn.html",
                        () -> RENDERER.creditNoteHtml(Samples.jpMultiRateCreditNoteDocument("sr-Latn-RS"))),
                // Branding (docs/branding.md): logo, brand colour, footer note in each language.
                sample("invoice-branded-en.html", () -> BrandedSamples.RENDERER.invoiceHtml(
                        BrandedSamples.branded(Samples.usDocument()))),
                sample("invoice-branded-ja.html", () -> BrandedSamples.RENDERER.invoiceHtml(
                        BrandedSamples.branded(Samples.jpDocument()))),
                sample("invoice-branded-ko.html", () -> BrandedSamples.RENDERER.invoiceHtml(
                        BrandedSamples.branded(Samples.krDocument()))),
                sample("invoice-branded-sr-Latn.html", () -> BrandedSamples.RENDERER.invoiceHtml(
                        BrandedSamples.branded(Samples.rsDocument()))),
                sample("credit-note-branded-en.html", () -> BrandedSamples.RENDERER.creditNoteHtml(
                        BrandedSamples.branded(Samples.usCreditNoteDocument(
                                CreditNote.Disposition.REDUCE_AMOUNT_DUE)))));
    }

    private static Arguments sample(String file, Supplier<String> html) {
        return Arguments.of(file, html);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void matchesGoldenFile(String file, Supplier<String> render) {
        GoldenFiles.assertMatches(file, render.get());
    }
}
