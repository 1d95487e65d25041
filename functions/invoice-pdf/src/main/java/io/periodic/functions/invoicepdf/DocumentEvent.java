package io.periodic.functions.invoicepdf;

import java.util.Map;
import java.util.Set;

/**
 * A document event as EventBridge delivers it to the PDF function: its type and the id of the invoice or credit
 * note, checked (no path can be smuggled into a key), and the keys of the stored HTML and of the PDF beside it; for
 * {@code invoice.paid} / {@code invoice.reopened}, the invoice whose document is re-rendered first.
 */
record DocumentEvent(String type, String documentId, String htmlKey) {
    /** The events whose invoice document is re-rendered (as the invoice is now) before its PDF. */
    static final Set<String> REFRESHED = Set.of("invoice.paid", "invoice.reopened");

    /**
     * The payment of a {@code payment.applied} event (its confirmations are mailed, nothing rendered), checked as
     * the document ids are; null for any other event.
     */
    static String appliedPaymentId(Map<String, Object> event) {
        if (!"payment.applied".equals(event.get("detail-type"))) {
            return null;
        }
        if (!(event.get("detail") instanceof Map<?, ?> detail)) {
            throw new IllegalArgumentException("event without detail: " + event.keySet());
        }
        return required(detail, "paymentId");
    }

    /** Reads the envelope ({@code detail-type}, {@code detail.invoiceId} / {@code detail.creditNoteId}). */
    static DocumentEvent of(Map<String, Object> event) {
        Object type = event.get("detail-type");
        if (!(event.get("detail") instanceof Map<?, ?> detail)) {
            throw new IllegalArgumentException("event without detail: " + event.keySet());
        }
        return switch (String.valueOf(type)) {
            case "invoice.finalized", "invoice.voided", "invoice.paid", "invoice.reopened" -> {
                String id = required(detail, "invoiceId");
                yield new DocumentEvent((String) type, id, "invoices/" + id + ".html");
            }
            case "credit_note.issued" -> {
                String id = required(detail, "creditNoteId");
                yield new DocumentEvent((String) type, id, "credit-notes/" + id + ".html");
            }
            default -> throw new IllegalArgumentException("not a document event: " + type);
        };
    }

    /** The invoice to re-render before the PDF (a paid or reopened one), or null. */
    String refreshedInvoiceId() {
        return REFRESHED.contains(type) ? documentId : null;
    }

    String pdfKey() {
        return htmlKey.substring(0, htmlKey.length() - ".html".length()) + ".pdf";
    }

    private static String required(Map<?, ?> detail, String field) {
        Object value = detail.get(field);
        if (!(value instanceof String s) || !s.matches("[A-Za-z0-9][A-Za-z0-9_.:\\-]{0,200}")) {
            throw new IllegalArgumentException("event detail has no valid " + field + ": " + value);
        }
        return s;
    }
}
