package io.periodic.functions.invoicepdf;

import java.util.Map;
import java.util.Set;

/**
 * What a billing-bus event means to the document function: the stored HTML document it is about and, for
 * {@code invoice.paid} / {@code invoice.reopened}, the invoice whose document is re-rendered first. Ids are checked
 * (no path can be smuggled into a key); anything else is refused with a clear message.
 *
 * @param htmlKey the stored HTML ({@code invoices/<id>.html}, {@code credit-notes/<id>.html})
 * @param refreshedInvoiceId the invoice to re-render before the PDF, or null
 */
record DocumentEvent(String htmlKey, String refreshedInvoiceId) {
    /** The events whose invoice document is re-rendered (as the invoice is now) before its PDF. */
    static final Set<String> REFRESHED = Set.of("invoice.paid", "invoice.reopened");

    static DocumentEvent of(Map<String, Object> event) {
        Object type = event.get("detail-type");
        if (!(event.get("detail") instanceof Map<?, ?> detail)) {
            throw new IllegalArgumentException("event without detail: " + event.keySet());
        }
        return switch (String.valueOf(type)) {
            case "invoice.finalized", "invoice.voided" ->
                    new DocumentEvent("invoices/" + required(detail, "invoiceId") + ".html", null);
            case "invoice.paid", "invoice.reopened" -> {
                String invoiceId = required(detail, "invoiceId");
                yield new DocumentEvent("invoices/" + invoiceId + ".html", invoiceId);
            }
            case "credit_note.issued" ->
                    new DocumentEvent("credit-notes/" + required(detail, "creditNoteId") + ".html", null);
            default -> throw new IllegalArgumentException("not a document event: " + type);
        };
    }

    private static String required(Map<?, ?> detail, String field) {
        Object value = detail.get(field);
        if (!(value instanceof String s) || !s.matches("[A-Za-z0-9][A-Za-z0-9_.:\\-]{0,200}")) {
            throw new IllegalArgumentException("event detail has no valid " + field + ": " + value);
        }
        return s;
    }
}
