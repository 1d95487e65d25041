package io.periodic.billing.persistence;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.PayerAlias;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Refund;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;

/**
 * Payments, keyed by (provider, provider payment id) so that a payment reported twice is stored once;
 * their allocations to invoices; and the payments holding unapplied cash.
 */
public final class PaymentRepository {
    private static final Expression NOT_EXISTS = Expression.builder()
            .expression("attribute_not_exists(#pk)").expressionNames(Map.of("#pk", BillingTable.PK)).build();

    private final DynamoDbEnhancedClient client;
    private final EntityTable<Payment> payments;
    private final EntityTable<Allocation> allocations;
    private final EntityTable<Refund> refunds;
    private final EntityTable<PaymentSchema.PaymentDay> days;
    private final InvoiceRepository invoices;
    private final CreditRepository credit;
    private final WorkIndex work;
    private final DynamoDbTable<IdempotencySchema.CommitMarker> markers;
    private final DynamoDbTable<PayerAlias> aliases;

    PaymentRepository(DynamoDbEnhancedClient client, EntityTable<Payment> payments,
            EntityTable<Allocation> allocations, EntityTable<Refund> refunds, EntityTable<PaymentSchema.PaymentDay> days,
            InvoiceRepository invoices, CreditRepository credit, WorkIndex work) {
        this.days = days;
        this.client = client;
        this.payments = payments;
        this.allocations = allocations;
        this.refunds = refunds;
        this.invoices = invoices;
        this.credit = credit;
        this.work = work;
        this.markers = client.table(payments.table().tableName(), IdempotencySchema.COMMIT_MARKER);
        this.aliases = client.table(payments.table().tableName(), PayerAliasSchema.PAYER_ALIAS);
    }

    /** The most items DynamoDB accepts in one transaction (TransactWriteItems). */
    public static final int MAX_TRANSACTION_ITEMS = 100;

    /** How many items {@link #commit} writes for an application (plus one with a commit marker). */
    public static int itemsOf(Application a) {
        return 1 + a.invoices().size() + a.newAllocations().size() + a.changedAllocations().size()
                + a.refunds().size() + a.creditEntries().size() + (a.balanceAfter() == null ? 0 : 1);
    }

    /** Whether the commit marker of a request ({@link #commit} with {@code markerScope}) is stored: its work was done. */
    public boolean committed(String markerScope) {
        return markers.getItem(Key.builder().partitionValue(IdempotencyRepository.pk(markerScope))
                .sortValue("COMMITTED").build()) != null;
    }

    /** Stores a refund or dispute once per (payment, refund id); a repeat fails with {@link AlreadyExistsException}. */
    public Refund createRefund(Refund refund) {
        return refunds.create(refund);
    }

    /** Stores a new state of a refund whose payment is not stored yet (version-checked). */
    public Refund updateRefund(Refund refund) {
        return refunds.update(refund);
    }

    public Optional<Refund> getRefund(String paymentId, String refundId) {
        return refunds.get(BillingTable.payment(paymentId), "REFUND#" + refundId);
    }

