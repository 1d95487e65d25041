package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.positive;

/** One price on a subscription, times a quantity (seats, units). */
public record SubscriptionItem(String priceId, long quantity) {
    public SubscriptionItem {
        priceId = Ids.check(priceId, "price id");
        positive(quantity, "quantity");
        if (quantity > 1_000_000_000L) {
            throw new IllegalArgumentException("quantity is implausibly large: " + quantity);
        }
    }
}
