package io.periodic.billing.model;

/** What an invoice line charges for. */
public enum LineKind {
    /** A recurring charge for a subscription item over a service period. */
    SUBSCRIPTION,
    /** A credit or charge for a mid-period change (negative for unused time). */
    PRORATION,
    /** A late-payment fee on an overdue invoice. */
    LATE_FEE,
    /** A one-off manual charge or credit. */
    ADJUSTMENT
}
