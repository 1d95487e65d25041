package io.periodic.billing.service;

/**
 * Keeps an issued invoice's stored document true to the invoice after a payment changed it: paid (the PAID stamp, a
 * bank fee written off as its own line) or reopened (stamp gone, payment instructions back). The document function
 * (invoice-pdf) calls it on {@code invoice.paid} and {@code invoice.reopened}, then renders the PDF from the result:
 * the payment path itself renders nothing (no renderer or S3 client in the matcher's cold start or per payment).
 */
@FunctionalInterface
public interface DocumentRefresh {

    /** Renders the invoice {@code invoiceId} as it is now and stores it over its document. */
    void refresh(String invoiceId);
}
