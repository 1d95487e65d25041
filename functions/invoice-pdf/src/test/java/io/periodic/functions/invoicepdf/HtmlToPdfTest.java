package io.periodic.functions.invoicepdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.local.engines.Engines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The golden sample documents (shared/src/test/resources/golden) rendered to PDF: one A4 page, fonts embedded,
 * and the text a reader extracts is the document's own - Japanese and Korean included, so no missing glyphs.
 * The PDFs are written to target/pdf-samples for a person to look at.
 */
class HtmlToPdfTest {
    private static Path golden(String name) {
        return Engines.templatePath().resolveSibling("shared/src/test/resources/golden/" + name);
    }

    @ParameterizedTest
    @CsvSource({
        "invoice-en.html, INV-2026-000123, Amount due",
        "invoice-ja.html, INV-2026-000481, ご請求金額",
        "invoice-ko.html, INV-2026-000219, 청구",
        "invoice-sr-Latn.html, INV-2026-000057, Za uplatu",
        "invoice-ja-person.html, INV-2026-000481, 様",
        "credit-note-en.html, CN-2026-000007, CREDIT TO",
        "credit-note-ja.html, CN-2026-000031, 返還先",
        "credit-note-ko.html, CN-2026-000012, 크레딧 대상",
        "credit-note-sr-Latn.html, CN-2026-000004, U KORIST",
        "invoice-two-rates-en.html, INV-2026-000502, Tax 8%*",
        "invoice-two-rates-ja.html, INV-2026-000502, 消費税 8%※",
        "invoice-two-rates-ko.html, INV-2026-000502, 부가세 8%※",
        "invoice-two-rates-sr-Latn.html, INV-2026-000502, PDV 8%*",
        "credit-note-two-rates-en.html, CN-2026-000041, Tax 8%* on ¥2",
        "credit-note-two-rates-ja.html, CN-2026-000041, 消費税 8%※",
        "credit-note-two-rates-ko.html, CN-2026-000041, 부가세 8%※",
        "credit-note-two-rates-sr-Latn.html, CN-2026-000041, PDV 8%*",

        "invoice-branded-en.html, INV-2026-000123, Questions about this invoice?",
        "invoice-branded-ja.html, INV-2026-000481, 振込手数料はお客様のご負担",
        "invoice-branded-ko.html, INV-2026-000219, 문의는",
        "invoice-branded-sr-Latn.html, INV-2026-000057, Hvala na saradnji",
        "credit-note-branded-en.html, CN-2026-000007, Terms & conditions"})
    void rendersOneA4PageWithEmbeddedFontsAndExtractableText(String file, String number, String label)
            throws Exception {
        String html = Files.readString(golden(file), StandardCharsets.UTF_8);
        byte[] pdf = HtmlToPdf.render(html);
        Path out = Path.of("target/pdf-samples", file.replace(".html", ".pdf"));
        Files.createDirectories(out.getParent());
        Files.write(out, pdf);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(1, document.getNumberOfPages(), "one page");
            assertEquals(595, Math.round(document.getPage(0).getMediaBox().getWidth()), "A4 width in points");
            // NFKC: the CJK fonts map some kanji (金, 日) to the same glyph as a Kangxi radical, and the PDF's
            // ToUnicode table names the radical; visually identical, and NFKC folds it back for comparison.
            String text = java.text.Normalizer.normalize(new PDFTextStripper().getText(document),
                    java.text.Normalizer.Form.NFKC);
            assertTrue(text.contains(number), "number in " + file + ":\n" + text);
            assertTrue(text.contains(label), label + " in " + file);
            int images = 0;
            for (COSName name : document.getPage(0).getResources().getXObjectNames()) {
                if (document.getPage(0).getResources().getXObject(name) instanceof PDImageXObject image) {
                    images++;
                    assertEquals(360, image.getWidth(), "the logo's own pixels, not resampled");
                }
            }
            assertEquals(file.contains("branded") ? 1 : 0, images, "the logo in " + file);
            for (var name : document.getPage(0).getResources().getFontNames()) {
                PDFont font = document.getPage(0).getResources().getFont(name);
                assertTrue(font.isEmbedded(), font.getName() + " is embedded");
            }
        }
    }
}
