package io.periodic.billing.rendering;

import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;

/**
 * Renders invoices and credit notes as self-contained HTML documents (inline CSS, no external resources, no
 * script) in the customer's language.
 *
 * <p>The templates ({@code src/main/jte/*.jte}) are compiled to Java classes at build time by the
 * jte-maven-plugin; this class calls them directly, so rendering involves no template parsing, no reflection and
 * no classpath scanning, and a template error is a compile error. Every value from the data (names, addresses,
 * descriptions, reasons) is HTML-escaped by jte's context-sensitive output ({@link OwaspHtmlTemplateOutput}, the
 * one jte's own engine uses for {@code ContentType.Html}).
 *
 * <p>Stateless: build one and share it; it is thread-safe and cheap.
 */
public final class DocumentRenderer {

    private static final int INITIAL_CAPACITY = 32 * 1024;

    /** A renderer; it holds no state (bundles and formats are cached per language on first use). */
    public DocumentRenderer() {
    }

    /** The invoice as an HTML document. */
    public String invoiceHtml(InvoiceDocument document) {
        DocumentView.Invoice page = DocumentViews.invoice(document);
        StringOutput output = new StringOutput(INITIAL_CAPACITY);
        // No HtmlInterceptor: none is configured (jte passes null in that case too).
        JteinvoiceGenerated.render(new OwaspHtmlTemplateOutput(output), null, page);
        return output.toString();
    }

    /** The credit note as an HTML document. */
    public String creditNoteHtml(CreditNoteDocument document) {
        DocumentView.CreditNote page = DocumentViews.creditNote(document);
        StringOutput output = new StringOutput(INITIAL_CAPACITY);
        JtecreditnoteGenerated.render(new OwaspHtmlTemplateOutput(output), null, page);
        return output.toString();
    }
}
