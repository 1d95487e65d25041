package io.periodic.billing.service;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.rendering.InvoiceDocument;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link DocumentRefresh} over the stored documents: reads the invoice, its customer, the seller and the number of
 * the invoice it corrects, renders it as it is now and stores it over {@code invoices/<id>.html}
 * ({@link InvoiceNotifications#documentKey}). Rendering what the invoice is now - never what an event said - makes a repeated or
 * late call harmless; when the invoice changed while it was rendered (a racing payment or refund), it renders again,
 * so the last document stored is the last state read.
 */
public final class StoredInvoiceDocuments implements DocumentRefresh {
    /** Renders at most this many times when the invoice keeps changing underneath; the last one stands. */
    static final int MAX_RENDERS = 3;

    private final BillingStore store;
    private final DocumentRenderer renderer;
    private final DocumentStore documents;

    public StoredInvoiceDocuments(BillingStore store, DocumentRenderer renderer, DocumentStore documents) {
        this.store = store;
        this.renderer = renderer;
        this.documents = documents;
    }

    @Override
    public void refresh(String invoiceId) {
        for (int render = 1; render <= MAX_RENDERS; render++) {
            Optional<Invoice> read = store.invoices().get(invoiceId);
            if (read.isEmpty() || read.get().status() == InvoiceStatus.DRAFT) {
                return; // nothing issued, nothing to keep true
            }
            Invoice invoice = read.get();
            Optional<Customer> customer = store.customers().get(invoice.customerId());
            if (customer.isEmpty()) {
                return; // the customer is gone: the document stays as issued
            }
            InvoiceNotifications.store(renderer, documents, new InvoiceDocument(invoice, customer.get(),
                    store.settings().requireSeller(), correctsNumber(invoice)));
            Long after = store.invoices().get(invoiceId).map(Invoice::version).orElse(null);
            if (Objects.equals(after, invoice.version())) {
                return;
            }
        }
    }

    /** The number of the voided invoice {@code invoice} replaces, or null. */
    String correctsNumber(Invoice invoice) {
        return invoice.correctionOf() == null ? null
                : store.invoices().get(invoice.correctionOf()).map(Invoice::number).orElse(null);
    }
}
