package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A customer of the SaaS company. Its id is internal: documents print the customer's own reference instead
 * ({@code customerReference}), or nothing.
 *
 * @param currency the currency every subscription and invoice of this customer is billed in
 * @param timeZone billing dates are local dates in this zone and fall due at its local midnight
 * @param locale language and formats of documents and reminders (en, ja, ko, sr-Latn, ...)
 * @param paymentTermsDays days from issue to due date (0 = due on receipt)
 * @param taxRate the tax rate applied to this customer's invoices ({@link TaxRate#ZERO} for reverse charge/exempt)
 * @param taxId the customer's tax registration number, printed on invoices (optional)
 * @param externalRef the SaaS company's own id for this customer (its CRM or account id), optional
 * @param payerNames the names this customer's bank transfers arrive under, as the bank prints them (usually
 *     half-width katakana such as {@code ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ}): payment matching only, never printed; 0..10, each
 *     1..48 characters after trimming (the 全銀 length of a payer name)
 * @param virtualAccounts the receiving accounts (振込専用口座 / バーチャル口座) given to this customer alone, each
 *     {@code bank-branch-account} ({@code 0172-101-1234567}: 4-digit bank code, 3-digit branch, 7-digit account):
 *     a credit into one identifies the customer (rule {@code virtual-account}); 0..20, distinct; an account
 *     belongs to at most one customer (the store refuses a second holder)
 * @param bankFeeTolerance the most a bank transfer from this customer may be short of what it pays (the bank fee the
 *     payer deducted, 振込手数料) and still close it, in the customer's currency; zero = off for this customer; null =
 *     the seller's setting for the currency (docs/bank-fees.md)
 * @param recipientKind whether documents address a company ({@code 御中}) or a person ({@code 様}); null = not said,
 *     addressed as a company ({@link #addressedAs()}; docs/documents.md)
 * @param customerReference the customer's own reference for this account, printed on its documents instead of our
 *     id: its purchase-order number, 得意先コード, cost centre (optional, 1..64 characters)
 * @param companyNumber the customer's company registration number where the documents show one (Serbian matični broj
 *     MB, 8 digits; Korean 법인등록번호; a Companies House number), printed next to its tax id (optional, 1..32)
 */
public record Customer(
        String id,
        String name,
        String email,
        Currency currency,
        ZoneId timeZone,
        Locale locale,
        int paymentTermsDays,
        TaxRate taxRate,
        String taxId,
        Address billingAddress,
        String externalRef,
        List<String> payerNames,
        List<String> virtualAccounts,
        Money bankFeeTolerance,
        RecipientKind recipientKind,
        String customerReference,
        String companyNumber,
        Instant createdAt,
        Long version) {

    /** The most payer names a customer has, and the longest one (characters, after trimming). */
    public static final int MAX_PAYER_NAMES = 10;
    public static final int MAX_PAYER_NAME_LENGTH = 48;
    /** The most virtual accounts a customer has. */
    public static final int MAX_VIRTUAL_ACCOUNTS = 20;
    /** A virtual account as stored and matched: {@code bank-branch-account}, digits only. */
    public static final Pattern VIRTUAL_ACCOUNT = Pattern.compile("[0-9]{4}-[0-9]{3}-[0-9]{7}");

    public Customer {
        id = Ids.check(id, "customer id");
        name = required(name, "name", 200);
        email = required(email, "email", 254);
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("email is not a valid address: " + email);
        }
        currency = Currencies.of(notNull(currency, "currency").getCurrencyCode());
        notNull(timeZone, "time zone");
        notNull(locale, "locale");
        if (paymentTermsDays < 0 || paymentTermsDays > 365) {
            throw new IllegalArgumentException("payment terms must be 0..365 days, got " + paymentTermsDays);
        }
        notNull(taxRate, "tax rate");
        taxId = optional(taxId, "tax id", 64);
        notNull(billingAddress, "billing address");
        externalRef = optional(externalRef, "external reference", 100);
        payerNames = payerNames(payerNames);
        virtualAccounts = virtualAccounts(virtualAccounts);
        if (bankFeeTolerance != null) {
            bankFeeTolerance.requireCurrency(currency);
            if (bankFeeTolerance.isNegative() || !bankFeeTolerance.isWithinLimit()) {
                throw new IllegalArgumentException("bank fee tolerance must be 0.." + Money.maxAmount(currency)
                        + ", got " + bankFeeTolerance);
            }
        }
        customerReference = optional(customerReference, "customer reference", 64);
        companyNumber = optional(companyNumber, "company number", 32);
        notNull(createdAt, "createdAt");
    }

    /** A customer that states neither its recipient kind, nor its own reference, nor a company number. */
    public Customer(String id, String name, String email, Currency currency, ZoneId timeZone, Locale locale,
            int paymentTermsDays, TaxRate taxRate, String taxId, Address billingAddress, String externalRef,
            List<String> payerNames, List<String> virtualAccounts, Money bankFeeTolerance, Instant createdAt,
            Long version) {
        this(id, name, email, currency, timeZone, locale, paymentTermsDays, taxRate, taxId, billingAddress,
                externalRef, payerNames, virtualAccounts, bankFeeTolerance, null, null, null, createdAt, version);
    }

    /** How documents address this customer: the kind it states, else a company. */
    public RecipientKind addressedAs() {
        return recipientKind == null ? RecipientKind.COMPANY : recipientKind;
    }

    /** A customer without virtual accounts, with the seller's bank-fee tolerance. */
    public Customer(String id, String name, String email, Currency currency, ZoneId timeZone, Locale locale,
            int paymentTermsDays, TaxRate taxRate, String taxId, Address billingAddress, String externalRef,
            List<String> payerNames, Instant createdAt, Long version) {
        this(id, name, email, currency, timeZone, locale, paymentTermsDays, taxRate, taxId, billingAddress,
                externalRef, payerNames, List.of(), null, createdAt, version);
    }

    /** A customer without payer names. */
    public Customer(String id, String name, String email, Currency currency, ZoneId timeZone, Locale locale,
            int paymentTermsDays, TaxRate taxRate, String taxId, Address billingAddress, String externalRef,
            Instant createdAt, Long version) {
        this(id, name, email, currency, timeZone, locale, paymentTermsDays, taxRate, taxId, billingAddress,
                externalRef, List.of(), createdAt, version);
    }

    /** A customer without an external reference. */
    public Customer(String id, String name, String email, Currency currency, ZoneId timeZone, Locale locale,
            int paymentTermsDays, TaxRate taxRate, String taxId, Address billingAddress, Instant createdAt,
            Long version) {
        this(id, name, email, currency, timeZone, locale, paymentTermsDays, taxRate, taxId, billingAddress, null,
                List.of(), createdAt, version);
    }

    private static List<String> payerNames(List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        if (names.size() > MAX_PAYER_NAMES) {
            throw new IllegalArgumentException("payer names are at most " + MAX_PAYER_NAMES + ", got " + names.size());
        }
        List<String> trimmed = new ArrayList<>(names.size());
        for (String name : names) {
            String one = required(name, "payer name", MAX_PAYER_NAME_LENGTH);
            if (!trimmed.contains(one)) {
                trimmed.add(one);
            }
        }
        return List.copyOf(trimmed);
    }

    private static List<String> virtualAccounts(List<String> accounts) {
        if (accounts == null || accounts.isEmpty()) {
            return List.of();
        }
        if (accounts.size() > MAX_VIRTUAL_ACCOUNTS) {
            throw new IllegalArgumentException("virtual accounts are at most " + MAX_VIRTUAL_ACCOUNTS + ", got "
                    + accounts.size());
        }
        List<String> distinct = new ArrayList<>(accounts.size());
        for (String account : accounts) {
            if (account == null || !VIRTUAL_ACCOUNT.matcher(account).matches()) {
                throw new IllegalArgumentException("a virtual account is bank-branch-account (4, 3 and 7 digits, "
                        + "e.g. 0172-101-1234567), got " + account);
            }
            if (!distinct.contains(account)) {
                distinct.add(account);
            }
        }
        return List.copyOf(distinct);
    }

    public Customer withVersion(Long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /** A builder with every field unset (nulls, zeros, false). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this customer's fields: change some, then {@link Builder#build} checks the result. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link Customer}s field by field; {@link #build} runs the record's checks, so a built customer is as
     * valid as a constructed one.
     */
    public static final class Builder {
        private String id;
        private String name;
        private String email;
        private Currency currency;
        private ZoneId timeZone;
        private Locale locale;
        private int paymentTermsDays;
        private TaxRate taxRate;
        private String taxId;
        private Address billingAddress;
        private String externalRef;
        private List<String> payerNames;
        private List<String> virtualAccounts;
        private Money bankFeeTolerance;
        private RecipientKind recipientKind;
        private String customerReference;
        private String companyNumber;
        private Instant createdAt;
        private Long version;

        private Builder() {}

        private Builder(Customer from) {
            id = from.id;
            name = from.name;
            email = from.email;
            currency = from.currency;
            timeZone = from.timeZone;
            locale = from.locale;
            paymentTermsDays = from.paymentTermsDays;
            taxRate = from.taxRate;
            taxId = from.taxId;
            billingAddress = from.billingAddress;
            externalRef = from.externalRef;
            payerNames = from.payerNames;
            virtualAccounts = from.virtualAccounts;
            bankFeeTolerance = from.bankFeeTolerance;
            recipientKind = from.recipientKind;
            customerReference = from.customerReference;
            companyNumber = from.companyNumber;
            createdAt = from.createdAt;
            version = from.version;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder email(String value) {
            email = value;
            return this;
        }

        public Builder currency(Currency value) {
            currency = value;
            return this;
        }

        public Builder timeZone(ZoneId value) {
            timeZone = value;
            return this;
        }

        public Builder locale(Locale value) {
            locale = value;
            return this;
        }

        public Builder paymentTermsDays(int value) {
            paymentTermsDays = value;
            return this;
        }

        public Builder taxRate(TaxRate value) {
            taxRate = value;
            return this;
        }

        public Builder taxId(String value) {
            taxId = value;
            return this;
        }

        public Builder billingAddress(Address value) {
            billingAddress = value;
            return this;
        }

        public Builder externalRef(String value) {
            externalRef = value;
            return this;
        }

        public Builder payerNames(List<String> value) {
            payerNames = value;
            return this;
        }

        public Builder virtualAccounts(List<String> value) {
            virtualAccounts = value;
            return this;
        }

        public Builder bankFeeTolerance(Money value) {
            bankFeeTolerance = value;
            return this;
        }

        public Builder recipientKind(RecipientKind value) {
            recipientKind = value;
            return this;
        }

        public Builder customerReference(String value) {
            customerReference = value;
            return this;
        }

        public Builder companyNumber(String value) {
            companyNumber = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder version(Long value) {
            version = value;
            return this;
        }

        public Customer build() {
            return new Customer(id, name, email, currency, timeZone, locale, paymentTermsDays, taxRate, taxId,
                    billingAddress, externalRef, payerNames, virtualAccounts, bankFeeTolerance, recipientKind,
                    customerReference, companyNumber, createdAt, version);
        }
    }
}
