package io.periodic.billing.service;

import io.periodic.billing.model.Payment;
import io.periodic.billing.payments.PaymentLedger;
import io.periodic.billing.payments.PaymentMatching;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentTransitions;
import io.periodic.billing.payments.RefundTotals;
import io.periodic.billing.payments.Suggestions;
import io.periodic.billing.payments.Suggestions.Suggestion;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.PaymentRepository;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.EventPublisher;
import java.util.List;

/**
 * The payments' door: applies payment notifications (the payment matcher's use case) and a person's manual
 * applications, idempotently and in any order. The work is done by {@link PaymentReceipt} (a received payment,
 * matched), {@link RefundApplication} (refunds and disputes), {@link ManualPaymentApplication} (cash applied by
 * hand), {@link PaymentUnapplication} (a misapplied payment undone), {@link DisputeClosing} (disputes won or
 * lost), each committing and announcing through {@link PaymentPosting}; every status change of a payment is
 * decided by {@link PaymentTransitions}:
 * <ul>
 *   <li>a payment is stored once per (provider, provider payment id) - never per queue message - and applied once:
 *       matched by {@link PaymentMatching}, then written by {@link PaymentRepository#commit} in one version-checked
 *       transaction (a racing payment on the same invoice makes one of them re-read and decide again);
 *   <li>a refund or dispute is stored once per (payment, refund id); one that arrives before its payment waits
 *       and is applied right after the payment (also when the payment's message comes back after a crash). What a
 *       refund takes back is what it adds to the refunds already counted ({@link RefundTotals}), so the same refund
 *       reported twice, in two shapes or out of order counts once; one that adds nothing is recorded as ignored,
 *       one that can never be applied (another currency) is recorded as rejected with its reason, listed for a
 *       person and announced - never thrown, which would only retry it into the dead-letter queue;
 *   <li>events ({@code invoice.paid}, {@code payment.unapplied}, ...) are published after the commit; the payment
 *       remembers whether they were, so a crash in between is caught up by the redelivered message.
 * </ul>
 * Every accepted notification ends applied, held as unapplied cash or as a rejected refund (with a reason, listed
 * for a person), or - when writing keeps failing - back on the queue and finally on its alarmed dead-letter
 * queue.
 */
public final class PaymentService {
    /**
     * What handling one notification did. {@code IGNORED}: a refund the payment's refunds already count (another
     * report of the same refund), recorded. {@code REJECTED}: a refund that can never be applied (another currency
     * than its payment), held with its reason and listed for a person.
     */
    public enum Outcome {
        APPLIED, PARTIALLY_APPLIED, UNAPPLIED, REFUNDED, WAITING_FOR_PAYMENT, DUPLICATE, IGNORED, REJECTED,
        /** A dispute closed: won (the money back, applied again) or lost (the outcome recorded). */
        DISPUTE_CLOSED
    }

    private final BillingStore store;
    private final PaymentPosting posting;
    private final PaymentReceipt receipt;
    private final RefundApplication refunds;
    private final ManualPaymentApplication manual;
    private final PaymentSuggestions suggestions;
    private final PayerAliasService aliases;
    private final PaymentUnapplication unapplication;
    private final DisputeClosing disputes;

    /**
     * The payments' door. It mails nothing: the customers' confirmations follow {@code payment.applied}
     * ({@link ReceiptMailing}, in the document function; docs/delivery.md).
     */
    public PaymentService(BillingStore store, EventPublisher events, Clock clock) {
        this.store = store;
        this.posting = new PaymentPosting(store, events, clock);
        this.refunds = new RefundApplication(store, events, clock, posting);
        this.receipt = new PaymentReceipt(store, clock, posting, refunds);
        this.manual = new ManualPaymentApplication(store, clock, posting);
        this.suggestions = new PaymentSuggestions(store);
        this.aliases = new PayerAliasService(store);
        this.unapplication = new PaymentUnapplication(store, clock, posting, aliases);

        this.disputes = new DisputeClosing(store, clock, posting, refunds);
    }

