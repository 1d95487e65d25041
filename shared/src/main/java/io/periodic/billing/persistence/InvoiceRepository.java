package io.periodic.billing.persistence;

import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Sequence;
import java.time.LocalDate;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Invoices: by id, by number, by customer (newest first), open invoices of a customer (oldest due first) and
 * open invoices due on or before a date (sparse sharded work index).
 */
public final class InvoiceRepository {
    private static final Expression NOT_EXISTS = Expression.builder()
            .expression("attribute_not_exists(#pk)")
            .expressionNames(Map.of("#pk", BillingTable.PK))
            .build();

    private final DynamoDbEnhancedClient client;
    private final EntityTable<Invoice> invoices;
    private final EntityTable<InvoiceSchema.InvoiceNumber> numbers;
    private final EntityTable<Sequence> sequences;
    private final CreditRepository credit;
    private final WorkIndex work;

    InvoiceRepository(DynamoDbEnhancedClient client, EntityTable<Invoice> invoices,
            EntityTable<InvoiceSchema.InvoiceNumber> numbers, EntityTable<Sequence> sequences, CreditRepository credit,
            WorkIndex work) {
        this.client = client;
        this.invoices = invoices;
        this.numbers = numbers;
        this.sequences = sequences;
        this.credit = credit;
        this.work = work;
    }

    /** Creates an invoice under its deterministic id; a second create fails with {@link AlreadyExistsException}. */
    public Invoice create(Invoice invoice) {
        return invoices.create(invoice);
    }

    public Optional<Invoice> get(String id) {
        return invoices.get(BillingTable.invoice(id), "INVOICE");
    }

    public Invoice update(Invoice invoice) {
        return invoices.update(invoice);
    }

    /**
     * Commits a finalisation in one transaction, so that it happens completely or not at all:
     * <ul>
     *   <li>the number series advances ({@code sequenceAfter}; create-once for a new series, else version-checked),
     *   <li>the number is reserved for this invoice (create-once: never given to two invoices),
     *   <li>the invoice is stored as finalised: created if it was never stored ({@code version} null: the versioning
     *       extension's {@code attribute_not_exists(version)} makes it create-once on its id), else version-checked
     *       (still the draft that was read),
     *   <li>optionally, the customer's credit balance moves with its ledger entry (entry create-once, balance
     *       version-checked).
     * </ul>
     * A crash before the commit consumes no number; a conflict with another writer changes nothing and surfaces
     * as {@link ConcurrentUpdateException}, after which the caller re-reads and decides again.
     */
    public Invoice commitFinalization(Invoice finalized, Sequence sequenceAfter, CreditEntry creditEntry,
            CreditBalance balanceAfter) {
        if (finalized.status() == InvoiceStatus.DRAFT || finalized.number() == null) {
            throw new IllegalArgumentException("invoice " + finalized.id() + " is not finalised");
        }
        if ((creditEntry == null) != (balanceAfter == null)) {
            throw new IllegalArgumentException("a credit entry and its balance go together");
        }
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(sequences.table(), TransactUpdateItemEnhancedRequest.builder(Sequence.class)
                        .item(sequenceAfter).ignoreNulls(false).build())
                .addPutItem(numbers.table(), TransactPutItemEnhancedRequest.builder(InvoiceSchema.InvoiceNumber.class)
                        .item(new InvoiceSchema.InvoiceNumber(finalized.number(), finalized.id()))
                        .conditionExpression(NOT_EXISTS)
                        .build())
                .addUpdateItem(invoices.table(), TransactUpdateItemEnhancedRequest.builder(Invoice.class)
                        .item(finalized).ignoreNulls(false).build());
        if (creditEntry != null) {
            tx.addPutItem(credit.entryTable(), TransactPutItemEnhancedRequest.builder(CreditEntry.class)
                    .item(creditEntry).conditionExpression(NOT_EXISTS).build());
            tx.addUpdateItem(credit.balanceTable(), TransactUpdateItemEnhancedRequest.builder(CreditBalance.class)
                    .item(balanceAfter).ignoreNulls(false).build());
        }
        try {
            client.transactWriteItems(tx.build());
        } catch (TransactionCanceledException e) {
            throw Transactions.canceled("finalising invoice " + finalized.id() + " as " + finalized.number(), e);
        }
        return finalized.withVersion(finalized.version() == null ? 1L : finalized.version() + 1);
    }

    DynamoDbTable<Invoice> table() {
        return invoices.table();
    }

    /** Voids an invoice, giving back the credit balance it used, in one transaction. */
    public Invoice commitVoid(Invoice voided, CreditEntry returnedCredit, CreditBalance balanceAfter) {
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(invoices.table(), TransactUpdateItemEnhancedRequest.builder(Invoice.class)
                        .item(voided).ignoreNulls(false).build());
        addCredit(tx, returnedCredit, balanceAfter);
        commit(tx, "voiding invoice " + voided.id());
        return voided.withVersion(voided.version() == null ? 1L : voided.version() + 1);
    }

    /**
     * Pays invoices from the customer's credit balance in one transaction: each invoice version-checked (still the
     * state that was read), the ledger entry create-once, the balance version-checked.
     *
     * @throws ConcurrentUpdateException when any of them changed since it was read (or the entry exists)
     */
    public List<Invoice> commitCreditUse(List<Invoice> invoicesAfter, CreditEntry entry, CreditBalance balanceAfter) {
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder();
        for (Invoice invoice : invoicesAfter) {
            tx.addUpdateItem(invoices.table(), TransactUpdateItemEnhancedRequest.builder(Invoice.class)
                    .item(invoice).ignoreNulls(false).build());
        }
        addCredit(tx, entry, balanceAfter);
        commit(tx, "using credit of customer " + entry.customerId());
        return invoicesAfter.stream().map(i -> i.withVersion(i.version() == null ? 1L : i.version() + 1)).toList();
    }

