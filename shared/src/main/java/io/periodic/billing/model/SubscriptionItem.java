package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.positive;

/** One plan on a subscription, times a quantity (seats, units). */
public record SubscriptionItem(String planId, long quantity) {
    public SubscriptionItem {
        planId = Ids.check(planId, "plan id");
        positive(quantity, "quantity");
        if (quantity > 1_000_000_000L) {
            throw new IllegalArgumentException("quantity is implausibly large: " + quantity);
        }
    }
}