    /**
     * SnapStart priming: the matching cascade's reads for a payment nobody made — an invoice number, an e-mail, a
     * payer name, a customer's open invoices — and the decision, with nothing written or published.
     */
    public void prime() {
        receipt.prime();
    }

    public Outcome handle(PaymentNotification n) {
        return switch (n.kind()) {
            case RECEIVED -> receipt.receive(n);
            case REFUNDED, DISPUTED -> refunds.takeBack(n);
            case DISPUTE_WON, DISPUTE_LOST -> disputes.close(n);
        };
    }

    /** An amount (minor units of the payment's currency) a person applies to one invoice. */
    public record ManualApplication(String invoiceId, long minor) {}

    /**
     * Items a manual application writes per invoice: the invoice and its allocation (new, or raised when the
     * payment already paid part of that invoice). {@link PaymentLedger#applyManually} writes no credit and no refund.
     */
    static final int MANUAL_ITEMS_PER_INVOICE = 2;
    /**
     * Items it writes once: the payment, the request's commit marker (when the request has one), and the payer
     * alias it teaches (when it teaches one).
     */
    static final int MANUAL_FIXED_ITEMS = 3;
    /**
     * The most invoices one manual application may name: all of it is one transaction (never half-applied), which
     * holds at most {@link PaymentRepository#MAX_TRANSACTION_ITEMS} items ((100 - 3) / 2 = 48), and a payment may
     * be allocated to at most {@link PaymentLedger#MAX_ALLOCATIONS_PER_PAYMENT} invoices in all, so that refunding
     * it stays one transaction: the smaller of the two, 47.
     */
    public static final int MAX_MANUAL_APPLICATIONS = Math.min(PaymentLedger.MAX_ALLOCATIONS_PER_PAYMENT,
            (PaymentRepository.MAX_TRANSACTION_ITEMS - MANUAL_FIXED_ITEMS) / MANUAL_ITEMS_PER_INVOICE);
    /** The most items one transaction holds (DynamoDB's limit): what bounds {@link #MAX_MANUAL_APPLICATIONS}. */
    public static final int MAX_TRANSACTION_ITEMS = PaymentRepository.MAX_TRANSACTION_ITEMS;

    /**
     * Applies a payment's unapplied cash by hand (a person resolved it): one version-checked transaction, then
     * invoice.paid for the invoices it settled. Refusals: {@link NotFoundException} for an unknown payment or
     * invoice, {@link ConflictException} when the current state refuses it, IllegalArgumentException for more than
     * {@link #MAX_MANUAL_APPLICATIONS} invoices.
     */
    public Payment applyManually(String paymentId, List<ManualApplication> requested, String by) {
        return manual.apply(paymentId, requested, by, null, 0);
    }

    /**
     * {@link #applyManually(String, List, String)} for one request: {@code commitMarker} (the request's
     * idempotency scope) is written in the same transaction as the application, so a retry of the request after a
     * crash does not apply the money twice.
     *
     * @throws DuplicateException when this request's application was committed before (nothing is applied
     *     again)
     */
    public Payment applyManually(String paymentId, List<ManualApplication> requested, String by, String commitMarker,
            long markerExpiresAt) {
        return manual.apply(paymentId, requested, by, commitMarker, markerExpiresAt);
    }

    /** The longest reason a person may give for undoing a payment's applications. */
    public static final int MAX_UNAPPLY_REASON = PaymentUnapplication.MAX_REASON;

