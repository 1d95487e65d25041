package io.periodic.functions.invoicepdf;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.lambda.PrimingSamples;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.DocumentRefresh;
import io.periodic.billing.wiring.Periodic;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * EventBridge target for {@code invoice.finalized}, {@code invoice.voided}, {@code invoice.paid},
 * {@code invoice.reopened} and {@code credit_note.issued}: on {@code invoice.paid} / {@code invoice.reopened} it first
 * re-renders the invoice's stored HTML as the invoice is now ({@link DocumentRefresh}: the paid copy with its stamp and
 * any bank fee written off, or open again); then it reads the document's stored HTML and stores the PDF beside it ({@code invoices/<id>.pdf}, {@code credit-notes/<id>.pdf}).
 * Re-rendering overwrites the same key, so duplicate events are harmless. Failures are retried by EventBridge and
 * then dead-lettered (alarmed).
 */
public final class InvoicePdfHandler implements RequestHandler<Map<String, Object>, String> {
    private final DocumentStore documents;
    private final DocumentRefresh refresh;

    public InvoicePdfHandler() {
        this(Periodic.fromEnvironment());
    }

    private InvoicePdfHandler(Periodic root) {
        // The re-rendering use case (and its DynamoDB client) is built on the first invoice.paid / invoice.reopened:
        // the documents issued and voided need neither.
        this(root.documents(), invoiceId -> root.documentRefresh().refresh(invoiceId));
        // SnapStart: load the fonts and the PDF pipeline by rendering a Japanese invoice in memory; read a missing key.
        Priming.register("invoice-pdf", this::prime);
    }

    public InvoicePdfHandler(DocumentStore documents, DocumentRefresh refresh) {
        this.documents = documents;
        this.refresh = refresh;
    }

    /** SnapStart priming: fonts and the PDF pipeline loaded by rendering in memory; a missing key read. */
    public void prime() {
        HtmlToPdf.render(PrimingSamples.invoiceHtml(new DocumentRenderer()));
        documents.get("priming/none.html");
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        DocumentEvent document = DocumentEvent.of(event);
        if (document.refreshedInvoiceId() != null) {
            refresh.refresh(document.refreshedInvoiceId());
        }
        String key = document.htmlKey();
        byte[] html = documents.get(key);
        if (html == null) {
            throw new IllegalStateException("document " + key + " is not stored (yet); EventBridge will retry");
        }
        String pdfKey = key.substring(0, key.length() - ".html".length()) + ".pdf";
        byte[] pdf = HtmlToPdf.render(new String(html, StandardCharsets.UTF_8));
        String link = documents.put(pdfKey, "application/pdf", pdf);
        Log.event("pdf_rendered", "key", pdfKey, "bytes", Integer.toString(pdf.length));
        return link;
    }
}
