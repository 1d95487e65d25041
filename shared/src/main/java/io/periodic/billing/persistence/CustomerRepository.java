package io.periodic.billing.persistence;

import io.periodic.billing.model.Customer;
import io.periodic.billing.payments.BankNames;
import io.periodic.billing.payments.Names;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Customers: by id; by e-mail and by name (payment matching). A customer's normalised name ({@link Names#key}) is
 * written as a small lookup item in the same transaction as the customer, and moved when the name changes; so is
 * one item per distinct bank key ({@link BankNames#key}) of its payer names (customers without payer names have
 * none), and one holder item per virtual account, created on condition that no other customer holds it.
 */
public final class CustomerRepository {
    private static final Expression NOT_EXISTS = Expression.builder()
            .expression("attribute_not_exists(#pk)").expressionNames(Map.of("#pk", BillingTable.PK)).build();

    private final DynamoDbEnhancedClient client;
    private final EntityTable<Customer> customers;
    private final EntityTable<CustomerSchema.CustomerName> names;
    private final EntityTable<CustomerSchema.CustomerBankName> bankNames;
    private final EntityTable<CustomerSchema.CustomerVirtualAccount> virtualAccounts;

    CustomerRepository(DynamoDbEnhancedClient client, EntityTable<Customer> customers,
            EntityTable<CustomerSchema.CustomerName> names, EntityTable<CustomerSchema.CustomerBankName> bankNames,
            EntityTable<CustomerSchema.CustomerVirtualAccount> virtualAccounts) {
        this.client = client;
        this.customers = customers;
        this.names = names;
        this.bankNames = bankNames;
        this.virtualAccounts = virtualAccounts;
    }

    /**
     * Creates a customer with its lookup items, in one transaction.
     *
     * @throws AlreadyExistsException when the customer exists
     * @throws AccountHeldException when one of its virtual accounts is another customer's
     */
    public Customer create(Customer customer) {
        String nameKey = Names.key(customer.name());
        Set<String> bankKeys = bankKeys(customer);
        if (nameKey == null && bankKeys.isEmpty() && customer.virtualAccounts().isEmpty()) {
            return customers.create(customer);
        }
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(customers.table(), TransactPutItemEnhancedRequest.builder(Customer.class)
                        .item(customer).conditionExpression(NOT_EXISTS).build());
        if (nameKey != null) {
            tx.addPutItem(names.table(), new CustomerSchema.CustomerName(nameKey, customer.id()));
        }
        for (String bankKey : bankKeys) {
            tx.addPutItem(bankNames.table(), new CustomerSchema.CustomerBankName(bankKey, customer.id()));
        }
        int first = 1 + (nameKey == null ? 0 : 1) + bankKeys.size();
        List<String> claimed = customer.virtualAccounts();
        claim(tx, customer.id(), claimed);
        try {
            client.transactWriteItems(tx.build());
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 0)) {
                throw new AlreadyExistsException("customer " + customer.id() + " already exists", e);
            }
            throw heldOr(e, first, claimed, "creating customer " + customer.id());
        }
        return customer.withVersion(1L);
    }

    /** Puts one holder item per account, each on condition that it is unheld or already this customer's. */
    private void claim(TransactWriteItemsEnhancedRequest.Builder tx, String customerId, List<String> accounts) {
        for (String account : accounts) {
            tx.addPutItem(virtualAccounts.table(), TransactPutItemEnhancedRequest.builder(
                    CustomerSchema.CustomerVirtualAccount.class)
                    .item(new CustomerSchema.CustomerVirtualAccount(account, customerId))
                    .conditionExpression(Expression.builder()
                            .expression("attribute_not_exists(#pk) OR #cid = :cid")
                            .expressionNames(Map.of("#pk", BillingTable.PK, "#cid", "customerId"))
                            .expressionValues(Map.of(":cid", AttributeValue.fromS(customerId))).build())
                    .build());
        }
    }

    /** The refusal of a cancelled customer write: {@link AccountHeldException} when a claim's condition failed. */
    private static RuntimeException heldOr(TransactionCanceledException e, int first, List<String> claimed,
            String what) {
        for (int i = 0; i < claimed.size(); i++) {
            if (Transactions.conditionFailedAt(e, first + i)) {
                return new AccountHeldException(claimed.get(i), "the virtual account " + claimed.get(i)
                        + " belongs to another customer", e);
            }
        }
        return Transactions.canceled(what, e);
    }

    /**
     * The customer holding a virtual account ({@code bank-branch-account}), if any: a credit into it is that
     * customer's.
     */
    public Optional<Customer> findByVirtualAccount(String account) {
        return virtualAccounts.get(BillingTable.virtualAccount(account), "VACCOUNT")
                .flatMap(held -> get(held.customerId()))
                .filter(c -> c.virtualAccounts().contains(account));
    }

    /** Customers whose normalised name equals the payer's (several when names collide; the caller decides). */
    public List<Customer> findByName(String name) {
        String nameKey = Names.key(name);
        return nameKey == null ? List.of() : customersOf(names.query(null, QueryConditional.keyEqualTo(
                Key.builder().partitionValue(BillingTable.customerName(nameKey)).build()), 25, null, true)
                .items().stream().map(CustomerSchema.CustomerName::customerId));
    }

    /**
     * Customers one of whose payer names has the bank key of {@code payerName} (several when keys collide; the
     * caller decides).
     */
    public List<Customer> findByPayerName(String payerName) {
        String bankKey = BankNames.key(payerName);
        return bankKey == null ? List.of() : customersOf(bankNames.query(null, QueryConditional.keyEqualTo(
                Key.builder().partitionValue(BillingTable.customerBankName(bankKey)).build()), 25, null, true)
                .items().stream().map(CustomerSchema.CustomerBankName::customerId));
    }

    /** The customers a name lookup's items point at (an item whose customer is gone is skipped). */
    private List<Customer> customersOf(Stream<String> customerIds) {
        return customerIds.map(this::get).flatMap(Optional::stream).toList();
    }

    /** The distinct bank keys of a customer's payer names, in their order. */
    private static Set<String> bankKeys(Customer customer) {
        Set<String> keys = new LinkedHashSet<>();
        if (customer == null) {
            return keys;
        }
        for (String payerName : customer.payerNames()) {
            String key = BankNames.key(payerName);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    public Optional<Customer> get(String id) {
        return customers.get(BillingTable.customer(id), "PROFILE");
    }

    /**
     * Updates a customer (version-checked); a changed name moves its lookup item, and changed payer names their
     * bank-key items, in the same transaction.
     */
    public Customer update(Customer customer) {
        Customer before = get(customer.id()).orElse(null);
        String oldKey = before == null ? null : Names.key(before.name());
        String newKey = Names.key(customer.name());
        Set<String> oldBankKeys = bankKeys(before);
        Set<String> newBankKeys = bankKeys(customer);
        List<String> oldAccounts = before == null ? List.of() : before.virtualAccounts();
        List<String> claimed = customer.virtualAccounts().stream().filter(a -> !oldAccounts.contains(a)).toList();
        List<String> released = oldAccounts.stream().filter(a -> !customer.virtualAccounts().contains(a)).toList();
        if (Objects.equals(oldKey, newKey) && oldBankKeys.equals(newBankKeys) && claimed.isEmpty()
                && released.isEmpty()) {
            return customers.update(customer);
        }
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(customers.table(), TransactUpdateItemEnhancedRequest.builder(Customer.class)
                        .item(customer).ignoreNulls(false).build());
        if (!Objects.equals(oldKey, newKey) && oldKey != null) {
            tx.addDeleteItem(names.table(), EntityTable.key(BillingTable.customerName(oldKey),
                    BillingTable.customer(customer.id())));
        }
        if (!Objects.equals(oldKey, newKey) && newKey != null) {
            tx.addPutItem(names.table(), new CustomerSchema.CustomerName(newKey, customer.id()));
        }
        for (String gone : oldBankKeys) {
            if (!newBankKeys.contains(gone)) {
                tx.addDeleteItem(bankNames.table(), EntityTable.key(BillingTable.customerBankName(gone),
                        BillingTable.customer(customer.id())));
            }
        }
        for (String added : newBankKeys) {
            if (!oldBankKeys.contains(added)) {
                tx.addPutItem(bankNames.table(), new CustomerSchema.CustomerBankName(added, customer.id()));
            }
        }
        for (String account : released) { // ours, as the customer record says
            tx.addDeleteItem(virtualAccounts.table(), EntityTable.key(BillingTable.virtualAccount(account), "VACCOUNT"));
        }
        int first = tx.build().transactWriteItems().size();
        claim(tx, customer.id(), claimed);
        try {
            client.transactWriteItems(tx.build());
        } catch (TransactionCanceledException e) {
            throw heldOr(e, first, claimed, "updating customer " + customer.id());
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
