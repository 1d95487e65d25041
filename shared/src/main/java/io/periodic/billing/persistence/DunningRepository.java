package io.periodic.billing.persistence;

import io.periodic.billing.model.DunningEntry;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/** An invoice's dunning history, in its item collection ({@code INV#<id> / DUN#<step>}). */
public final class DunningRepository {
    private final EntityTable<DunningEntry> entries;

    DunningRepository(EntityTable<DunningEntry> entries) {
        this.entries = entries;
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
                .sorted(java.util.Comparator.comparing(DunningEntry::at))
                .toList();
    }
}
