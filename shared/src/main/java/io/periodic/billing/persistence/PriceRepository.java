package io.periodic.billing.persistence;

import io.periodic.billing.model.Price;
import java.util.Optional;

/** Prices (plans): by id. */
public final class PriceRepository {
    private final EntityTable<Price> prices;

    PriceRepository(EntityTable<Price> prices) {
        this.prices = prices;
    }

    public Price create(Price price) {
        return prices.create(price);
    }

    public Optional<Price> get(String id) {
        return prices.get(BillingTable.price(id), "PRICE");
    }

    public Price update(Price price) {
        return prices.update(price);
    }
}
