package io.periodic.billing.calendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Proration fractions of a billing {@link Period}.
 *
 * <p><b>Decision: proration is by calendar day in the customer's local calendar, not by second.</b>
 * <ul>
 *   <li>The invoice shows local dates, so "12/30 days" can be checked by the customer.
 *   <li>A second-based fraction would make a 23-hour DST day cheaper than a 25-hour one and would depend on the
 *       time of day of the change.
 *   <li>The effective date of a change is the customer's local date of the change instant
 *       ({@link LocalDue#localDate}); that whole day is charged at the NEW price. So the days before the change
 *       date are {@link #used} (old price) and the change date up to the period end is {@link #remaining}
 *       (credited at the old price, charged at the new one).
 * </ul>
 * The denominator is always the number of days in the period, so a full period gives {@code n/n} and therefore
 * the exact full price.
 */
public final class Proration {

    private Proration() {
    }

    /**
     * Days from {@code changeDate} (inclusive) to the period end, over the period's days.
     * {@code changeDate == start} gives the whole period, {@code changeDate == end} gives {@code 0/days}.
     *
     * @throws IllegalArgumentException unless {@code start <= changeDate <= end}
     */
    public static Fraction remaining(Period period, LocalDate changeDate) {
        requireWithin(period, changeDate);
        return new Fraction(ChronoUnit.DAYS.between(changeDate, period.end()), period.days());
    }

    /**
     * Days from the period start to {@code changeDate} (exclusive), over the period's days: the complement of
     * {@link #remaining}.
     *
     * @throws IllegalArgumentException unless {@code start <= changeDate <= end}
     */
    public static Fraction used(Period period, LocalDate changeDate) {
        requireWithin(period, changeDate);
        return new Fraction(ChronoUnit.DAYS.between(period.start(), changeDate), period.days());
    }

    /**
     * {@code part.days() / whole.days()}, e.g. for a first period that starts mid-cycle.
     *
     * @throws IllegalArgumentException unless {@code part} lies within {@code whole}
     */
    public static Fraction of(Period part, Period whole) {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(whole, "whole");
        if (!whole.encloses(part)) {
            throw new IllegalArgumentException("partial period " + part + " is not within " + whole);
        }
        return new Fraction(part.days(), whole.days());
    }

    private static void requireWithin(Period period, LocalDate changeDate) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(changeDate, "changeDate");
        if (changeDate.isBefore(period.start()) || changeDate.isAfter(period.end())) {
            throw new IllegalArgumentException(
                    "change date " + changeDate + " is outside " + period.start() + ".." + period.end());
        }
    }
}
