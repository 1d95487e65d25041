package io.periodic.billing.calendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A half-open range of local dates {@code [start, end)} in the customer's calendar: {@code start} is the first
 * billed day, {@code end} the first day of the next period. Invoices display {@code start}..{@link #endInclusive()}.
 */
public record Period(LocalDate start, LocalDate end) {

    /** @throws IllegalArgumentException unless start is before end; NullPointerException on null */
    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("period start " + start + " must be before end " + end);
        }
    }

    /** Number of calendar days in the period (always >= 1). */
    public long days() {
        return ChronoUnit.DAYS.between(start, end);
    }

    /** True if {@code start <= date < end}. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(end);
    }

    /** True if {@code other} lies entirely within this period. */
    public boolean encloses(Period other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    /** The last day of the period ({@code end - 1 day}), for display. */
    public LocalDate endInclusive() {
        return end.minusDays(1);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
