/**
 * The billing model as immutable records: plain Java, no AWS imports. Amounts are {@link
 * io.periodic.billing.money.Money} (long minor units + ISO 4217 currency); dates are local dates in the customer's
 * time zone ({@link io.periodic.billing.calendar}). {@code version} fields carry the optimistic-lock version of
 * the stored item ({@code null} for an item never stored).
 */
package io.periodic.billing.model;
