package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;

/**
 * What a plan costs per interval: a recurring unit amount in one currency.
 *
 * @param trialDays days of free trial for new subscriptions to this plan (0 = none)
 * @param taxBehavior whether {@code unitAmount} excludes tax (added on top) or includes it
 */
public record Plan(
        String id,
        String productName,
        Money unitAmount,
        BillingInterval interval,
        int trialDays,
        TaxBehavior taxBehavior,
        boolean active,
        Long version) {

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

    public Plan withVersion(Long newVersion) {
        return new Plan(id, productName, unitAmount, interval, trialDays, taxBehavior, active, newVersion);
    }
}
