package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.money.Money;
import java.time.Instant;

/**
 * Part of a payment applied to one invoice, with the matching rule that decided it and why, so that every
 * application can be explained to a finance person. A refund or dispute lowers {@code amount}.
 *
 * @param rule the matching rule that applied it (e.g. {@code reference}, {@code exact-amount}, {@code manual})
 * @param writtenOff the bank fee the payer deducted that this application wrote off on the invoice besides the cash
 *     (rule {@code fee-tolerance}; zero otherwise), so that an undo can reverse it
 */
public record Allocation(
        String paymentId,
        String invoiceId,
        Money amount,
        String rule,
        String reason,
        Instant appliedAt,
        Money writtenOff,
        Long version) {

    public Allocation {
        required(paymentId, "payment id", Payment.MAX_ID);
        invoiceId = Ids.check(invoiceId, "invoice id");
        notNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("an allocation cannot be negative: " + amount);
        }
        rule = required(rule, "rule", 40);
        reason = required(reason, "reason", 1000);
        notNull(appliedAt, "appliedAt");
        writtenOff = writtenOff == null ? Money.zero(amount.currency()) : writtenOff;
        writtenOff.requireSameCurrency(amount);
        if (writtenOff.isNegative()) {
            throw new IllegalArgumentException("a write-off cannot be negative: " + writtenOff);
        }
    }

    /** An application of cash only (no bank fee written off). */
    public Allocation(String paymentId, String invoiceId, Money amount, String rule, String reason, Instant appliedAt,
            Long version) {
        this(paymentId, invoiceId, amount, rule, reason, appliedAt, null, version);
    }

    public Allocation withVersion(Long newVersion) {
        return new Allocation(paymentId, invoiceId, amount, rule, reason, appliedAt, writtenOff, newVersion);
    }
}
