package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;

/**
 * What a plan costs per interval: a recurring unit amount in one currency.
 *
 * @param trialDays days of free trial for new subscriptions to this plan (0 = none)
 * @param taxBehavior whether {@code unitAmount} excludes tax (added on top) or includes it
 * @param taxRate the tax rate of this price (e.g. 8 for a Japanese reduced-rate item), or null for the customer's
 *     rate; the rate is the price's, so one invoice may carry several (docs/tax.md)
 */
public record Plan(
        String id,
        String productName,
        Money unitAmount,
        BillingInterval interval,
        int trialDays,
        TaxBehavior taxBehavior,
        boolean active,
        Long version,
        TaxRate taxRate) {

    public Plan {
        id = Ids.check(id, "plan id");
        productName = required(productName, "product name", 200);
        notNull(unitAmount, "unit amount");
        if (unitAmount.isNegative()) {
            throw new IllegalArgumentException("unit amount must not be negative: " + unitAmount);
        }
        notNull(interval, "interval");
        if (trialDays < 0 || trialDays > 730) {
            throw new IllegalArgumentException("trial days must be 0..730, got " + trialDays);
        }
        notNull(taxBehavior, "tax behavior");
    }

    /** A plan taxed at its customer's rate. */
    public Plan(String id, String productName, Money unitAmount, BillingInterval interval, int trialDays,
            TaxBehavior taxBehavior, boolean active, Long version) {
        this(id, productName, unitAmount, interval, trialDays, taxBehavior, active, version, null);
    }

    /** The rate a line of this plan is taxed at: the plan's own, else the customer's. */
    public TaxRate taxRateOr(TaxRate customerRate) {
        return taxRate != null ? taxRate : customerRate;
    }

    public Plan withVersion(Long newVersion) {
        return new Plan(id, productName, unitAmount, interval, trialDays, taxBehavior, active, newVersion, taxRate);
    }
}
