package io.periodic.billing.rendering;

import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import io.periodic.billing.model.Branding;
import io.periodic.billing.model.SellerProfile;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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
 * <p>The seller's logo is embedded as a {@code data:} URI (docs/branding.md), so the stored HTML stays
 * self-contained and the PDF engine reads it from the document itself. Its bytes come from {@code logos} (the
 * document store) on first use and are then kept: a logo's key names its content's SHA-256, so a key never
 * changes content.
 *
 * <p>Build one and share it; it is thread-safe and cheap.
 */
public final class DocumentRenderer {

    private static final int INITIAL_CAPACITY = 32 * 1024;
    /** Logos kept (by key); a seller has one at a time, so this only bounds a replaced logo's leftovers. */
    private static final int CACHED_LOGOS = 4;

    private final Function<String, byte[]> logos;
    private final Map<String, String> logoUris = new ConcurrentHashMap<>();

    /** A renderer that prints no logo (bundles and formats are cached per language on first use). */
    public DocumentRenderer() {
        this(key -> null);
    }

    /**
     * A renderer that reads a seller's logo by its key through {@code logos} (null when it is gone: the document
     * is printed without it).
     */
    public DocumentRenderer(Function<String, byte[]> logos) {
        this.logos = logos;
    }

    /** The invoice as an HTML document. */
    public String invoiceHtml(InvoiceDocument document) {
        DocumentView.Invoice page = DocumentViews.invoice(document, logoSrc(document.seller()));
        StringOutput output = new StringOutput(INITIAL_CAPACITY);
        // No HtmlInterceptor: none is configured (jte passes null in that case too).
        JteinvoiceGenerated.render(new OwaspHtmlTemplateOutput(output), null, page);
        return output.toString();
    }

    /** The credit note as an HTML document. */
    public String creditNoteHtml(CreditNoteDocument document) {
        DocumentView.CreditNote page = DocumentViews.creditNote(document, logoSrc(document.seller()));
        StringOutput output = new StringOutput(INITIAL_CAPACITY);
        JtecreditnoteGenerated.render(new OwaspHtmlTemplateOutput(output), null, page);
        return output.toString();
    }

    /** The seller's logo as a data: URI, or null when there is none (or it is no longer stored). */
    private String logoSrc(SellerProfile seller) {
        Branding.Logo logo = seller.branding().logo();
        if (logo == null) {
            return null;
        }
        String cached = logoUris.get(logo.key());
        if (cached != null) {
            return cached;
        }
        byte[] content = logos.apply(logo.key());
        if (content == null) {
            return null;
        }
        if (logoUris.size() >= CACHED_LOGOS) {
            logoUris.clear();
        }
        String uri = Branded.dataUri(logo, content);
        logoUris.put(logo.key(), uri);
        return uri;
    }
}
