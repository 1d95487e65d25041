package io.periodic.functions.invoicepdf;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.lambda.PrimingSamples;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.wiring.Periodic;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * EventBridge target for {@code invoice.finalized}, {@code invoice.voided}, {@code invoice.paid},
 * {@code invoice.reopened} and {@code credit_note.issued} (each published after its document was stored or
 * re-rendered: issued, VOID, PAID, open again): reads the document's stored HTML and stores the PDF beside it ({@code invoices/<id>.pdf}, {@code credit-notes/<id>.pdf}).
 * Re-rendering overwrites the same key, so duplicate events are harmless. Failures are retried by EventBridge and
 * then dead-lettered (alarmed).
 */
public final class InvoicePdfHandler implements RequestHandler<Map<String, Object>, String> {
    private final DocumentStore documents;

    public InvoicePdfHandler() {
        this(Periodic.fromEnvironment().documents());
        // SnapStart: load the fonts and the PDF pipeline by rendering a Japanese invoice in memory; read a missing key.
        Priming.register("invoice-pdf", this::prime);
    }

    public InvoicePdfHandler(DocumentStore documents) {
        this.documents = documents;
    }

    /** SnapStart priming: fonts and the PDF pipeline loaded by rendering in memory; a missing key read. */
    public void prime() {
        HtmlToPdf.render(PrimingSamples.invoiceHtml(new DocumentRenderer()));
        documents.get("priming/none.html");
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        String key = htmlKey(event);
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

    /** The stored HTML document an event is about. */
    static String htmlKey(Map<String, Object> event) {
        Object type = event.get("detail-type");
        if (!(event.get("detail") instanceof Map<?, ?> detail)) {
            throw new IllegalArgumentException("event without detail: " + event.keySet());
        }
        String id = switch (String.valueOf(type)) {
            case "invoice.finalized", "invoice.voided", "invoice.paid", "invoice.reopened" ->
                    "invoices/" + required(detail, "invoiceId");
            case "credit_note.issued" -> "credit-notes/" + required(detail, "creditNoteId");
            default -> throw new IllegalArgumentException("not a document event: " + type);
        };
        return id + ".html";
    }

    private static String required(Map<?, ?> detail, String field) {
        Object value = detail.get(field);
        if (!(value instanceof String s) || !s.matches("[A-Za-z0-9][A-Za-z0-9_.:\\-]{0,200}")) {
            throw new IllegalArgumentException("event detail has no valid " + field + ": " + value);
        }
        return s;
    }
}