    /**
     * A payment's refunds and disputes, in id order, read consistently: every refund decided before the read is
     * seen (what a new refund adds is decided against them, under the payment's version check).
     */
    public List<Refund> refundsOf(String paymentId) {
        List<Refund> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Refund> page = refunds.queryConsistent(QueryConditional.sortBeginsWith(
                    Key.builder().partitionValue(BillingTable.payment(paymentId)).sortValue("REFUND#").build()),
                    1000, cursor);
            all.addAll(page.items());
            cursor = page.cursor();
        } while (cursor != null);
        return all;
    }

    /**
     * Refunds that can never be applied (status REJECTED, with their reason), for a person, a page at a time
     * (shard by shard, oldest first within a shard). One resolved since the index was read is left out.
     */
    public Page<Refund> rejectedRefunds(int limit, String cursor) {
        Instant farFuture = Instant.parse("9999-12-31T23:59:59Z");
        Page<WorkIndex.ItemKey> keys = ShardedPages.page(limit, cursor,
                (shard, max, inner) -> work.keysDueAtOrBefore(BillingTable.Work.REFUND_REJECTED, shard, farFuture,
                        max, inner));
        return new Page<>(keys.items().stream().map(k -> refunds.get(k.pk(), k.sk())).flatMap(Optional::stream)
                .filter(r -> r.status() == Refund.Status.REJECTED).toList(), keys.cursor());
    }

    /** Everything one application of money changes, written together or not at all. */
    public record Application(Payment payment, List<Invoice> invoices, List<Allocation> newAllocations,
            List<Allocation> changedAllocations, List<CreditEntry> creditEntries, CreditBalance balanceAfter,
            List<Refund> refunds) {
        public Application {
            invoices = List.copyOf(invoices);
            newAllocations = List.copyOf(newAllocations);
            changedAllocations = List.copyOf(changedAllocations);
            creditEntries = List.copyOf(creditEntries);
            refunds = List.copyOf(refunds);
            if (creditEntries.isEmpty() != (balanceAfter == null)) {
                throw new IllegalArgumentException("credit entries and the balance after them go together");
            }
        }
    }

    /**
     * Commits an application in one transaction: the payment and every invoice it touches are version-checked (a
     * racing payment on the same invoice makes one of them re-read and decide again), new allocations and the
     * credit entries are create-once, refunds and the balance are version-checked. Never half-applied.
     *
     * @throws ConcurrentUpdateException when any of them changed since it was read
     */
    public Payment commit(Application a) {
        return commit(a, null, 0);
    }

    /**
     * {@link #commit(Application)} with a commit marker: {@code markerScope} (a request's idempotency scope) is
     * written create-once in the same transaction, so a retry of that request after a crash can tell the work is
     * done. An application that would not fit one transaction is refused before anything is sent.
     *
     * @throws AlreadyExistsException when the marker exists: this request's work was committed before
     * @throws IllegalArgumentException when the application needs more than {@link #MAX_TRANSACTION_ITEMS} items
     */
    public Payment commit(Application a, String markerScope, long markerExpiresAt) {
        return commit(a, markerScope, markerExpiresAt, null);
    }

    /**
     * {@link #commit(Application, String, long)} that also writes what a manual application taught: a payer alias
     * ({@code learned} null: none), created or confirmed version-checked in the same transaction, so an alias is
     * never learned from an application that was not committed, nor an application committed without its alias.
     */
    public Payment commit(Application a, String markerScope, long markerExpiresAt, PayerAlias learned) {
        int items = itemsOf(a) + (markerScope == null ? 0 : 1) + (learned == null ? 0 : 1);
        if (items > MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException("applying payment " + a.payment().id() + " would write " + items
                    + " items in one transaction; DynamoDB allows " + MAX_TRANSACTION_ITEMS);
        }
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder();
        if (markerScope != null) { // first, so that its cancellation reason is at index 0
            tx.addPutItem(markers, TransactPutItemEnhancedRequest.builder(IdempotencySchema.CommitMarker.class)
                    .item(new IdempotencySchema.CommitMarker(markerScope, markerExpiresAt)).conditionExpression(NOT_EXISTS)
                    .build());
        }
        tx.addUpdateItem(payments.table(), TransactUpdateItemEnhancedRequest.builder(Payment.class)
                .item(a.payment()).ignoreNulls(false).build());
        for (Invoice invoice : a.invoices()) {
            tx.addUpdateItem(invoices.table(), TransactUpdateItemEnhancedRequest.builder(Invoice.class)
                    .item(invoice).ignoreNulls(false).build());
        }
        for (Allocation allocation : a.newAllocations()) {
            tx.addPutItem(allocations.table(), TransactPutItemEnhancedRequest.builder(Allocation.class)
                    .item(allocation).conditionExpression(NOT_EXISTS).build());
        }
        for (Allocation allocation : a.changedAllocations()) {
            tx.addUpdateItem(allocations.table(), TransactUpdateItemEnhancedRequest.builder(Allocation.class)
                    .item(allocation).ignoreNulls(false).build());
        }
        for (Refund refund : a.refunds()) {
            tx.addUpdateItem(refunds.table(), TransactUpdateItemEnhancedRequest.builder(Refund.class)
                    .item(refund).ignoreNulls(false).build());
        }
        for (CreditEntry entry : a.creditEntries()) {
            tx.addPutItem(credit.entryTable(), TransactPutItemEnhancedRequest.builder(CreditEntry.class)
                    .item(entry).conditionExpression(NOT_EXISTS).build());
        }
        if (a.balanceAfter() != null) {
            tx.addUpdateItem(credit.balanceTable(), TransactUpdateItemEnhancedRequest.builder(CreditBalance.class)
                    .item(a.balanceAfter()).ignoreNulls(false).build());
        }
        if (learned != null) {
            tx.addUpdateItem(aliases, TransactUpdateItemEnhancedRequest.builder(PayerAlias.class)
                    .item(learned).ignoreNulls(false).build());
        }
        try {
            client.transactWriteItems(tx.build());
        } catch (TransactionCanceledException e) {
            if (markerScope != null && Transactions.conditionFailedAt(e, 0)) {
                throw new AlreadyExistsException("the request applying payment " + a.payment().id()
                        + " was committed before", e);
            }
            throw Transactions.canceled("applying payment " + a.payment().id(), e);
        }
        return a.payment().withVersion(a.payment().version() == null ? 1L : a.payment().version() + 1);
    }

    /** Stores a new payment; the same provider payment again fails with {@link AlreadyExistsException}. */
    public Payment create(Payment payment) {
        return payments.create(payment);
    }

    public Optional<Payment> get(String id) {
        return payments.get(BillingTable.payment(id), "PAYMENT");
    }

    public Optional<Payment> getByProviderId(String provider, String providerPaymentId) {
        return get(Payment.idFor(provider, providerPaymentId));
    }

    /** The most keys DynamoDB accepts in one BatchGetItem. */
    public static final int MAX_BATCH_GET_KEYS = 100;

    /**
     * The stored payments among {@code ids}, read strongly consistently with BatchGetItem: one call per
     * {@value #MAX_BATCH_GET_KEYS} ids (plus one per page of unprocessed keys DynamoDB hands back, which the SDK's
     * pages follow). Ids not stored are simply absent; the order is DynamoDB's.
     */
    public List<Payment> getAll(Collection<String> ids) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        List<Payment> found = new ArrayList<>(distinct.size());
        for (int from = 0; from < distinct.size(); from += MAX_BATCH_GET_KEYS) {
            ReadBatch.Builder<Payment> batch = ReadBatch.builder(Payment.class).mappedTableResource(payments.table());
            for (String id : distinct.subList(from, Math.min(distinct.size(), from + MAX_BATCH_GET_KEYS))) {
                batch.addGetItem(GetItemEnhancedRequest.builder().consistentRead(true).key(Key.builder()
                        .partitionValue(BillingTable.payment(id)).sortValue("PAYMENT").build()).build());
            }
            ReadBatch read = batch.build();
            client.batchGetItem(r -> r.readBatches(read)).resultsForTable(payments.table()).forEach(found::add);
        }
        return found;
    }

    public Payment update(Payment payment) {
        return payments.update(payment);
    }

    public Allocation createAllocation(Allocation allocation) {
        return allocations.create(allocation);
    }

    public Allocation updateAllocation(Allocation allocation) {
        return allocations.update(allocation);
    }

    /** Where one payment went. */
    public List<Allocation> allocationsOfPayment(String paymentId) {
        return allocations.query(null, QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(BillingTable.payment(paymentId)).sortValue("ALLOC#").build()),
                1000, null, true).items();
    }

    /** Which payments paid one invoice, in the order they were applied. */
    public List<Allocation> allocationsOfInvoice(String invoiceId) {
        return allocations.query(BillingTable.GSI1, QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(BillingTable.invoice(invoiceId)).sortValue("ALLOC#").build()),
                1000, null, true).items();
    }

    /** Ids of payments in one shard holding unapplied cash, received at or before {@code now}, oldest first. */
    public Page<String> unapplied(int shard, Instant now, int limit, String cursor) {
        return work.dueAtOrBefore(BillingTable.Work.PAYMENT_UNAPPLIED, shard, now, limit, cursor);
    }

    /** Payments holding unapplied cash, a page at a time (shard by shard, oldest first within a shard). */
    public Page<Payment> unappliedPage(int limit, String cursor) {
        Instant farFuture = Instant.parse("9999-12-31T23:59:59Z");
        Page<String> ids = ShardedPages.page(limit, cursor,
                (shard, max, inner) -> work.dueAtOrBefore(BillingTable.Work.PAYMENT_UNAPPLIED, shard, farFuture, max,
                        inner));
        // The index is keys-only and eventually consistent: re-read each payment; one resolved since is left out.
        return new Page<>(ids.items().stream().map(this::get).flatMap(Optional::stream)
                .filter(p -> p.unapplied().isPositive()).toList(), ids.cursor());
    }

    /**
     * Lists a payment under the UTC day it was received (collections report). Idempotent: writing the entry again
     * (a redelivery after a crash) changes nothing, so every stored payment ends listed.
     */
    public void listReceived(Payment payment) {
        days.table().putItem(new PaymentSchema.PaymentDay(
                LocalDate.ofInstant(payment.receivedAt(), ZoneOffset.UTC).toString(),
                BillingTable.sortable(payment.receivedAt()) + "#" + payment.id(), payment.id()));
    }

    /** Every payment received in [from, to) (UTC), for reports: one query per day, each payment read back. */
    public List<Payment> receivedBetween(Instant from, Instant to) {
        List<Payment> found = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
                !day.isAfter(last); day = day.plusDays(1)) {
            String cursor = null;
            do {
                Page<PaymentSchema.PaymentDay> page = days.query(null, QueryConditional.keyEqualTo(
                        Key.builder().partitionValue("PAYDAY#" + day).build()), 500, cursor, true);
                for (PaymentSchema.PaymentDay entry : page.items()) {
                    get(entry.paymentId()).filter(p -> !p.receivedAt().isBefore(from) && p.receivedAt().isBefore(to))
                            .ifPresent(found::add);
                }
                cursor = page.cursor();
            } while (cursor != null);
        }
        return found;
    }
}
