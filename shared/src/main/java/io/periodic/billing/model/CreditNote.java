package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.money.Money;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A credit note against an invoice, with its own number and document: it either reduces what is still due on
 * the invoice or, for what was already paid, adds to the customer's credit balance.
 *
 * @param subtotal credited net amount (positive)
 * @param tax credited tax (same rate as the credited lines)
 */
public record CreditNote(
        String id,
        String number,
        String invoiceId,
        String customerId,
        Money subtotal,
        Money tax,
        Disposition disposition,
        String reason,
        LocalDate issueDate,
        Instant createdAt,
        Long version) {

    /** Where the credited amount goes. */
    public enum Disposition {
        /** Lowers the invoice's amount due. */
        REDUCE_AMOUNT_DUE,
        /** Adds to the customer's credit balance, used by the next invoices. */
        CUSTOMER_BALANCE
    }

    public CreditNote {
        id = Ids.check(id, "credit note id");
        number = optional(number, "credit note number", 64);
        invoiceId = Ids.check(invoiceId, "invoice id");
        customerId = Ids.check(customerId, "customer id");
        notNull(subtotal, "subtotal");
        notNull(tax, "tax").requireSameCurrency(subtotal);
        if (subtotal.isNegative() || tax.isNegative() || subtotal.plus(tax).isZero()) {
            throw new IllegalArgumentException("a credit note credits a positive amount");
        }
        notNull(disposition, "disposition");
        reason = required(reason, "reason", 1000);
        notNull(issueDate, "issue date");
        notNull(createdAt, "createdAt");
    }

    public Money total() {
        return subtotal.plus(tax);
    }

    public CreditNote withVersion(Long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /** A builder with every field unset (nulls, zeros, false). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this credit note's fields: change some, then {@link Builder#build} checks the result. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link CreditNote}s field by field; {@link #build} runs the record's checks, so a built credit note is as
     * valid as a constructed one.
     */
    public static final class Builder {
        private String id;
        private String number;
        private String invoiceId;
        private String customerId;
        private Money subtotal;
        private Money tax;
        private Disposition disposition;
        private String reason;
        private LocalDate issueDate;
        private Instant createdAt;
        private Long version;

        private Builder() {}

        private Builder(CreditNote from) {
            id = from.id;
            number = from.number;
            invoiceId = from.invoiceId;
            customerId = from.customerId;
            subtotal = from.subtotal;
            tax = from.tax;
            disposition = from.disposition;
            reason = from.reason;
            issueDate = from.issueDate;
            createdAt = from.createdAt;
            version = from.version;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder number(String value) {
            number = value;
            return this;
        }

        public Builder invoiceId(String value) {
            invoiceId = value;
            return this;
        }

        public Builder customerId(String value) {
            customerId = value;
            return this;
        }

        public Builder subtotal(Money value) {
            subtotal = value;
            return this;
        }

        public Builder tax(Money value) {
            tax = value;
            return this;
        }

        public Builder disposition(Disposition value) {
            disposition = value;
            return this;
        }

        public Builder reason(String value) {
            reason = value;
            return this;
        }

        public Builder issueDate(LocalDate value) {
            issueDate = value;
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

        public CreditNote build() {
            return new CreditNote(id, number, invoiceId, customerId, subtotal, tax, disposition, reason, issueDate,
                    createdAt, version);
        }
    }
}
