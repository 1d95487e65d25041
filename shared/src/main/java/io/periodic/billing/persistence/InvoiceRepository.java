package io.periodic.billing.persistence;

import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Invoices: by id, by number, by customer (newest first), open invoices of a customer (oldest due first) and
 * open invoices due on or before a date (sparse sharded work index).
 */
public final class InvoiceRepository {
    private static final Expression NUMBER_NOT_TAKEN = Expression.builder()
            .expression("attribute_not_exists(#pk)")
            .expressionNames(Map.of("#pk", BillingTable.PK))
            .build();

    private final DynamoDbEnhancedClient client;
    private final EntityTable<Invoice> invoices;
    private final EntityTable<Schemas.InvoiceNumber> numbers;
    private final WorkIndex work;

    InvoiceRepository(DynamoDbEnhancedClient client, EntityTable<Invoice> invoices,
            EntityTable<Schemas.InvoiceNumber> numbers, WorkIndex work) {
        this.client = client;
        this.invoices = invoices;
        this.numbers = numbers;
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
     * Stores a just-finalised invoice and reserves its number in one transaction: the number item is create-once
     * (a number is never given to two invoices) and the invoice update is version-checked. Either both happen or
     * neither does.
     */
    public Invoice saveFinalized(Invoice finalized) {
        if (finalized.status() == InvoiceStatus.DRAFT || finalized.number() == null) {
            throw new IllegalArgumentException("invoice " + finalized.id() + " is not finalised");
        }
        try {
            client.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(numbers.table(), TransactPutItemEnhancedRequest.builder(Schemas.InvoiceNumber.class)
                            .item(new Schemas.InvoiceNumber(finalized.number(), finalized.id()))
                            .conditionExpression(NUMBER_NOT_TAKEN)
                            .build())
                    .addUpdateItem(invoices.table(), TransactUpdateItemEnhancedRequest.builder(Invoice.class)
                            .item(finalized)
                            .ignoreNulls(false)
                            .build())
                    .build());
        } catch (TransactionCanceledException e) {
            throw new ConcurrentUpdateException("invoice " + finalized.id() + " or number " + finalized.number()
                    + " changed: " + e.cancellationReasons(), e);
        }
        return finalized.withVersion(finalized.version() == null ? 1L : finalized.version() + 1);
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
}
