package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A credit note against an invoice, with its own number and document: it either reduces what is still due on
 * the invoice or, for what was already paid, adds to the customer's credit balance.
 *
 * @param subtotal credited net amount (positive): the sum of the parts' subtotals
 * @param tax credited tax: the sum of the parts' taxes
 * @param taxParts the credited amount per tax rate of the credited invoice (a 適格返還請求書 states the returned
 *     amount and its tax per rate; docs/tax.md), ordered by rate; computed by
 *     {@code invoicing.CreditNoteRates}. A credit note stored before the parts were recorded has one part without
 *     a rate ({@link TaxPart#rate} null) holding its amounts.
 */
public record CreditNote(
        String id,
        String number,
        String invoiceId,
        String customerId,
        Money subtotal,
        Money tax,
        List<TaxPart> taxParts,
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

    /**
     * The part of a credit note at one tax rate: the credited net amount at that rate and its tax (rounded once per
     * rate).
     *
     * rate). A part is negative only where the credited invoice's lines at that rate net to a credit (a rare
     * proration at a rate of its own): the note as a whole credits a positive amount.
     *
     * @param rate the rate, or null only for the single part of a credit note stored before parts were recorded
     */
    public record TaxPart(TaxRate rate, Money subtotal, Money tax) {
        public TaxPart {
            notNull(subtotal, "part subtotal");
            notNull(tax, "part tax").requireSameCurrency(subtotal);
        }

        public Money total() {
            return subtotal.plus(tax);
        }
    }

    /** A credit note whose amounts are not split by rate: one part without a rate (as stored before the parts). */
    public CreditNote(String id, String number, String invoiceId, String customerId, Money subtotal, Money tax,
            Disposition disposition, String reason, LocalDate issueDate, Instant createdAt, Long version) {
        this(id, number, invoiceId, customerId, subtotal, tax, unsplit(subtotal, tax), disposition, reason,
                issueDate, createdAt, version);
    }

    private static List<TaxPart> unsplit(Money subtotal, Money tax) {
        return subtotal == null || tax == null ? null : List.of(new TaxPart(null, subtotal, tax));
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
        taxParts = List.copyOf(notNull(taxParts, "tax parts"));
        checkParts(taxParts, subtotal, tax);
        notNull(disposition, "disposition");
        reason = required(reason, "reason", 1000);
        notNull(issueDate, "issue date");
        notNull(createdAt, "createdAt");
    }

    private static void checkParts(List<TaxPart> parts, Money subtotal, Money tax) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a credit note has at least one part");
        }
        Money partsSubtotal = Money.zero(subtotal.currency());
        Money partsTax = Money.zero(subtotal.currency());
        Set<TaxRate> rates = new HashSet<>();
        for (TaxPart part : parts) {
            if (part.rate() == null ? parts.size() > 1 : !rates.add(part.rate())) {
                throw new IllegalArgumentException("a credit note's parts need distinct rates, got " + parts);
            }
            partsSubtotal = partsSubtotal.plus(part.subtotal());
            partsTax = partsTax.plus(part.tax());
        }
        if (!partsSubtotal.equals(subtotal) || !partsTax.equals(tax)) {
            throw new IllegalArgumentException("a credit note's subtotal " + subtotal + " and tax " + tax
                    + " must be the sums of its parts " + parts);
        }
    }

    public Money total() {
        return subtotal.plus(tax);
    }

    /** Whether the amounts are split by rate (false for a note stored before the parts: one part, no rate). */
    public boolean hasRates() {
        return taxParts.get(0).rate() != null;
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
        private List<TaxPart> taxParts;
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
            taxParts = from.taxParts;
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

        /** The parts per rate; left unset, the note has one part without a rate holding subtotal and tax. */
        public Builder taxParts(List<TaxPart> value) {
            taxParts = value;
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
            return new CreditNote(id, number, invoiceId, customerId, subtotal, tax,
                    taxParts != null ? taxParts : unsplit(subtotal, tax), disposition, reason, issueDate, createdAt,
                    version);
        }
    }
}