    /**
     * Undoes a misapplied payment (a person decided): every allocation reversed (paid invoices reopen, so dunning
     * may resume), the credit it added taken back, the payment unapplied cash again with who, when and why - one
     * version-checked transaction ({@code UnapplyLedger}), with the request's commit
     * marker. Refusals: {@link NotFoundException}, {@link ConflictException} (nothing applied, refunded in full,
     * still being matched, its credit used since), IllegalArgumentException for a missing or too long reason.
     *
     * @throws DuplicateException when this request's undo was committed before
     */
    public Payment unapply(String paymentId, String by, String why, String commitMarker, long markerExpiresAt) {
        return unapplication.unapply(paymentId, by, why, commitMarker, markerExpiresAt);
    }

    /**
     * A payment's suggestions, best first (at most 5), or none with a {@code note} saying why when it holds no
     * unapplied cash.
     */
    public record Suggested(Payment payment, List<Suggestion> suggestions, String note) {
        public Suggested {
            suggestions = List.copyOf(suggestions);
        }
    }

    /**
     * The ranked, explained suggestions for a payment's unapplied cash ({@link Suggestions}); a payment that holds
     * none gets an empty list and a note. {@link NotFoundException} for an unknown payment.
     */
    public Suggested suggestions(String paymentId) {
        return suggestions.suggest(paymentId);
    }

    /**
     * Applies the suggestion {@code suggestionId} of a payment as a person accepted it: the suggestions are computed
     * again and the one with that id is applied through the manual application (one transaction; rule
     * {@code suggestion-accepted}, its reasons in the allocation's reason). {@link StaleSuggestionException} when no
     * current suggestion has that id (something changed since it was shown); otherwise the refusals of
     * {@link #applyManually(String, List, String, String, long)}.
     */
    public Payment applySuggestion(String paymentId, String suggestionId, String by, String commitMarker,
            long markerExpiresAt) {
        Suggested current = suggestions.suggest(paymentId);
        Suggestion chosen = current.suggestions().stream().filter(s -> s.id().equals(suggestionId)).findFirst()
                .orElse(null);
        if (chosen == null && commitMarker != null && acceptedBefore(paymentId, suggestionId)) {
            // A retry of a request whose application was committed before it could answer: what it applied is
            // no longer a current suggestion, and the route answers as for any request committed before.
            throw new DuplicateException("suggestion " + suggestionId + " was accepted before", null);
        }
        if (current.note() != null) {
            throw new ConflictException(current.note());
        }
        if (chosen == null) {
            throw new StaleSuggestionException("suggestion " + suggestionId + " is not among the "
                    + "current suggestions of payment " + paymentId + " (the payment, the customer or its "
                    + "invoices changed since it was shown): read GET /payments/" + paymentId + "/suggestions");
        }
        List<ManualApplication> applications = chosen.applications().stream()
                .map(a -> new ManualApplication(a.invoiceId(), a.amount().minor())).toList();
        StringBuilder reason = new StringBuilder("suggestion " + chosen.id() + " (score " + chosen.score()
                + ") accepted by " + by);
        chosen.reasons().forEach(r -> reason.append("; ").append(r.text()));
        return manual.apply(paymentId, applications, by, "suggestion-accepted", reason.toString(), commitMarker,
                markerExpiresAt);
    }

    private boolean acceptedBefore(String paymentId, String suggestionId) {
        return store.payments().allocationsOfPayment(paymentId).stream()
                .anyMatch(a -> "suggestion-accepted".equals(a.rule()) && a.reason().contains(suggestionId));
    }

    /**
     * Publishes the events of a payment's last application if they are still pending (a crash came between the
     * commit and publishing them): for a retried request whose work was committed before. The payment as stored.
     */
    public Payment announcePending(String paymentId) {
        posting.announce(store.payments().get(paymentId)
                .orElseThrow(() -> new NotFoundException("payment", paymentId)));
        return store.payments().get(paymentId).orElseThrow();
    }

    /**
     * The payer aliases manual applications teach (rule {@code learned-alias}): list, forget, and forget what an
     * undone application taught ({@link PayerAliasService#forgetAliasLearnedFrom}).
     */
    public PayerAliasService payerAliases() {
        return aliases;
    }
}
