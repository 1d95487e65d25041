package io.periodic.billing.service;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Refund;
import io.periodic.billing.payments.DisputeLedger;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentTransitions;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.service.PaymentService.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Closes disputes ({@code charge.dispute.closed}), idempotently on the dispute id and in any order:
 * <ul>
 *   <li>the outcome is recorded on the dispute once; a closed event delivered again finds it and changes nothing;
 *   <li>won, after the dispute took money back: {@link DisputeLedger#won} gives it back and applies it again to
 *       the invoices the dispute reopened, in one version-checked transaction with the payment; then announced
 *       ({@code invoice.paid}, {@code payment.unapplied} for what is held);
 *   <li>lost: the payment stays as the dispute left it (refunded/disputed); the outcome is recorded with the
 *       payment version-checked;
 *   <li>a closed event before its dispute (or before the dispute's payment) stores the dispute, waiting, with its
 *       outcome: decided when the payment is matched, like any waiting refund - won, nothing is taken back; lost,
 *       it is taken back as a dispute.
 * </ul>
 */
final class DisputeClosing {
    private final BillingStore store;
    private final Clock clock;
    private final PaymentPosting posting;
    private final RefundApplication refunds;
    private final ConflictRetry retry = ConflictRetry.standard();

    DisputeClosing(BillingStore store, Clock clock, PaymentPosting posting, RefundApplication refunds) {
        this.store = store;
        this.clock = clock;
        this.posting = posting;
        this.refunds = refunds;
    }

    Outcome close(PaymentNotification n) {
        String paymentId = Payment.idFor(n.provider(), n.providerPaymentId());
        Refund.Outcome outcome = n.kind() == PaymentNotification.Kind.DISPUTE_WON ? Refund.Outcome.WON
                : Refund.Outcome.LOST;
        try {
            store.payments().createRefund(new Refund(paymentId, n.refundId(), Refund.Kind.DISPUTE, n.amount(),
                    Refund.Status.WAITING, n.occurredAt(), false, null, null, outcome, null));
        } catch (AlreadyExistsException known) {
            // the dispute was stored by its created event (or an earlier delivery of this one)
        }
        return retry.run(() -> {
            Optional<Payment> read = store.payments().get(paymentId);
            Refund dispute = store.payments().getRefund(paymentId, n.refundId()).orElseThrow();
            if (dispute.kind() != Refund.Kind.DISPUTE) {
                return Outcome.IGNORED; // a refund with the dispute's id: never a dispute to close
            }
            boolean first = dispute.outcome() == null;
            if (read.isEmpty() || PaymentTransitions.awaitsMatching(read.get())) {
                if (first) {
                    store.payments().updateRefund(dispute.closed(outcome));
                }
                return Outcome.WAITING_FOR_PAYMENT; // decided right after its payment
            }
            Payment payment = read.get();
            if (dispute.status() == Refund.Status.WAITING) {
                if (first) {
                    posting.commitDecision(payment, dispute.closed(outcome));
                }
                posting.announce(refunds.applyWaiting(store.payments().get(paymentId).orElseThrow()));
                return Outcome.DISPUTE_CLOSED;
            }
            if (!first) {
                return Outcome.DUPLICATE;
            }
            if (outcome == Refund.Outcome.LOST || dispute.status() != Refund.Status.APPLIED
                    || dispute.taken() == null || !dispute.taken().isPositive()) {
                posting.commitDecision(payment, dispute.closed(outcome));
                return Outcome.DISPUTE_CLOSED;
            }
            Map<String, Invoice> invoices = new LinkedHashMap<>();
            List<Allocation> allocations = store.payments().allocationsOfPayment(paymentId);
            for (Allocation a : allocations) {
                store.invoices().get(a.invoiceId()).ifPresent(i -> invoices.put(i.id(), i));
            }
            Payment after = posting.commit(DisputeLedger.won(payment, dispute, allocations, invoices, clock.now()));
            posting.announce(after);
            return Outcome.DISPUTE_CLOSED;
        });
    }
}
