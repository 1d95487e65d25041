package io.periodic.billing.service;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.billing.payments.PaymentLedger;
import io.periodic.billing.payments.PaymentTransitions;
import io.periodic.billing.payments.UnapplyLedger;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Undoes a misapplied payment, as a person decided ({@link UnapplyLedger}): one version-checked transaction over
 * the payment, every invoice it paid, its allocations and the customer's credit balance, then
 * {@code invoice.reopened} for each invoice it reopened and {@code payment.unapplied} (with who and why) through
 * {@link PaymentPosting#announce}. The payer alias the payment taught when it was applied by hand (if any) is
 * forgotten right after the commit, so the next payment from that payer is not sent to the same customer again; a
 * retry of the request (same commit marker) forgets it too if a crash came in between.
 */
final class PaymentUnapplication {
    /** The longest reason a person may give. */
    static final int MAX_REASON = 500;

    private final BillingStore store;
    private final Clock clock;
    private final PaymentPosting posting;
    private final PayerAliasService aliases;
    private final ConflictRetry retry = ConflictRetry.standard();

    PaymentUnapplication(BillingStore store, Clock clock, PaymentPosting posting,
            PayerAliasService aliases) {
        this.store = store;
        this.aliases = aliases;
        this.clock = clock;
        this.posting = posting;
    }

    Payment unapply(String paymentId, String by, String why, String commitMarker, long markerExpiresAt) {
        if (why == null || why.isBlank() || why.length() > MAX_REASON) {
            throw new IllegalArgumentException("a reason of 1-" + MAX_REASON + " characters is required");
        }
        return retry.run(() -> {
            Payment payment = store.payments().get(paymentId)
                    .orElseThrow(() -> new NotFoundException("payment", paymentId));
            String refusal = PaymentTransitions.refusal(payment, PaymentTransitions.Event.UNAPPLIED_BY_HAND);
            if (refusal != null) {
                if (commitMarker != null && store.payments().committed(commitMarker)) {
                    // This request's undo was committed by an earlier attempt that died before answering.
                    aliases.forgetAliasLearnedFrom(paymentId);
                    throw new DuplicateException("the undo of payment " + paymentId + " was committed before", null);
                }
                throw new ConflictException(refusal);
            }
            List<Allocation> allocations = store.payments().allocationsOfPayment(paymentId);
            Map<String, Invoice> invoices = new LinkedHashMap<>();
            for (Allocation a : allocations) {
                if (a.amount().isPositive()) {
                    invoices.put(a.invoiceId(), store.invoices().get(a.invoiceId()).orElseThrow());
                }
            }
            CreditBalance balance = payment.customerId() == null
                    ? CreditBalance.empty("unknown", payment.amount().currency())
                    : store.credit().balance(payment.customerId(), payment.amount().currency());
            PaymentLedger.Result result;
            try {
                result = UnapplyLedger.unapply(payment, allocations, invoices, balance, by, why, clock.now());
            } catch (IllegalStateException refused) {
                throw new ConflictException(refused.getMessage());
            }
            Payment after;
            try {
                after = posting.commit(result, commitMarker, markerExpiresAt);
            } catch (AlreadyExistsException committedBefore) {
                throw new DuplicateException(committedBefore.getMessage(), committedBefore);
            }
            aliases.forgetAliasLearnedFrom(paymentId);
            for (String reopened : result.reopenedInvoiceIds()) {
                posting.reopened(reopened, paymentId, "unapplied-v" + payment.version());
            }
            posting.announce(after);
            return store.payments().get(paymentId).orElseThrow();
        });
    }
}
