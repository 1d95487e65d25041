package io.periodic.billing.invoicing;

/** What the generator does with a subscription at a given instant ({@link BillingCycle#decide}). */
public sealed interface BillingDecision {
    /** Not billed at all in its state (paused, suspended, canceled) or parked. */
    record Skip(String reason) implements BillingDecision {}

    /** Billable, but its next period is not due yet. */
    record NotDue() implements BillingDecision {}

    /** Invoice period {@code periodIndex} now. */
    record Bill(long periodIndex) implements BillingDecision {}

    /** {@code cancel at period end}: the period that just ended was the last; end the subscription. */
    record Cancel(long periodIndex) implements BillingDecision {}

    /** Too far behind to catch up unattended: park for a person. */
    record Park(String reason) implements BillingDecision {}
}
