package io.periodic.billing.model;

/** Invoice lifecycle: draft → open → paid, or void / uncollectible. Only an open invoice can be paid. */
public enum InvoiceStatus {
    /** Being assembled; no number yet, not sent, not payable. */
    DRAFT,
    /** Finalised: numbered, sent, payable, counts in receivables. */
    OPEN,
    /** Amount due is zero. */
    PAID,
    /** Cancelled (e.g. to reissue a corrected invoice); the number stays used. */
    VOID,
    /** Written off after dunning; still payable if the customer pays after all. */
    UNCOLLECTIBLE;

    /** Open for payment: money received can be applied to it. */
    public boolean acceptsPayment() {
        return this == OPEN || this == UNCOLLECTIBLE;
    }
}
