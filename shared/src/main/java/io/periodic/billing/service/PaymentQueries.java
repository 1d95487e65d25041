package io.periodic.billing.service;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Refund;
import io.periodic.billing.persistence.BillingStore;
import java.util.List;

/**
 * Reading payments for the management API: one payment with its allocations, the payments holding unapplied cash
 * (for a person to apply), and the refunds that can never be applied (for a person to resolve).
 */
public final class PaymentQueries {
    private final BillingStore store;

    public PaymentQueries(BillingStore store) {
        this.store = store;
    }

    public Payment payment(String id) {
        return store.payments().get(id).orElseThrow(() -> new NotFoundException("payment", id));
    }

    /** The invoices a payment went to. */
    public List<Allocation> allocations(String paymentId) {
        return store.payments().allocationsOfPayment(paymentId);
    }

    public Listing<Payment> unapplied(int limit, String cursor) {
        return Listing.of(store.payments().unappliedPage(limit, cursor));
    }

    /** Refunds and disputes that can never be applied (e.g. in another currency than their payment). */
    public Listing<Refund> rejectedRefunds(int limit, String cursor) {
        return Listing.of(store.payments().rejectedRefunds(limit, cursor));
    }
}
