package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.calendar.Fraction;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.LocalDate;

/**
 * One invoice line: {@code quantity × unitAmount} over a service period, with its share of the invoice's tax.
 *
 * @param periodStart first day of the service period (local date), null for one-off charges
 * @param periodEnd day after the service period (exclusive), null for one-off charges
 * @param amount the line's net amount (excluding tax); may be negative for credits
 * @param tax this line's share of its rate's tax, rounded per invoice per rate (see TaxCalculator)
 * @param chargeId the subscription's pending charge this line bills, null for recurring lines
 * @param proration the part of the period charged (days used / days in the period, e.g. 11/31) when the line is
 *     prorated: the amount is then {@code quantity × unitAmount × proration}, rounded once (before tax is split
 *     off a tax-inclusive price); null for a line billed in full, and on lines stored before it was recorded
 */
public record InvoiceLine(
        String description,
        LineKind kind,
        String planId,
        LocalDate periodStart,
        LocalDate periodEnd,
        long quantity,
        Money unitAmount,
        Money amount,
        TaxRate taxRate,
        Money tax,
        String chargeId,
        Fraction proration) {

    public InvoiceLine {
        description = required(description, "line description", 500);
        notNull(kind, "line kind");
        planId = optional(planId, "plan id", 128);
        if ((periodStart == null) != (periodEnd == null)) {
            throw new IllegalArgumentException("a service period needs both start and end");
        }
        if (periodStart != null && !periodStart.isBefore(periodEnd)) {
            throw new IllegalArgumentException("service period start " + periodStart + " is not before its end " + periodEnd);
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        notNull(unitAmount, "unit amount");
        notNull(amount, "amount");
        notNull(taxRate, "tax rate");
        notNull(tax, "tax");
        amount.requireSameCurrency(unitAmount);
        amount.requireSameCurrency(tax);
        chargeId = optional(chargeId, "charge id", 128);
    }

    /** A line that is not prorated. */
    public InvoiceLine(String description, LineKind kind, String planId, LocalDate periodStart, LocalDate periodEnd,
            long quantity, Money unitAmount, Money amount, TaxRate taxRate, Money tax, String chargeId) {
        this(description, kind, planId, periodStart, periodEnd, quantity, unitAmount, amount, taxRate, tax, chargeId,
                null);
    }

    /** A line that bills no pending charge. */
    public InvoiceLine(String description, LineKind kind, String planId, LocalDate periodStart, LocalDate periodEnd,
            long quantity, Money unitAmount, Money amount, TaxRate taxRate, Money tax) {
        this(description, kind, planId, periodStart, periodEnd, quantity, unitAmount, amount, taxRate, tax, null);
    }

    /** Net amount plus tax. */
    public Money gross() {
        return amount.plus(tax);
    }
}
