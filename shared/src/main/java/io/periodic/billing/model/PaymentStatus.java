package io.periodic.billing.model;

/** Where a received payment stands. Every payment ends applied, unapplied (held for a person) or refunded. */
public enum PaymentStatus {
    /** Stored, not yet matched. */
    RECEIVED,
    /** Fully applied to invoices and/or the customer's credit balance. */
    APPLIED,
    /** Partly applied; the rest is held as unapplied cash. */
    PARTIALLY_APPLIED,
    /** Could not be matched: held as unapplied cash with a reason, for a person to resolve. */
    UNAPPLIED,
    /** Returned to the payer in full. */
    REFUNDED,
    /** Disputed (charge-back) by the payer. */
    DISPUTED
}