    /**
     * Issues a credit note in one transaction: the note (create-once on its id), its number (series advanced,
     * number reserved), and its effect: the invoice's amount due lowered, or the customer's balance raised.
     */
    public CreditNote commitCreditNote(CreditNote note, Sequence sequenceAfter, Invoice invoiceAfter,
            CreditEntry entry, CreditBalance balanceAfter) {
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(credit.noteTable(), TransactPutItemEnhancedRequest.builder(CreditNote.class)
                        .item(note).conditionExpression(NOT_EXISTS).build())
                .addUpdateItem(sequences.table(), TransactUpdateItemEnhancedRequest.builder(Sequence.class)
                        .item(sequenceAfter).ignoreNulls(false).build())
                .addPutItem(numbers.table(), TransactPutItemEnhancedRequest.builder(InvoiceSchema.InvoiceNumber.class)
                        .item(new InvoiceSchema.InvoiceNumber(note.number(), note.id()))
                        .conditionExpression(NOT_EXISTS)
                        .build());
        if (invoiceAfter != null) {
            tx.addUpdateItem(invoices.table(), TransactUpdateItemEnhancedRequest.builder(Invoice.class)
                    .item(invoiceAfter).ignoreNulls(false).build());
        }
        addCredit(tx, entry, balanceAfter);
        commit(tx, "credit note " + note.id() + " on invoice " + note.invoiceId());
        return note.withVersion(1L);
    }

    private void addCredit(TransactWriteItemsEnhancedRequest.Builder tx, CreditEntry entry, CreditBalance after) {
        if ((entry == null) != (after == null)) {
            throw new IllegalArgumentException("a credit entry and its balance go together");
        }
        if (entry != null) {
            tx.addPutItem(credit.entryTable(), TransactPutItemEnhancedRequest.builder(CreditEntry.class)
                    .item(entry).conditionExpression(NOT_EXISTS).build());
            tx.addUpdateItem(credit.balanceTable(), TransactUpdateItemEnhancedRequest.builder(CreditBalance.class)
                    .item(after).ignoreNulls(false).build());
        }
    }

    private void commit(TransactWriteItemsEnhancedRequest.Builder tx, String what) {
        try {
            client.transactWriteItems(tx.build());
        } catch (TransactionCanceledException e) {
            throw Transactions.canceled(what, e);
        }
    }

    /** The current state of a number series (a fresh one when no number was ever taken). */
    public Sequence sequence(String series) {
        return sequences.get("SEQ#" + series, "SEQUENCE").orElseGet(() -> Sequence.start(series));
    }

    public Optional<Invoice> findByNumber(String number) {
        return numbers.get(BillingTable.invoiceNumber(number), "INVNUM").flatMap(n -> get(n.invoiceId()));
    }

    /** A customer's invoices, newest issue date first. */
    public Page<Invoice> byCustomer(String customerId, int limit, String cursor) {
        return invoices.query(BillingTable.GSI1, QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(BillingTable.customer(customerId)).sortValue("INV#").build()),
                limit, cursor, false);
    }

    /** A customer's payable invoices (open or uncollectible with an amount due), oldest due date first. */
    public List<Invoice> openByCustomer(String customerId, int limit) {
        return invoices.query(BillingTable.GSI2, QueryConditional.keyEqualTo(
                Key.builder().partitionValue("OPEN#" + customerId).build()), limit, null, true).items();
    }

    /** Ids of open invoices in one shard due on or before {@code date}, oldest first. */
    public Page<String> openDueOnOrBefore(int shard, LocalDate date, int limit, String cursor) {
        return work.dueOnOrBefore(BillingTable.Work.INVOICE_OPEN, shard, date, limit, cursor);
    }

    /** A customer's invoices in one status, newest issue date first (a filtered query: see EntityTable#query). */
    public Page<Invoice> byCustomer(String customerId, InvoiceStatus status, int limit, String cursor) {
        Expression filter = Expression.builder().expression("#st = :st")
                .expressionNames(Map.of("#st", "status"))
                .expressionValues(Map.of(":st", AttributeValue.fromS(status.name())))
                .build();
        return invoices.query(BillingTable.GSI1, QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(BillingTable.customer(customerId)).sortValue("INV#").build()),
                filter, limit, cursor, false);
    }

    /** Open invoices with an amount due of every customer, a page at a time (shard by shard, oldest due first). */
    public Page<Invoice> openPage(int limit, String cursor) {
        LocalDate farFuture = LocalDate.of(9999, 12, 31);
        Page<String> ids = ShardedPages.page(limit, cursor,
                (shard, max, inner) -> work.dueOnOrBefore(BillingTable.Work.INVOICE_OPEN, shard, farFuture, max, inner));
        return new Page<>(ids.items().stream().map(this::get).flatMap(Optional::stream)
                .filter(i -> i.status() == InvoiceStatus.OPEN).toList(), ids.cursor());
    }

    /** Every open invoice with an amount due (receivables reports). */
    public List<Invoice> allOpen() {
        List<Invoice> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Invoice> page = openPage(500, cursor);
            all.addAll(page.items());
            cursor = page.cursor();
        } while (cursor != null);
        return all;
    }
}
