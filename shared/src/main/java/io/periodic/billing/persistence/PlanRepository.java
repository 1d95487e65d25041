package io.periodic.billing.persistence;

import io.periodic.billing.model.Plan;
import java.util.Optional;

/**
 * Plans, by id. Stored as {@code PRICE#<id> / PRICE} with type {@code Price}: the stored names are kept from earlier
 * versions, when the code called a plan a price (docs/data-model.md).
 */
public final class PlanRepository {
    private final EntityTable<Plan> plans;

    PlanRepository(EntityTable<Plan> plans) {
        this.plans = plans;
    }

    public Plan create(Plan plan) {
        return plans.create(plan);
    }

    public Optional<Plan> get(String id) {
        return plans.get(BillingTable.plan(id), "PRICE");
    }

    public Plan update(Plan plan) {
        return plans.update(plan);
    }
}
