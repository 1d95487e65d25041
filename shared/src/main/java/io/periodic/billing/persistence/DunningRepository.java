package io.periodic.billing.persistence;

import io.periodic.billing.dunning.DunningPolicy;
import io.periodic.billing.model.DunningEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/** An invoice's dunning history, in its item collection ({@code INV#<id> / DUN#<step>}). */
public final class DunningRepository {
    private final EntityTable<DunningEntry> entries;
    private final DynamoDbTable<DunningSchema.StoredPolicy> policies;

    DunningRepository(EntityTable<DunningEntry> entries,
            DynamoDbTable<DunningSchema.StoredPolicy> policies) {
        this.entries = entries;
        this.policies = policies;
    }

    /** The policy for a customer: their override, else the stored default, else {@link DunningPolicy#DEFAULT}. */
    public DunningPolicy policyFor(String customerId) {
        DunningSchema.StoredPolicy override = policies.getItem(r -> r.key(EntityTable.key(BillingTable.customer(customerId),
                "DUNNING")).consistentRead(true));
        if (override != null) {
            return override.policy();
        }
        DunningSchema.StoredPolicy stored = policies.getItem(r -> r.key(EntityTable.key("SETTINGS", "DUNNING"))
                .consistentRead(true));
        return stored != null ? stored.policy() : DunningPolicy.DEFAULT;
    }

    /** Stores the default policy (used by every customer without an override). */
    /** The stored default policy, else the built-in default. */
    public DunningPolicy defaultPolicy() {
        DunningSchema.StoredPolicy stored = policies.getItem(r -> r.key(EntityTable.key("SETTINGS", "DUNNING"))
                .consistentRead(true));
        return stored != null ? stored.policy() : DunningPolicy.DEFAULT;
    }

    public void putDefaultPolicy(DunningPolicy policy) {
        policies.putItem(new DunningSchema.StoredPolicy("DEFAULT", policy));
    }

    /** Stores (replaces) a customer's override. */
    public void putCustomerPolicy(String customerId, DunningPolicy policy) {
        policies.putItem(new DunningSchema.StoredPolicy(customerId, policy));
    }

    /** Removes a customer's override: the default applies again. */
    public void removeCustomerPolicy(String customerId) {
        policies.deleteItem(EntityTable.key(BillingTable.customer(customerId), "DUNNING"));
    }

    /** Records a step once; the same step again fails with {@link AlreadyExistsException}. */
    public DunningEntry create(DunningEntry entry) {
        return entries.create(entry);
    }

    public DunningEntry update(DunningEntry entry) {
        return entries.update(entry);
    }

    public Optional<DunningEntry> get(String invoiceId, String step) {
        return entries.get(BillingTable.invoice(invoiceId), "DUN#" + step);
    }

    /** The whole history of an invoice, oldest first. */
    public List<DunningEntry> history(String invoiceId) {
        return entries.query(null, QueryConditional.sortBeginsWith(
                        Key.builder().partitionValue(BillingTable.invoice(invoiceId)).sortValue("DUN#").build()),
                100, null, true).items().stream()
                .sorted(Comparator.comparing(DunningEntry::at))
                .toList();
    }
}
