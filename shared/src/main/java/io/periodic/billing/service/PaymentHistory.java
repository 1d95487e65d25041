package io.periodic.billing.service;

import io.periodic.billing.calendar.LocalDue;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.reports.PaymentBehaviourReport.Settled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's settled invoices as payment history (dunning's timing and the payment-behaviour report): for each
 * paid invoice, its due date, the local date of the last payment applied to it, and whether it was paid in parts.
 * Invoices settled by credit alone say nothing about paying habits and are left out.
 */
public final class PaymentHistory {
    private final BillingStore store;

    public PaymentHistory(BillingStore store) {
        this.store = store;
    }

    /** The history of the customer's latest {@code limit} invoices, leaving out {@code exceptInvoiceId}. */
    public List<Settled> settled(Customer customer, int limit, String exceptInvoiceId) {
        List<Settled> settled = new ArrayList<>();
        String cursor = null;
        int seen = 0;
        do {
            var page = store.invoices().byCustomer(customer.id(), Math.min(100, limit - seen), cursor);
            for (Invoice paid : page.items()) {
                seen++;
                if (paid.status() != InvoiceStatus.PAID || paid.id().equals(exceptInvoiceId)) {
                    continue;
                }
                List<Allocation> allocations = store.payments().allocationsOfInvoice(paid.id());
                if (allocations.isEmpty()) {
                    continue;
                }
                Instant last = allocations.stream().map(Allocation::appliedAt).max(Instant::compareTo).orElseThrow();
                settled.add(new Settled(paid.dueDate(), LocalDue.localDate(last, customer.timeZone()),
                        allocations.size() > 1));
            }
            cursor = page.cursor();
        } while (cursor != null && seen < limit);
        return settled;
    }
}
