package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.calendar.Fraction;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import java.time.LocalDate;

/**
 * A charge or credit waiting on a subscription for its next invoice: the proration of a mid-period change (credit
 * for unused time on the old plan, charge for the remaining time on the new one) or a one-off adjustment. Its id
 * is unique on the subscription; the invoice that bills it removes it from the subscription.
 *
 * @param amount net amount (negative for a credit), already prorated and rounded once
 * @param proration the part of the period it covers (days / days in the period) when prorated, carried onto the
 *     invoice line so the document can print it; null for an adjustment (and for charges stored before it)
 * @param taxRate the rate of the price it comes from (a plan's own rate), or null for the customer's rate
 */
public record PendingCharge(
        String id,
        String description,
        LineKind kind,
        String planId,
        LocalDate periodStart,
        LocalDate periodEnd,
        long quantity,
        Money unitAmount,
        Money amount,
        TaxBehavior taxBehavior,
        Fraction proration,
        TaxRate taxRate) {

    public PendingCharge {
        id = required(id, "pending charge id", 128);
        description = required(description, "description", 500);
        notNull(kind, "kind");
        planId = optional(planId, "plan id", 128);
        if ((periodStart == null) != (periodEnd == null)
                || (periodStart != null && !periodStart.isBefore(periodEnd))) {
            throw new IllegalArgumentException("a pending charge's period needs a start before its end");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        notNull(unitAmount, "unit amount");
        notNull(amount, "amount").requireSameCurrency(unitAmount);
        notNull(taxBehavior, "tax behavior");
    }

    /** A charge that is not prorated (an adjustment), taxed at its customer's rate. */
    public PendingCharge(String id, String description, LineKind kind, String planId, LocalDate periodStart,
            LocalDate periodEnd, long quantity, Money unitAmount, Money amount, TaxBehavior taxBehavior) {
        this(id, description, kind, planId, periodStart, periodEnd, quantity, unitAmount, amount, taxBehavior, null,
                null);
    }

    /** A prorated charge ({@code proration} null: not prorated) taxed at its customer's rate. */
    public PendingCharge(String id, String description, LineKind kind, String planId, LocalDate periodStart,
            LocalDate periodEnd, long quantity, Money unitAmount, Money amount, TaxBehavior taxBehavior,
            Fraction proration) {
        this(id, description, kind, planId, periodStart, periodEnd, quantity, unitAmount, amount, taxBehavior,
                proration, null);
    }

    /** A charge that is not prorated, taxed at {@code taxRate} (null: its customer's). */
    public PendingCharge(String id, String description, LineKind kind, String planId, LocalDate periodStart,
            LocalDate periodEnd, long quantity, Money unitAmount, Money amount, TaxBehavior taxBehavior,
            TaxRate taxRate) {
        this(id, description, kind, planId, periodStart, periodEnd, quantity, unitAmount, amount, taxBehavior, null,
                taxRate);
    }

    /** The rate its line is taxed at: its own, else the customer's. */
    public TaxRate taxRateOr(TaxRate customerRate) {
        return taxRate != null ? taxRate : customerRate;
    }
}
