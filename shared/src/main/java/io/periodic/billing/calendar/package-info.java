/**
 * Domain (pure): billing intervals, schedules and periods in the customer's local calendar, when a date becomes due,
 * and proration fractions.
 */
package io.periodic.billing.calendar;
