/**
 * Domain (pure): dunning policies, the dates of an invoice's steps, late fees and the check before every step, decided
 * as data without I/O.
 */
package io.periodic.billing.dunning;
