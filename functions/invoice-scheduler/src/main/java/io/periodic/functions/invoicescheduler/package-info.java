/**
 * Edge: the scheduled handler that runs one {@code DueSubscriptionSweep}.
 */
package io.periodic.functions.invoicescheduler;
