package io.periodic.functions.invoicepdf;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.lambda.PrimingSamples;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.DocumentRefresh;
import io.periodic.billing.service.InvoiceDelivery;
import io.periodic.billing.service.ReceiptMailing;
import io.periodic.billing.wiring.Periodic;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * EventBridge target for the document events ({@link DocumentEvent}) and {@code payment.applied}, on which it mails
 * the payment's confirmations ({@link ReceiptMailing}) and renders nothing. On a paid or reopened invoice it first
 * re-renders the stored HTML as the invoice is now ({@link DocumentRefresh}); then it renders the stored HTML to a
 * PDF beside it and hands it to {@link InvoiceDelivery}, which mails an issued invoice or credit note with the PDF
 * attached, once. Duplicate events are harmless; failures are retried by EventBridge, then dead-lettered (alarmed).
 */
public final class InvoicePdfHandler implements RequestHandler<Map<String, Object>, String> {
    private final DocumentStore documents;
    private final DocumentRefresh refresh;
    private final InvoiceDelivery delivery;
    private final ReceiptMailing receipts;

    public InvoicePdfHandler() {
        this(Periodic.fromEnvironment());
    }

    private InvoicePdfHandler(Periodic root) {
        this(root.documents(), invoiceId -> root.documentRefresh().refresh(invoiceId), root.invoiceDelivery(),
                root.receiptMailing());
        // SnapStart: load the fonts and the PDF pipeline by rendering a Japanese invoice in memory; read a missing key.
        Priming.register("invoice-pdf", this::prime);
    }

    public InvoicePdfHandler(DocumentStore documents, DocumentRefresh refresh, InvoiceDelivery delivery,
            ReceiptMailing receipts) {
        this.documents = documents;
        this.refresh = refresh;
        this.delivery = delivery;
        this.receipts = receipts;
    }

    /** SnapStart priming: fonts and PDF pipeline loaded by rendering in memory; a missing key and mail read. */
    public void prime() {
        HtmlToPdf.render(PrimingSamples.invoiceHtml(new DocumentRenderer()));
        documents.get("priming/none.html");
        delivery.prime();
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        String paymentId = DocumentEvent.appliedPaymentId(event);
        if (paymentId != null) {
            return "receipts:" + receipts.confirm(paymentId);
        }
        DocumentEvent document = DocumentEvent.of(event);
        if (document.refreshedInvoiceId() != null) {
            refresh.refresh(document.refreshedInvoiceId());
        }
        byte[] html = documents.get(document.htmlKey());
        if (html == null) {
            throw new IllegalStateException("document " + document.htmlKey() + " not stored yet; EventBridge retries");
        }
        byte[] pdf = HtmlToPdf.render(new String(html, StandardCharsets.UTF_8));
        String link = documents.put(document.pdfKey(), "application/pdf", pdf);
        Log.event("pdf_rendered", "key", document.pdfKey(), "bytes", Integer.toString(pdf.length));
        InvoiceDelivery.Outcome mailed = delivery.documentReady(document.type(), document.documentId(), pdf);
        if (mailed != InvoiceDelivery.Outcome.NOT_MAILED) {
            Log.event("document_mailed", "event", document.type(), "id", document.documentId(), "outcome",
                    mailed.name());
        }
        return link;
    }
}
