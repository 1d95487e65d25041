package io.periodic.billing.service;

/**
 * Keeps an issued invoice's stored document true to the invoice after a payment changed it: paid (the PAID stamp,
 * the payment's date, a bank fee written off as its own line) or reopened (stamp gone, payment instructions back).
 * Called before the event that says so ({@code invoice.paid}, {@code invoice.reopened}) is published, so the PDF
 * function, which renders on that event, reads the new document. {@link #NONE} for use cases run without
 * documents (tests of the ledger alone).
 */
@FunctionalInterface
public interface DocumentRefresh {
    DocumentRefresh NONE = invoiceId -> { };

    /** Renders the invoice {@code invoiceId} as it is now and stores it over its document. */
    void refresh(String invoiceId);
}
