package io.periodic.billing.persistence;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Payment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/**
 * Payments, keyed by (provider, provider payment id) so that a payment reported twice is stored once;
 * their allocations to invoices; and the payments holding unapplied cash.
 */
public final class PaymentRepository {
    private final EntityTable<Payment> payments;
    private final EntityTable<Allocation> allocations;
    private final WorkIndex work;

    PaymentRepository(EntityTable<Payment> payments, EntityTable<Allocation> allocations, WorkIndex work) {
        this.payments = payments;
        this.allocations = allocations;
        this.work = work;
    }

    /** Stores a new payment; the same provider payment again fails with {@link AlreadyExistsException}. */
    public Payment create(Payment payment) {
        return payments.create(payment);
    }

    public Optional<Payment> get(String id) {
        return payments.get(BillingTable.payment(id), "PAYMENT");
    }

    public Optional<Payment> getByProviderId(String provider, String providerPaymentId) {
        return get(Payment.idFor(provider, providerPaymentId));
    }

    public Payment update(Payment payment) {
        return payments.update(payment);
    }

    public Allocation createAllocation(Allocation allocation) {
        return allocations.create(allocation);
    }

    public Allocation updateAllocation(Allocation allocation) {
        return allocations.update(allocation);
    }

    /** Where one payment went. */
    public List<Allocation> allocationsOfPayment(String paymentId) {
        return allocations.query(null, QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(BillingTable.payment(paymentId)).sortValue("ALLOC#").build()),
                1000, null, true).items();
    }

    /** Which payments paid one invoice, in the order they were applied. */
    public List<Allocation> allocationsOfInvoice(String invoiceId) {
        return allocations.query(BillingTable.GSI1, QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(BillingTable.invoice(invoiceId)).sortValue("ALLOC#").build()),
                1000, null, true).items();
    }

    /** Ids of payments in one shard holding unapplied cash, received at or before {@code now}, oldest first. */
    public Page<String> unapplied(int shard, Instant now, int limit, String cursor) {
        return work.dueAtOrBefore(BillingTable.Work.PAYMENT_UNAPPLIED, shard, now, limit, cursor);
    }
}
