/**
 * Domain (pure): composing, finalising and correcting invoices and moving subscriptions on, each decision returned as
 * data for a use case to commit, with the one rule per state transition ({@code InvoiceTransitions},
 * {@code SubscriptionTransitions}).
 */
package io.periodic.billing.invoicing;
