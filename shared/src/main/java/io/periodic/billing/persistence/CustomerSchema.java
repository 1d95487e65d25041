package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.document;
import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.integer;
import static io.periodic.billing.persistence.Column.number;
import static io.periodic.billing.persistence.Column.string;
import static io.periodic.billing.persistence.Column.strings;

import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.RecipientKind;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.ZoneId;
import java.util.Locale;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of customers, and of the name, payer-name and virtual-account lookups that point to them. Key formats:
 * {@link BillingTable}; layout: docs/data-model.md.
 */
final class CustomerSchema {
    private CustomerSchema() {}

    enum CustomerAttribute implements StoredAttribute<Customer> {
        PK(Column.PK),
        SK(Column.SK),
        /** Customers by e-mail (payment matching). */
        GSI1_PK(Column.GSI1_PK),
        GSI1_SK(Column.GSI1_SK),
        /** Every customer, sharded, oldest first (reports over all customers). */
        GSI2_PK(Column.GSI2_PK),
        GSI2_SK(Column.GSI2_SK),
        TYPE(Column.TYPE),
        ID(string("id")),
        NAME(string("name")),
        EMAIL(string("email")),
        CURRENCY(string("currency")),
        TIME_ZONE(string("timeZone")),
        LOCALE(string("locale")),
        PAYMENT_TERMS_DAYS(integer("paymentTermsDays")),
        TAX_RATE(string("taxRate")),
        TAX_ID(string("taxId")),
        BILLING_ADDRESS(document("billingAddress", Address.class, CommonSchemas.AddressAttribute.SCHEMA)),
        EXTERNAL_REF(string("externalRef")),
        /** Absent when the customer has none (so customers stored before it are unchanged). */
        PAYER_NAMES(strings("payerNames")),
        /** Absent when the customer has none (so customers stored before it are unchanged). */
        VIRTUAL_ACCOUNTS(strings("virtualAccounts")),
        /** Minor units in the customer's currency; absent = the seller's setting (customers stored before: unchanged). */
        BANK_FEE_TOLERANCE(number("bankFeeTolerance")),
        /** COMPANY or PERSON; absent when not said (documents address a company; customers stored before: unchanged). */
        RECIPIENT_KIND(string("recipientKind")),
        /** The customer's own reference (PO number, 得意先コード); absent when none. */
        CUSTOMER_REFERENCE(string("customerReference")),
        /** The customer's company registration number (Serbian MB); absent when none. */
        COMPANY_NUMBER(string("companyNumber")),
        CREATED_AT(instant("createdAt")),
        VERSION(Column.VERSION);

        private final Column column;

        CustomerAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Customer it) {
            return switch (this) {
                case PK -> BillingTable.customer(it.id());
                case SK -> "PROFILE";
                case GSI1_PK -> "EMAIL#" + it.email().toLowerCase(Locale.ROOT);
                case GSI1_SK -> BillingTable.customer(it.id());
                case GSI2_PK -> BillingTable.customersPartition(BillingTable.shardOf(it.id()));
                case GSI2_SK -> BillingTable.sortable(it.createdAt()) + "#" + it.id();
                case TYPE -> "Customer";
                case ID -> it.id();
                case NAME -> it.name();
                case EMAIL -> it.email();
                case CURRENCY -> it.currency().getCurrencyCode();
                case TIME_ZONE -> it.timeZone().getId();
                case LOCALE -> it.locale().toLanguageTag();
                case PAYMENT_TERMS_DAYS -> it.paymentTermsDays();
                case TAX_RATE -> it.taxRate().toString();
                case TAX_ID -> it.taxId();
                case BILLING_ADDRESS -> it.billingAddress();
                case EXTERNAL_REF -> it.externalRef();
                case PAYER_NAMES -> it.payerNames().isEmpty() ? null : it.payerNames();
                case VIRTUAL_ACCOUNTS -> it.virtualAccounts().isEmpty() ? null : it.virtualAccounts();
                case BANK_FEE_TOLERANCE -> it.bankFeeTolerance() == null ? null : it.bankFeeTolerance().minor();
                case RECIPIENT_KIND -> it.recipientKind() == null ? null : it.recipientKind().name();
                case CUSTOMER_REFERENCE -> it.customerReference();
                case COMPANY_NUMBER -> it.companyNumber();
                case CREATED_AT -> it.createdAt();
                case VERSION -> it.version();
            };
        }

