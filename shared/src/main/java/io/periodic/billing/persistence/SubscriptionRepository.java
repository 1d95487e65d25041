package io.periodic.billing.persistence;

import io.periodic.billing.model.Subscription;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/** Subscriptions: by id, by customer, and due for invoicing (sparse sharded work index). */
public final class SubscriptionRepository {
    private final EntityTable<Subscription> subscriptions;
    private final WorkIndex work;

    SubscriptionRepository(EntityTable<Subscription> subscriptions, WorkIndex work) {
        this.subscriptions = subscriptions;
        this.work = work;
    }

    public Subscription create(Subscription subscription) {
        return subscriptions.create(subscription);
    }

    public Optional<Subscription> get(String id) {
        return subscriptions.get(BillingTable.subscription(id), "SUBSCRIPTION");
    }

    public Subscription update(Subscription subscription) {
        return subscriptions.update(subscription);
    }

    public Page<Subscription> byCustomer(String customerId, int limit, String cursor) {
        return subscriptions.query(BillingTable.GSI1, QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(BillingTable.customer(customerId)).sortValue("SUB#").build()),
                limit, cursor, true);
    }

    /** Ids of billable subscriptions in one shard whose next period is due at or before {@code now}. */
    public Page<String> dueAtOrBefore(int shard, Instant now, int limit, String cursor) {
        return work.dueAtOrBefore(BillingTable.Work.SUBSCRIPTION_DUE, shard, now, limit, cursor);
    }
}
