package io.periodic.billing.persistence;

import io.periodic.billing.model.Customer;
import io.periodic.billing.payments.Names;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/**
 * Customers: by id; by e-mail and by name (payment matching). A customer's normalised name ({@link Names#key}) is
 * written as a small lookup item in the same transaction as the customer, and moved when the name changes.
 */
public final class CustomerRepository {
    private static final Expression NOT_EXISTS = Expression.builder()
            .expression("attribute_not_exists(#pk)").expressionNames(Map.of("#pk", BillingTable.PK)).build();

    private final DynamoDbEnhancedClient client;
    private final EntityTable<Customer> customers;
    private final EntityTable<CustomerSchema.CustomerName> names;

    CustomerRepository(DynamoDbEnhancedClient client, EntityTable<Customer> customers,
            EntityTable<CustomerSchema.CustomerName> names) {
        this.client = client;
        this.customers = customers;
        this.names = names;
    }

    public Customer create(Customer customer) {
        String nameKey = Names.key(customer.name());
        if (nameKey == null) {
            return customers.create(customer);
        }
        try {
            client.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(customers.table(), TransactPutItemEnhancedRequest.builder(Customer.class)
                            .item(customer).conditionExpression(NOT_EXISTS).build())
                    .addPutItem(names.table(), new CustomerSchema.CustomerName(nameKey, customer.id()))
                    .build());
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 0)) {
                throw new AlreadyExistsException("customer " + customer.id() + " already exists", e);
            }
            throw Transactions.canceled("creating customer " + customer.id(), e);
        }
        return customer.withVersion(1L);
    }

    /** Customers whose normalised name equals the payer's (several when names collide; the caller decides). */
    public List<Customer> findByName(String name) {
        String nameKey = Names.key(name);
        if (nameKey == null) {
            return List.of();
        }
        return names.query(null, QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(BillingTable.customerName(nameKey)).build()), 25, null, true)
                .items().stream()
                .map(n -> get(n.customerId()))
                .flatMap(Optional::stream)
                .toList();
    }

    public Optional<Customer> get(String id) {
        return customers.get(BillingTable.customer(id), "PROFILE");
    }

    /** Updates a customer (version-checked); a changed name moves its lookup item in the same transaction. */
    public Customer update(Customer customer) {
        Customer before = get(customer.id()).orElse(null);
        String oldKey = before == null ? null : Names.key(before.name());
        String newKey = Names.key(customer.name());
        if (Objects.equals(oldKey, newKey)) {
            return customers.update(customer);
        }
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(customers.table(), TransactUpdateItemEnhancedRequest.builder(Customer.class)
                        .item(customer).ignoreNulls(false).build());
        if (oldKey != null) {
            tx.addDeleteItem(names.table(), EntityTable.key(BillingTable.customerName(oldKey),
                    BillingTable.customer(customer.id())));
        }
        if (newKey != null) {
            tx.addPutItem(names.table(), new CustomerSchema.CustomerName(newKey, customer.id()));
        }
        try {
            client.transactWriteItems(tx.build());
        } catch (TransactionCanceledException e) {
            throw Transactions.canceled("updating customer " + customer.id(), e);
        }
        return customer.withVersion(customer.version() == null ? 1L : customer.version() + 1);
    }

    /** Customers whose e-mail is this address (case-insensitive), at most 25. */
    public List<Customer> findByEmail(String email) {
        Key key = Key.builder().partitionValue("EMAIL#" + email.strip().toLowerCase(Locale.ROOT)).build();
        return customers.query(BillingTable.GSI1, QueryConditional.keyEqualTo(key), 25, null, true).items();
    }

    /** Every customer, a page at a time (shard by shard, oldest first within a shard). */
    public Page<Customer> all(int limit, String cursor) {
        return ShardedPages.page(limit, cursor, (shard, max, inner) -> customers.query(BillingTable.GSI2,
                QueryConditional.keyEqualTo(Key.builder()
                        .partitionValue(BillingTable.customersPartition(shard)).build()),
                max, inner, true));
    }
}
