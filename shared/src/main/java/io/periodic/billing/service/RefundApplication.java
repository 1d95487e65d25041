package io.periodic.billing.service;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentEvents;
import io.periodic.billing.payments.PaymentLedger;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentTransitions;
import io.periodic.billing.payments.RefundLedger;
import io.periodic.billing.payments.RefundTotals;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.EventPublisher;
import io.periodic.billing.service.PaymentService.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies refunds and disputes: each is stored once per (payment, refund id); one that arrives before its payment
 * waits and is decided right after the payment (also when the payment's message comes back after a crash). What a
 * refund takes back is what it adds to the refunds already counted ({@link RefundTotals}), so the same refund
 * reported twice, in two shapes or out of order counts once; one that adds nothing is recorded as ignored, one that
 * can never be applied (another currency) is recorded as rejected with its reason, listed for a person and
 * announced - never thrown, which would only retry it into the dead-letter queue.
 */
final class RefundApplication {
    private final BillingStore store;
    private final EventPublisher events;
    private final Clock clock;
    private final PaymentPosting posting;
    private final ConflictRetry retry = ConflictRetry.standard();

    RefundApplication(BillingStore store, EventPublisher events, Clock clock, PaymentPosting posting) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.posting = posting;
    }

    Outcome takeBack(PaymentNotification n) {
        String paymentId = Payment.idFor(n.provider(), n.providerPaymentId());
        Refund refund = new Refund(paymentId, n.refundId(),
                n.kind() == PaymentNotification.Kind.DISPUTED ? Refund.Kind.DISPUTE : Refund.Kind.REFUND, n.amount(),
                Refund.Status.WAITING, n.occurredAt(), n.runningTotal(), null, null, null);
        try {
            refund = store.payments().createRefund(refund);
        } catch (AlreadyExistsException duplicate) {
            refund = store.payments().getRefund(paymentId, n.refundId()).orElseThrow();
        }
        Optional<Payment> payment = store.payments().get(paymentId);
        if (payment.isEmpty() || PaymentTransitions.awaitsMatching(payment.get())) {
            return Outcome.WAITING_FOR_PAYMENT; // decided right after its payment
        }
        if (refund.status() != Refund.Status.WAITING) {
            posting.announce(payment.get());
            if (refund.status() == Refund.Status.REJECTED) {
                // Again, in case a crash came between the decision and its announcement (the event id is the same).
                events.publish(PaymentEvents.refundRejected(payment.get(), refund, clock.now()));
                return Outcome.REJECTED;
            }
            return Outcome.DUPLICATE;
        }
        Decided decided = applyRefund(payment.get(), refund);
        posting.announce(decided.payment());
        return switch (decided.refund().status()) {
            case IGNORED -> Outcome.IGNORED;
            case REJECTED -> Outcome.REJECTED;
            default -> Outcome.REFUNDED;
        };
    }

    /** Decides the payment's waiting refunds and disputes, in id order; returns the payment after them. */
    Payment applyWaiting(Payment payment) {
        for (Refund waiting : store.payments().refundsOf(payment.id())) {
            if (waiting.status() == Refund.Status.WAITING) {
                payment = applyRefund(payment, waiting).payment();
            }
        }
        return payment;
    }

    /** A refund as decided, and its payment after the decision. */
    private record Decided(Payment payment, Refund refund) {}

    /**
     * Decides one waiting refund or dispute, in one version-checked transaction with its payment: rejected (another
     * currency than the payment: it can never be applied), ignored (it adds nothing to the refunds already counted,
     * or the payment is refunded in full), or applied for what it adds. Every decision writes the payment, so two
     * refunds of one payment are decided one after the other, each against the other's outcome: the payment is
     * read first, then its refunds (consistently), and a commit after either changed is refused and decided again.
     */
    private Decided applyRefund(Payment read, Refund waiting) {
        return retry.run(() -> {
            Payment payment = store.payments().get(read.id()).orElseThrow();
            Refund refund = store.payments().getRefund(payment.id(), waiting.refundId()).orElseThrow();
            if (refund.status() != Refund.Status.WAITING) {
                return new Decided(payment, refund);
            }
            if (refund.outcome() == Refund.Outcome.WON) {
                // Closed for the seller before it was ever applied: the money never leaves the payment.
                Refund ignored = refund.ignored("dispute " + refund.refundId() + " was won before it was applied; "
                        + "nothing is taken back");
                return new Decided(posting.commitDecision(payment, ignored), ignored);
            }
            if (!refund.amount().currency().equals(payment.amount().currency())) {
                Refund rejected = refund.rejected(refund.kind().name().toLowerCase(Locale.ROOT) + " "
                        + refund.refundId() + " of " + refund.amount() + " is in "
                        + refund.amount().currency().getCurrencyCode() + " but payment " + payment.id()
                        + " is in " + payment.amount().currency().getCurrencyCode()
                        + "; it cannot be applied and waits for a person");
                Payment after = posting.commitDecision(payment, rejected);
                events.publish(PaymentEvents.refundRejected(after, rejected, clock.now()));
                return new Decided(after, rejected);
            }
            List<Refund> refunds = store.payments().refundsOf(payment.id());
            Money newly = RefundTotals.newlyRefunded(refund, refunds);
            String refused = PaymentTransitions.refusal(payment, PaymentTransitions.Event.takingBack(refund.kind()));
            if (!newly.isPositive() || refused != null) {
                Refund ignored = refund.ignored(!newly.isPositive()
                        ? (refund.runningTotal() ? "a running total of " + refund.amount()
                                : "refund of " + refund.amount())
                                + " adds nothing to the refunds already counted for this payment ("
                                + countedRefunds(refunds) + ")"
                        : refused);
                return new Decided(posting.commitDecision(payment, ignored), ignored);
            }
            List<Allocation> allocations = store.payments().allocationsOfPayment(payment.id());
            Map<String, Invoice> invoices = new LinkedHashMap<>();
            for (Allocation a : allocations) {
                store.invoices().get(a.invoiceId()).ifPresent(i -> invoices.put(i.id(), i));
            }
            CreditBalance balance = payment.customerId() == null
                    ? CreditBalance.empty("unknown", payment.amount().currency())
                    : store.credit().balance(payment.customerId(), payment.amount().currency());
            PaymentLedger.Result result = RefundLedger.refund(payment, refund, newly, allocations, invoices,
                    balance, clock.now());
            Payment after = posting.commit(result);
            for (String reopened : result.reopenedInvoiceIds()) {
                posting.reopened(reopened, payment.id(), refund.refundId());
            }
            events.publish(PaymentEvents.paymentRefunded(after, refund.refundId(), clock.now()));
            return new Decided(after, result.refunds().get(0));
        });
    }

    /** The payment's counted refunds, for a reason: "<id> <amount>, …". */
    private static String countedRefunds(List<Refund> refunds) {
        String listed = refunds.stream()
                .filter(r -> r.status() == Refund.Status.APPLIED || r.status() == Refund.Status.IGNORED)
                .map(r -> r.refundId() + " " + r.amount() + (r.runningTotal() ? " in total" : ""))
                .collect(Collectors.joining(", "));
        return listed.isEmpty() ? "none" : listed;
    }
}
