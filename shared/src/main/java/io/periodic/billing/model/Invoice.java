package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;

import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An invoice. Totals are derived from the lines, so they can never disagree with them:
 * subtotal = Σ net, tax = Σ line tax, total = subtotal + tax,
 * amount due = total − credit applied − amount paid − credited − written off.
 *
 * @param number the gapless sequential number, assigned at finalisation (null while draft)
 * @param subscriptionId the subscription billed, or null for a one-off invoice
 * @param creditApplied part of the total settled from the customer's credit balance
 * @param amountPaid part of the total settled by payments (net of refunds)
 * @param credited part of the total cancelled by credit notes that reduce the amount due
 * @param writtenOff part of the total written off as the bank fee the payer deducted from a transfer (振込手数料),
 *     within the bank-fee tolerance (docs/bank-fees.md); zero for almost every invoice
 * @param issueDate local date of issue in the customer's zone; dueDate = issueDate + payment terms
 * @param correctionOf id of the voided invoice this one replaces, if it is a corrected reissue
 */
public record Invoice(
        String id,
        String number,
        String customerId,
        String subscriptionId,
        Currency currency,
        InvoiceStatus status,
        List<InvoiceLine> lines,
        Money creditApplied,
        Money amountPaid,
        Money credited,
        Money writtenOff,
        LocalDate issueDate,
        LocalDate dueDate,
        LocalDate periodStart,
        LocalDate periodEnd,
        String correctionOf,
        Instant createdAt,
        Instant finalizedAt,
        Long version) {

    public Invoice {
        id = Ids.check(id, "invoice id");
        number = optional(number, "invoice number", 64);
        customerId = Ids.check(customerId, "customer id");
        if (subscriptionId != null) {
            subscriptionId = Ids.check(subscriptionId, "subscription id");
        }
        currency = Currencies.of(notNull(currency, "currency").getCurrencyCode());
        notNull(status, "status");
        lines = List.copyOf(notNull(lines, "lines"));
        for (InvoiceLine line : lines) {
            if (!line.amount().currency().equals(currency)) {
                throw new IllegalArgumentException("line in " + line.amount().currency() + " on a " + currency + " invoice");
            }
        }
        notNull(creditApplied, "credit applied").requireCurrency(currency);
        notNull(amountPaid, "amount paid").requireCurrency(currency);
        credited = credited == null ? Money.zero(currency) : credited;
        credited.requireCurrency(currency);
        if (credited.isNegative()) {
            throw new IllegalArgumentException("credited amount cannot be negative");
        }
        writtenOff = writtenOff == null ? Money.zero(currency) : writtenOff;
        writtenOff.requireCurrency(currency);
        if (writtenOff.isNegative()) {
            throw new IllegalArgumentException("written-off amount cannot be negative");
        }
        notNull(issueDate, "issue date");
        notNull(dueDate, "due date");
        if (dueDate.isBefore(issueDate)) {
            throw new IllegalArgumentException("due date " + dueDate + " is before issue date " + issueDate);
        }
        if ((periodStart == null) != (periodEnd == null)) {
            throw new IllegalArgumentException("an invoice period needs both start and end");
        }
        if (status != InvoiceStatus.DRAFT && number == null) {
            throw new IllegalArgumentException("a " + status + " invoice must have a number");
        }
        notNull(createdAt, "createdAt");
    }

    /** An invoice without credit notes. */
    public Invoice(String id, String number, String customerId, String subscriptionId, Currency currency,
            InvoiceStatus status, List<InvoiceLine> lines, Money creditApplied, Money amountPaid, LocalDate issueDate,
            LocalDate dueDate, LocalDate periodStart, LocalDate periodEnd, String correctionOf, Instant createdAt,
            Instant finalizedAt, Long version) {
        this(id, number, customerId, subscriptionId, currency, status, lines, creditApplied, amountPaid, null,
                issueDate, dueDate, periodStart, periodEnd, correctionOf, createdAt, finalizedAt, version);
    }

    /** An invoice with nothing written off. */
    public Invoice(String id, String number, String customerId, String subscriptionId, Currency currency,
            InvoiceStatus status, List<InvoiceLine> lines, Money creditApplied, Money amountPaid, Money credited,
            LocalDate issueDate, LocalDate dueDate, LocalDate periodStart, LocalDate periodEnd, String correctionOf,
            Instant createdAt, Instant finalizedAt, Long version) {
        this(id, number, customerId, subscriptionId, currency, status, lines, creditApplied, amountPaid, credited,
                null, issueDate, dueDate, periodStart, periodEnd, correctionOf, createdAt, finalizedAt, version);
    }

    public Money subtotal() {
        return lines.stream().map(InvoiceLine::amount).reduce(Money.zero(currency), Money::plus);
    }

    public Money tax() {
        return lines.stream().map(InvoiceLine::tax).reduce(Money.zero(currency), Money::plus);
    }

    public Money total() {
        return subtotal().plus(tax());
    }

    /** What the customer still owes on this invoice. */
    public Money amountDue() {
        return total().minus(creditApplied).minus(amountPaid).minus(credited).minus(writtenOff);
    }

    /** Tax per rate, sorted by rate, as printed on the document. */
    public Map<TaxRate, Money> taxByRate() {
        Map<TaxRate, Money> byRate = new TreeMap<>((a, b) -> a.percent().compareTo(b.percent()));
        for (InvoiceLine line : lines) {
            byRate.merge(line.taxRate(), line.tax(), Money::plus);
        }
        return byRate;
    }

    public Invoice withVersion(Long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    public Invoice finalized(String assignedNumber, Instant at) {
        if (status != InvoiceStatus.DRAFT) {
            throw new IllegalStateException("only a draft can be finalised; invoice " + id + " is " + status);
        }
        return toBuilder().number(assignedNumber).status(InvoiceStatus.OPEN).finalizedAt(at).build();
    }

    public Invoice withStatus(InvoiceStatus newStatus) {
        return toBuilder().status(newStatus).build();
    }

    /**
     * After a credit note that cancels {@code amount} of what is due; the status is left as it is (whether it is
     * paid now is {@code InvoiceTransitions.settled}'s decision).
     */
    public Invoice withCredited(Money amount) {
        return toBuilder().credited(credited.plus(amount)).build();
    }

    /** After the credit balance it used was given back (voiding). */
    public Invoice withCreditApplied(Money amount) {
        return toBuilder().creditApplied(amount).build();
    }

    public Invoice withPayment(Money paid, InvoiceStatus newStatus) {
        return toBuilder().amountPaid(paid).status(newStatus).build();
    }

    /** After a payment short by a bank fee within the tolerance: {@code amount} more is written off. */
    public Invoice withWrittenOff(Money amount) {
        return toBuilder().writtenOff(writtenOff.plus(amount)).build();
    }

    /** A builder with every field unset (nulls, zeros, false). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this invoice's fields: change some, then {@link Builder#build} checks the result. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link Invoice}s field by field; {@link #build} runs the record's checks, so a built invoice is as
     * valid as a constructed one.
     */
    public static final class Builder {
        private String id;
        private String number;
        private String customerId;
        private String subscriptionId;
        private Currency currency;
        private InvoiceStatus status;
        private List<InvoiceLine> lines;
        private Money creditApplied;
        private Money amountPaid;
        private Money credited;
        private Money writtenOff;
        private LocalDate issueDate;
        private LocalDate dueDate;
        private LocalDate periodStart;
        private LocalDate periodEnd;
        private String correctionOf;
        private Instant createdAt;
        private Instant finalizedAt;
        private Long version;

        private Builder() {}

        private Builder(Invoice from) {
            id = from.id;
            number = from.number;
            customerId = from.customerId;
            subscriptionId = from.subscriptionId;
            currency = from.currency;
            status = from.status;
            lines = from.lines;
            creditApplied = from.creditApplied;
            amountPaid = from.amountPaid;
            credited = from.credited;
            writtenOff = from.writtenOff;
            issueDate = from.issueDate;
            dueDate = from.dueDate;
            periodStart = from.periodStart;
            periodEnd = from.periodEnd;
            correctionOf = from.correctionOf;
            createdAt = from.createdAt;
            finalizedAt = from.finalizedAt;
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

        public Builder customerId(String value) {
            customerId = value;
            return this;
        }

        public Builder subscriptionId(String value) {
            subscriptionId = value;
            return this;
        }

        public Builder currency(Currency value) {
            currency = value;
            return this;
        }

        public Builder status(InvoiceStatus value) {
            status = value;
            return this;
        }

        public Builder lines(List<InvoiceLine> value) {
            lines = value;
            return this;
        }

        public Builder creditApplied(Money value) {
            creditApplied = value;
            return this;
        }

        public Builder amountPaid(Money value) {
            amountPaid = value;
            return this;
        }

        public Builder credited(Money value) {
            credited = value;
            return this;
        }

        public Builder writtenOff(Money value) {
            writtenOff = value;
            return this;
        }

        public Builder issueDate(LocalDate value) {
            issueDate = value;
            return this;
        }

        public Builder dueDate(LocalDate value) {
            dueDate = value;
            return this;
        }

        public Builder periodStart(LocalDate value) {
            periodStart = value;
            return this;
        }

        public Builder periodEnd(LocalDate value) {
            periodEnd = value;
            return this;
        }

        public Builder correctionOf(String value) {
            correctionOf = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder finalizedAt(Instant value) {
            finalizedAt = value;
            return this;
        }

        public Builder version(Long value) {
            version = value;
            return this;
        }

        public Invoice build() {
            return new Invoice(id, number, customerId, subscriptionId, currency, status, lines, creditApplied,
                    amountPaid, credited, writtenOff, issueDate, dueDate, periodStart, periodEnd, correctionOf, createdAt,
                    finalizedAt, version);
        }
    }
}
