package io.periodic.billing.calendar;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The periods of a subscription: period {@code n} (n >= 0) starts at {@code anchor + n × interval}, always
 * computed from the anchor and never stepped from the previous period, so clamping never accumulates.
 *
 * <p>Rules: MONTH uses {@link LocalDate#plusMonths} (anchor Jan 31 gives Feb 28/29, Mar 31, Apr 30, ...: the
 * day-of-month is {@code min(anchorDay, lengthOfMonth)} and never drifts); YEAR uses {@link LocalDate#plusYears}
 * (anchor Feb 29 gives Feb 28 in non-leap years and Feb 29 in leap years); WEEK and DAY add exact days.
 * Periods are contiguous and half-open: {@code period(n).end() == period(n + 1).start()}.
 */
public record BillingSchedule(LocalDate anchor, BillingInterval interval) {

    public BillingSchedule {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(interval, "interval");
    }

    /**
     * Start of period {@code n}: {@code anchor + n × interval}.
     *
     * @throws IllegalArgumentException if n < 0 or the date is beyond the supported date range
     */
    public LocalDate periodStart(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("period index must be >= 0, was " + n);
        }
        try {
            long amount = Math.multiplyExact(n, (long) interval.count());
            return switch (interval.unit()) {
                case DAY -> anchor.plusDays(amount);
                case WEEK -> anchor.plusWeeks(amount);
                case MONTH -> anchor.plusMonths(amount);
                case YEAR -> anchor.plusYears(amount);
            };
        } catch (ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException(
                    "period " + n + " of " + this + " is outside the supported date range", e);
        }
    }

    /** Period {@code n}: {@code [periodStart(n), periodStart(n + 1))}. */
    public Period period(long n) {
        if (n == Long.MAX_VALUE) {
            throw new IllegalArgumentException("period " + n + " of " + this + " has no end");
        }
        return new Period(periodStart(n), periodStart(n + 1));
    }

    /**
     * Index {@code n} of the period containing {@code date}, i.e. {@code periodStart(n) <= date < periodStart(n+1)}.
     * Constant time: estimated from the calendar distance to the anchor, then corrected by at most one period.
     *
     * @throws IllegalArgumentException if {@code date} is before the anchor
     */
    public long periodIndexOf(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (date.isBefore(anchor)) {
            throw new IllegalArgumentException("date " + date + " is before the schedule anchor " + anchor);
        }
        long count = interval.count();
        // The estimate never undershoots: period n+1 starts in a later calendar month/year (or later day) than date.
        // It may overshoot by one when period n starts in date's month/year but on a later day (clamping included).
        long n = switch (interval.unit()) {
            case DAY -> ChronoUnit.DAYS.between(anchor, date) / count;
            case WEEK -> ChronoUnit.DAYS.between(anchor, date) / (7 * count);
            case MONTH -> (monthIndex(date) - monthIndex(anchor)) / count;
            case YEAR -> ((long) date.getYear() - anchor.getYear()) / count;
        };
        while (periodStart(n).isAfter(date)) {
            n--;
        }
        return n;
    }

    /** The period containing {@code date} (which must not be before the anchor). */
    public Period periodContaining(LocalDate date) {
        return period(periodIndexOf(date));
    }

    private static long monthIndex(LocalDate date) {
        return date.getYear() * 12L + date.getMonthValue() - 1;
    }

    @Override
    public String toString() {
        return "BillingSchedule[anchor=" + anchor + ", every " + interval + "]";
    }
}
