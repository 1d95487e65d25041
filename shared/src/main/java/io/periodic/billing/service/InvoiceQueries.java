package io.periodic.billing.service;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.DunningEntry;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.MailEvent;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.DocumentStore;
import java.util.List;

/**
 * Reading invoices for the management API: one invoice with what happened to it (dunning, payments), a
 * customer's invoices, all open invoices, and an issued invoice's stored document.
 */
public final class InvoiceQueries {
    private final BillingStore store;
    private final DocumentStore documents;

    public InvoiceQueries(BillingStore store, DocumentStore documents) {
        this.store = store;
        this.documents = documents;
    }

    /** An invoice with its dunning history and the payments allocated to it. */
    /** An invoice with its dunning history, its payments and what became of its mail (docs/delivery-status.md). */
    public record Detail(Invoice invoice, List<DunningEntry> dunning, List<Allocation> payments,
            List<MailEvent> mail) {}

    /** An issued invoice's document: {@code content} null when it is not stored (yet). */
    public record Document(Invoice invoice, byte[] content) {}

    public Invoice invoice(String id) {
        return store.invoices().get(id).orElseThrow(() -> new NotFoundException("invoice", id));
    }

    public Detail detail(String id) {
        Invoice invoice = invoice(id);
        return new Detail(invoice, store.dunning().history(invoice.id()),
                store.payments().allocationsOfInvoice(invoice.id()), store.delivery().eventsOfInvoice(invoice.id()));
    }

    /** A customer's invoices, all of them or those in one status ({@code status} null: all). */
    public Listing<Invoice> ofCustomer(String customerId, InvoiceStatus status, int limit, String cursor) {
        return Listing.of(status == null ? store.invoices().byCustomer(customerId, limit, cursor)
                : store.invoices().byCustomer(customerId, status, limit, cursor));
    }

    /** Every customer's open invoices. */
    public Listing<Invoice> open(int limit, String cursor) {
        return Listing.of(store.invoices().openPage(limit, cursor));
    }

    /**
     * The stored HTML (or PDF, rendered from it shortly after issue) of an issued invoice; a draft has none yet
     * ({@link ConflictException}).
     */
    public Document document(String id, boolean pdf) {
        Invoice invoice = invoice(id);
        if (invoice.status() == InvoiceStatus.DRAFT) {
            throw new ConflictException("invoice " + invoice.id() + " is a draft: it has no document yet");
        }
        String html = InvoiceNotifications.documentKey(invoice);
        return new Document(invoice, documents.get(pdf ? html.substring(0, html.length() - ".html".length()) + ".pdf"
                : html));
    }
}
