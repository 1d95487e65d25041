package io.periodic.billing.dunning;

/** The steps of a dunning policy, in escalating tone. */
public enum StepKind {
    /** Before the due date: a friendly heads-up. */
    COURTESY,
    /** Just after the due date: "may have slipped through". */
    FRIENDLY,
    /** A clear request that names the consequence for the service. */
    FIRM,
    /** The late fee is charged (at most once per invoice) and the customer told. */
    LATE_FEE,
    /** The last notice before suspension. */
    FINAL_NOTICE,
    /** The subscription is suspended (and optionally the invoice written off). */
    SUSPEND
}
