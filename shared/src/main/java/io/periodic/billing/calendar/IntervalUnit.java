package io.periodic.billing.calendar;

/** Calendar unit of a {@link BillingInterval}. */
public enum IntervalUnit {
    DAY,
    WEEK,
    /** Calendar month; a day-of-month past the end of a shorter month is clamped to its last day. */
    MONTH,
    /** Calendar year; Feb 29 is clamped to Feb 28 in non-leap years. */
    YEAR
}
