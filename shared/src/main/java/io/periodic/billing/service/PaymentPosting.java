package io.periodic.billing.service;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.PayerAlias;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Refund;
import io.periodic.billing.payments.PaymentEvents;
import io.periodic.billing.payments.PaymentLedger;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.PaymentRepository;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.EventPublisher;
import java.util.List;

/**
 * Posts what the payment ledger decided: commits a {@link PaymentLedger.Result} in one version-checked transaction,
 * then publishes what it means for other systems ({@code invoice.paid}, {@code payment.unapplied}) and marks the
 * payment announced - so a crash between the commit and publishing is caught up by the next delivery. Shared by the
 * payment use cases (receipt, refunds, manual application).
 */
final class PaymentPosting {
    private final BillingStore store;
    private final EventPublisher events;
    private final Clock clock;
    private final ConflictRetry retry = ConflictRetry.standard();

    PaymentPosting(BillingStore store, EventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Commits a ledger result; returns the payment as stored. */
    Payment commit(PaymentLedger.Result r) {
        return commit(r, null, 0);
    }

    /**
     * Commits a ledger result with a request's commit marker ({@code commitMarker} null: none), written create-once
     * in the same transaction; returns the payment as stored.
     *
     * @throws AlreadyExistsException when the marker exists: committed before
     */
    Payment commit(PaymentLedger.Result r, String commitMarker, long markerExpiresAt) {
        return commit(r, commitMarker, markerExpiresAt, null);
    }

    /**
     * {@link #commit(PaymentLedger.Result, String, long)} with the payer alias the application taught
     * ({@code learned} null: none), in the same transaction.
     */
    Payment commit(PaymentLedger.Result r, String commitMarker, long markerExpiresAt, PayerAlias learned) {
        return store.payments().commit(new PaymentRepository.Application(r.payment(), r.invoices(),
                r.newAllocations(), r.changedAllocations(), r.creditEntries(), r.balanceAfter(), r.refunds()),
                commitMarker, markerExpiresAt, learned);
    }

    /** Records a decision that takes nothing back: the refund, with the payment version-checked (and bumped). */
    Payment commitDecision(Payment payment, Refund decided) {
        return store.payments().commit(new PaymentRepository.Application(payment, List.of(), List.of(), List.of(),
                List.of(), null, List.of(decided)));
    }

    /**
     * Publishes what the payment's last application means for other systems, once it is committed: invoices it
     * paid, unapplied cash, and {@code payment.applied} when any of it is applied (on which the document function
     * mails the customers' confirmations, {@link ReceiptMailing}). Ids are deterministic, so doing it again after a
     * crash is harmless. (On {@code invoice.paid} and {@code invoice.reopened} the document function re-renders the
     * invoice's stored document: {@link StoredInvoiceDocuments}; the payment path renders and mails nothing.)
     */
    void announce(Payment payment) {
        if (payment.announced()) {
            return;
        }
        for (Allocation a : store.payments().allocationsOfPayment(payment.id())) {
            store.invoices().get(a.invoiceId())
                    .filter(i -> i.status() == InvoiceStatus.PAID && a.amount().isPositive())
                    .ifPresent(i -> paid(i, payment.id()));
        }
        if (payment.unapplied().isPositive()) {
            events.publish(PaymentEvents.paymentUnapplied(payment, clock.now()));
        }
        if (payment.applied().isPositive()) {
            events.publish(PaymentEvents.paymentApplied(payment, clock.now()));
        }
        markAnnounced(payment);
    }

    /** An invoice a payment settled: {@code invoice.paid}. */
    void paid(Invoice invoice, String paymentId) {
        events.publish(PaymentEvents.invoicePaid(invoice, paymentId, clock.now()));
    }

    /** An invoice a refund, dispute or undone application reopened: {@code invoice.reopened} naming the cause. */
    void reopened(String invoiceId, String paymentId, String cause) {
        Invoice invoice = store.invoices().get(invoiceId).orElseThrow();
        events.publish(PaymentEvents.invoiceReopened(invoice, paymentId, cause, clock.now()));
    }

    private void markAnnounced(Payment payment) {
        retry.run(() -> {
            Payment current = store.payments().get(payment.id()).orElseThrow();
            return current.announced() ? current : store.payments().update(current.announcedNow());
        });
    }
}