        @Override
        public Customer recordOf(Row r) {
            Customer.Builder customer = Customer.builder();
            for (CustomerAttribute a : values()) {
                customer = switch (a) {
                    case PK, SK, GSI1_PK, GSI1_SK, GSI2_PK, GSI2_SK, TYPE -> customer;
                    case ID -> customer.id(r.get(a));
                    case NAME -> customer.name(r.get(a));
                    case EMAIL -> customer.email(r.get(a));
                    case CURRENCY -> customer.currency(Currencies.of(r.get(a)));
                    case TIME_ZONE -> customer.timeZone(ZoneId.of(r.get(a)));
                    case LOCALE -> customer.locale(Locale.forLanguageTag(r.get(a)));
                    case PAYMENT_TERMS_DAYS -> customer.paymentTermsDays(r.get(a));
                    case TAX_RATE -> customer.taxRate(TaxRate.of(r.get(a)));
                    case TAX_ID -> customer.taxId(r.get(a));
                    case BILLING_ADDRESS -> customer.billingAddress(r.get(a));
                    case EXTERNAL_REF -> customer.externalRef(r.get(a));
                    case PAYER_NAMES -> customer.payerNames(r.get(a));
                    case VIRTUAL_ACCOUNTS -> customer.virtualAccounts(r.get(a));
                    case BANK_FEE_TOLERANCE -> customer.bankFeeTolerance(tolerance(r.get(a), r.get(CURRENCY)));
                    case RECIPIENT_KIND -> customer.recipientKind(recipientKind(r.get(a)));
                    case CUSTOMER_REFERENCE -> customer.customerReference(r.get(a));
                    case COMPANY_NUMBER -> customer.companyNumber(r.get(a));
                    case CREATED_AT -> customer.createdAt(r.get(a));
                    case VERSION -> customer.version(r.get(a));
                };
            }
            return customer.build();
        }
    }

    private static RecipientKind recipientKind(String stored) {
        return stored == null ? null : RecipientKind.valueOf(stored);
    }

    private static Money tolerance(Long minor, String currency) {
        return minor == null ? null : Money.of(minor, currency);
    }

    static final TableSchema<Customer> CUSTOMER = SchemaBuilder.of(Customer.class, CustomerAttribute.values());

    /** Lets payment matching find customers by a payer's name: {@code NAME#<name key> / CUST#<id>}. */
    record CustomerName(String nameKey, String customerId) {}

    enum CustomerNameAttribute implements StoredAttribute<CustomerName> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        NAME_KEY(string("nameKey")),
        CUSTOMER_ID(string("customerId"));

        private final Column column;

        CustomerNameAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(CustomerName it) {
            return switch (this) {
                case PK -> BillingTable.customerName(it.nameKey());
                case SK -> BillingTable.customer(it.customerId());
                case TYPE -> "CustomerName";
                case NAME_KEY -> it.nameKey();
                case CUSTOMER_ID -> it.customerId();
            };
        }

        @Override
        public CustomerName recordOf(Row r) {
            return new CustomerName(r.get(NAME_KEY), r.get(CUSTOMER_ID));
        }
    }

    static final TableSchema<CustomerName> CUSTOMER_NAME = SchemaBuilder.of(CustomerName.class,
            CustomerNameAttribute.values());

    /**
     * Lets payment matching find customers by the bank key ({@code payments.BankNames.key}) of
     * one of their payer names: {@code BANKNAME#<bank key> / CUST#<id>}, one item per distinct key.
     */
    record CustomerBankName(String bankKey, String customerId) {}

    enum CustomerBankNameAttribute implements StoredAttribute<CustomerBankName> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        BANK_KEY(string("bankKey")),
        CUSTOMER_ID(string("customerId"));

        private final Column column;

        CustomerBankNameAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(CustomerBankName it) {
            return switch (this) {
                case PK -> BillingTable.customerBankName(it.bankKey());
                case SK -> BillingTable.customer(it.customerId());
                case TYPE -> "CustomerBankName";
                case BANK_KEY -> it.bankKey();
                case CUSTOMER_ID -> it.customerId();
            };
        }

        @Override
        public CustomerBankName recordOf(Row r) {
            return new CustomerBankName(r.get(BANK_KEY), r.get(CUSTOMER_ID));
        }
    }

    static final TableSchema<CustomerBankName> CUSTOMER_BANK_NAME = SchemaBuilder.of(CustomerBankName.class,
            CustomerBankNameAttribute.values());

    /**
     * Who holds a virtual account: {@code VACCOUNT#<bank-branch-account> / VACCOUNT}, one item per account, so a
     * second customer's claim fails the condition of its create.
     */
    record CustomerVirtualAccount(String account, String customerId) {}

    enum CustomerVirtualAccountAttribute implements StoredAttribute<CustomerVirtualAccount> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        ACCOUNT(string("account")),
        CUSTOMER_ID(string("customerId"));

        private final Column column;

        CustomerVirtualAccountAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(CustomerVirtualAccount it) {
            return switch (this) {
                case PK -> BillingTable.virtualAccount(it.account());
                case SK -> "VACCOUNT";
                case TYPE -> "CustomerVirtualAccount";
                case ACCOUNT -> it.account();
                case CUSTOMER_ID -> it.customerId();
            };
        }

        @Override
        public CustomerVirtualAccount recordOf(Row r) {
            return new CustomerVirtualAccount(r.get(ACCOUNT), r.get(CUSTOMER_ID));
        }
    }

    static final TableSchema<CustomerVirtualAccount> CUSTOMER_VIRTUAL_ACCOUNT = SchemaBuilder.of(
            CustomerVirtualAccount.class, CustomerVirtualAccountAttribute.values());
}
