package io.periodic.billing.persistence;

import io.periodic.billing.model.Customer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/** Customers: by id; by e-mail (payment matching). */
public final class CustomerRepository {
    private final EntityTable<Customer> customers;

    CustomerRepository(EntityTable<Customer> customers) {
        this.customers = customers;
    }

    public Customer create(Customer customer) {
        return customers.create(customer);
    }

    public Optional<Customer> get(String id) {
        return customers.get(BillingTable.customer(id), "PROFILE");
    }

    public Customer update(Customer customer) {
        return customers.update(customer);
    }

    /** Customers whose e-mail is this address (case-insensitive), at most 25. */
    public List<Customer> findByEmail(String email) {
        Key key = Key.builder().partitionValue("EMAIL#" + email.strip().toLowerCase(Locale.ROOT)).build();
        return customers.query(BillingTable.GSI1, QueryConditional.keyEqualTo(key), 25, null, true).items();
    }
}
