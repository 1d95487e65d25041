package io.periodic.billing.model;

/** Lifecycle of a subscription. */
public enum SubscriptionStatus {
    /** In its free trial: periods are invoiced at zero. */
    TRIALING,
    ACTIVE,
    /** An invoice is overdue; still billed, dunning is running. */
    PAST_DUE,
    /** Paused by the customer or operator: not billed. */
    PAUSED,
    /** Suspended by dunning for non-payment: not billed until reinstated. */
    SUSPENDED,
    /** Ended: never billed again. */
    CANCELED;

    /** Whether the scheduler should issue invoices for this status. */
    public boolean isBilled() {
        return this == TRIALING || this == ACTIVE || this == PAST_DUE;
    }
}
