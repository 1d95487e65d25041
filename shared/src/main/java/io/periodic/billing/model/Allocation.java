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
 */
public record Allocation(
        String paymentId,
        String invoiceId,
        Money amount,
        String rule,
        String reason,
        Instant appliedAt,
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
    }

    public Allocation withVersion(Long newVersion) {
        return new Allocation(paymentId, invoiceId, amount, rule, reason, appliedAt, newVersion);
    }
}
