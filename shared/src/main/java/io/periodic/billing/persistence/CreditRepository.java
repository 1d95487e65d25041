package io.periodic.billing.persistence;

import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.CreditNote;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Customer credit balances with their ledger, and credit notes. */
public final class CreditRepository {
    private static final Expression ENTRY_NOT_POSTED = Expression.builder()
            .expression("attribute_not_exists(#pk)")
            .expressionNames(Map.of("#pk", BillingTable.PK))
            .build();

    private final DynamoDbEnhancedClient client;
    private final EntityTable<CreditBalance> balances;
    private final EntityTable<CreditEntry> entries;
    private final EntityTable<CreditNote> notes;

    CreditRepository(DynamoDbEnhancedClient client, EntityTable<CreditBalance> balances,
            EntityTable<CreditEntry> entries, EntityTable<CreditNote> notes) {
        this.client = client;
        this.balances = balances;
        this.entries = entries;
        this.notes = notes;
    }

    DynamoDbTable<CreditEntry> entryTable() {
        return entries.table();
    }

    DynamoDbTable<CreditBalance> balanceTable() {
        return balances.table();
    }

    DynamoDbTable<CreditNote> noteTable() {
        return notes.table();
    }

    /** The credit notes of one invoice (a customer's notes, filtered; customers have few). */
    public List<CreditNote> notesOfInvoice(String customerId, String invoiceId) {
        List<CreditNote> found = new ArrayList<>();
        String cursor = null;
        do {
            Page<CreditNote> page = notesOfCustomer(customerId, 100, cursor);
            page.items().stream().filter(n -> n.invoiceId().equals(invoiceId)).forEach(found::add);
            cursor = page.cursor();
        } while (cursor != null);
        return found;
    }

    /** The customer's balance; an empty (never stored) one when the customer has had no credit yet. */
    public CreditBalance balance(String customerId, Currency currency) {
        return balances.get(BillingTable.customer(customerId), "CREDIT")
                .orElseGet(() -> CreditBalance.empty(customerId, currency));
    }

    /**
     * Posts one ledger entry and moves the balance by its amount, atomically: the entry is create-once on its id
     * (a retried post changes nothing) and the balance write is version-checked against {@code current}.
     *
     * @throws AlreadyExistsException when this entry was already posted
     * @throws ConcurrentUpdateException when the balance changed since {@code current} was read
     */
    public CreditBalance post(CreditEntry entry, CreditBalance current) {
        if (!entry.customerId().equals(current.customerId())) {
            throw new IllegalArgumentException("entry and balance belong to different customers");
        }
        CreditBalance next = new CreditBalance(current.customerId(), current.balance().plus(entry.amount()),
                current.version());
        try {
            client.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(entries.table(), TransactPutItemEnhancedRequest.builder(CreditEntry.class)
                            .item(entry).conditionExpression(ENTRY_NOT_POSTED).build())
                    .addUpdateItem(balances.table(), TransactUpdateItemEnhancedRequest.builder(CreditBalance.class)
                            .item(next).ignoreNulls(false).build())
                    .build());
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 0)) {
                throw new AlreadyExistsException("credit entry " + entry.id() + " already posted", e);
            }
            throw Transactions.canceled("posting credit entry " + entry.id() + " to " + entry.customerId(), e);
        }
        return next.withVersion(current.version() == null ? 1L : current.version() + 1);
    }

    /** The customer's ledger, oldest first. */
    public List<CreditEntry> entries(String customerId) {
        return entries.query(null, QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(BillingTable.customer(customerId)).sortValue("CREDITENTRY#").build()),
                1000, null, true).items().stream()
                .sorted(Comparator.comparing(CreditEntry::at).thenComparing(CreditEntry::id))
                .toList();
    }

    public CreditNote createNote(CreditNote note) {
        return notes.create(note);
    }

    public Optional<CreditNote> getNote(String id) {
        return notes.get(BillingTable.creditNote(id), "CREDIT_NOTE");
    }

    public Page<CreditNote> notesOfCustomer(String customerId, int limit, String cursor) {
        return notes.query(BillingTable.GSI1, QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(BillingTable.customer(customerId)).sortValue("CN#").build()),
                limit, cursor, false);
    }
}
