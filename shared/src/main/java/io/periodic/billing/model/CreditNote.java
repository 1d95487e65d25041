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
        return new CreditNote(id, number, invoiceId, customerId, subtotal, tax, disposition, reason, issueDate,
                createdAt, newVersion);
    }
}
