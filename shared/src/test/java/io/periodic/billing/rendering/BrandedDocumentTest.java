package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Branding;
import io.periodic.billing.model.CreditNote;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The seller's branding on the documents: logo slot, brand colour, footer note (docs/branding.md). */
class BrandedDocumentTest {

    private static InvoiceDocument withBranding(Branding branding) {
        InvoiceDocument plain = Samples.jpDocument();
        return new InvoiceDocument(plain.invoice(), plain.customer(), plain.seller().withBranding(branding), null);
    }

    @Test
    void theLogoIsEmbeddedAsADataUriFittedIntoTheLetterheadBox() {
        String html = BrandedSamples.RENDERER.invoiceHtml(BrandedSamples.branded(Samples.jpDocument()));
        String src = "data:image/png;base64," + Base64.getEncoder().encodeToString(BrandedSamples.LOGO);
        // 360 × 96 pixels fitted into 189 × 53 CSS pixels (50 × 14 mm): width-bound.
        assertTrue(html.contains("<img class=\"logo\" src=\"" + src + "\" width=\"189\" height=\"50\" "
                + "alt=\"株式会社クラウドノート\">"), html);
        assertTrue(html.contains("<header class=\"head\" style=\"border-bottom-color: #0B5FA5\">"));
        assertTrue(html.contains("<h1 style=\"color: #0B5FA5\">請求書</h1>"));
        assertTrue(html.contains("<p class=\"footer-note\">本請求書に関するお問い合わせは"));
        assertFalse(html.contains("http"), "a branded document loads nothing from outside");
    }

    @Test
    void aTallLogoIsBoundByTheBoxHeight() {
        Branding.Logo tall = new Branding.Logo("branding/logo-tall.png", "image/png", 100, 200, 10, "ab");
        String html = new DocumentRenderer(key -> new byte[] {1}).invoiceHtml(withBranding(
                new Branding(tall, null, Map.of())));
        assertTrue(html.contains("width=\"26\" height=\"53\""), html);
    }

    @Test
    void theFooterNoteIsEscapedAndKeepsItsLineBreaks() {
        String html = new DocumentRenderer().invoiceHtml(withBranding(new Branding(null, null,
                Map.of("ja", "<script>alert(1)</script> & \"quotes\"\n二行目"))));
        assertTrue(html.contains("<p class=\"footer-note\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                + "\"quotes\"\n二行目</p>"), html);
        assertFalse(html.contains("<script>"));
    }

    @Test
    void aLogoNoLongerStoredIsLeftOutAndTheDocumentStillRenders() {
        String html = new DocumentRenderer(key -> null).invoiceHtml(BrandedSamples.branded(Samples.jpDocument()));
        assertFalse(html.contains("<img"));
        assertTrue(html.contains("<h1 style=\"color: #0B5FA5\">"));
    }

    @Test
    void anSvgLogoIsMarkedForThePdfsSvgDrawer() {
        byte[] svg = SvgLogosTest.CLEAN.getBytes(StandardCharsets.UTF_8);
        Branding.Logo logo = new Branding.Logo("branding/logo-x.svg", "image/svg+xml", 0, 0, svg.length, "cd");
        String html = new DocumentRenderer(key -> svg).invoiceHtml(withBranding(new Branding(logo, null, Map.of())));
        assertTrue(html.contains("<img class=\"logo logo-svg\" src=\"data:image/svg+xml;base64,"), html);
    }

    @Test
    void aDocumentWithoutBrandingHasNoLogoNoColourNoNote() {
        String html = new DocumentRenderer().invoiceHtml(Samples.jpDocument());
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("style=\""));
        assertFalse(html.contains("footer-note\">"));
    }

    @Test
    void theLogoIsReadFromTheStoreOnceAndTheCreditNoteCarriesItToo() {
        AtomicInteger reads = new AtomicInteger();
        DocumentRenderer renderer = new DocumentRenderer(key -> {
            reads.incrementAndGet();
            return BrandedSamples.LOGO;
        });
        renderer.invoiceHtml(BrandedSamples.branded(Samples.jpDocument()));
        renderer.invoiceHtml(BrandedSamples.branded(Samples.usDocument()));
        String note = renderer.creditNoteHtml(BrandedSamples.branded(Samples.usCreditNoteDocument(
                CreditNote.Disposition.REDUCE_AMOUNT_DUE)));
        assertEquals(1, reads.get());
        assertTrue(note.contains("<img class=\"logo\""));
        assertTrue(note.contains("<p class=\"footer-note\">Terms &amp; conditions"));
    }
}
