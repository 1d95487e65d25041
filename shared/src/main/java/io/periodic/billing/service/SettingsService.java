package io.periodic.billing.service;

import io.periodic.billing.dunning.DunningPolicy;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.persistence.BillingStore;

/**
 * The deployment's settings: the seller printed on every document (with its document numbering) and the default
 * dunning policy.
 */
public final class SettingsService {
    private final BillingStore store;

    public SettingsService(BillingStore store) {
        this.store = store;
    }

    /** {@code seller} null until it is first set. */
    public record Settings(SellerProfile seller, DunningPolicy dunningPolicy) {}

    public Settings current() {
        return new Settings(store.settings().seller().orElse(null), store.dunning().defaultPolicy());
    }

    /** Replaces the seller and, when {@code dunningPolicy} is given, the default dunning policy; the result. */
    public Settings replace(SellerProfile seller, DunningPolicy dunningPolicy) {
        store.settings().putSeller(seller);
        if (dunningPolicy != null) {
            store.dunning().putDefaultPolicy(dunningPolicy);
        }
        return current();
    }
}
