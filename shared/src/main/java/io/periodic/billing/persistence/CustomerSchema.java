package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.BillingTable.GSI1;
import static io.periodic.billing.persistence.BillingTable.GSI1_PK;
import static io.periodic.billing.persistence.BillingTable.GSI1_SK;
import static io.periodic.billing.persistence.BillingTable.GSI2;
import static io.periodic.billing.persistence.BillingTable.GSI2_PK;
import static io.periodic.billing.persistence.BillingTable.GSI2_SK;
import static io.periodic.billing.persistence.BillingTable.PK;
import static io.periodic.billing.persistence.BillingTable.SK;
import static io.periodic.billing.persistence.BillingTable.TYPE;
import static io.periodic.billing.persistence.BillingTable.VERSION;
import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of customers and of the payer-name lookup that points to them (docs/data-model.md).
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class CustomerSchema {
    private CustomerSchema() {}

    public static final TableSchema<Customer> CUSTOMER = SchemaBuilder.of(Customer.class, (it, a) -> switch (a) {
                case PK -> BillingTable.customer(it.id());
                case SK -> "PROFILE";
                case GSI1_PK -> "EMAIL#" + it.email().toLowerCase(Locale.ROOT);
                case GSI1_SK -> BillingTable.customer(it.id());
                case GSI2_PK -> BillingTable.customersPartition(BillingTable.shardOf(it.id()));
                case GSI2_SK -> BillingTable.sortable(it.createdAt()) + "#" + it.id();
                case TYPE -> "Customer";
                case "id" -> it.id();
                case "name" -> it.name();
                case "email" -> it.email();
                case "currency" -> it.currency().getCurrencyCode();
                case "timeZone" -> it.timeZone().getId();
                case "locale" -> it.locale().toLanguageTag();
                case "paymentTermsDays" -> it.paymentTermsDays();
                case "taxRate" -> it.taxRate().toString();
                case "taxId" -> it.taxId();
                case "billingAddress" -> it.billingAddress();
                case "externalRef" -> it.externalRef();
                case "createdAt" -> it.createdAt();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, secondarySortKey(GSI1))
            // Every customer, sharded, oldest first (reports over all customers).
            .derived(GSI2_PK, secondaryPartitionKey(GSI2))
            .derived(GSI2_SK, secondarySortKey(GSI2))
            .derived(TYPE)
            .attr("id", String.class)
            .attr("name", String.class)
            .attr("email", String.class)
            .attr("currency", String.class)
            .attr("timeZone", String.class)
            .attr("locale", String.class)
            .attr("paymentTermsDays", Integer.class)
            .attr("taxRate", String.class)
            .attr("taxId", String.class)
            .attr("billingAddress", EnhancedType.documentOf(Address.class, CommonSchemas.ADDRESS))
            .attr("externalRef", String.class)
            .attr("createdAt", Instant.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Customer(r.get("id"), r.get("name"), r.get("email"), Currencies.of(r.get("currency")),
                    ZoneId.of(r.get("timeZone")), Locale.forLanguageTag(r.get("locale")), r.get("paymentTermsDays"),
                    TaxRate.of(r.get("taxRate")), r.get("taxId"), r.get("billingAddress"), r.get("externalRef"),
                    r.get("createdAt"),
                    r.get(VERSION)));

    /** Lets payment matching find customers by a payer's name: {@code NAME#<name key> / CUST#<id>}. */
    record CustomerName(String nameKey, String customerId) {}

    static final TableSchema<CustomerName> CUSTOMER_NAME = SchemaBuilder.of(CustomerName.class, (it, a) -> switch (a) {
                case PK -> BillingTable.customerName(it.nameKey());
                case SK -> BillingTable.customer(it.customerId());
                case TYPE -> "CustomerName";
                case "nameKey" -> it.nameKey();
                case "customerId" -> it.customerId();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("nameKey", String.class)
            .attr("customerId", String.class)
            .build(r -> new CustomerName(r.get("nameKey"), r.get("customerId")));
}
