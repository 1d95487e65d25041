package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;

/**
 * A customer of the SaaS company. Its id is also the customer reference printed on invoices (payers may quote it).
 *
 * @param currency the currency every subscription and invoice of this customer is billed in
 * @param timeZone billing dates are local dates in this zone and fall due at its local midnight
 * @param locale language and formats of documents and reminders (en, ja, ko, sr-Latn, ...)
 * @param paymentTermsDays days from issue to due date (0 = due on receipt)
 * @param taxRate the tax rate applied to this customer's invoices ({@link TaxRate#ZERO} for reverse charge/exempt)
 * @param taxId the customer's tax registration number, printed on invoices (optional)
 * @param externalRef the SaaS company's own id for this customer (its CRM or account id), optional
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
        Instant createdAt,
        Long version) {

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
        notNull(createdAt, "createdAt");
    }

    /** A customer without an external reference. */
    public Customer(String id, String name, String email, Currency currency, ZoneId timeZone, Locale locale,
            int paymentTermsDays, TaxRate taxRate, String taxId, Address billingAddress, Instant createdAt,
            Long version) {
        this(id, name, email, currency, timeZone, locale, paymentTermsDays, taxRate, taxId, billingAddress, null,
                createdAt, version);
    }

    public Customer withVersion(Long newVersion) {
        return new Customer(id, name, email, currency, timeZone, locale, paymentTermsDays, taxRate, taxId,
                billingAddress, externalRef, createdAt, newVersion);
    }
}
