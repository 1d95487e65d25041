/**
 * Domain (pure): the receivables reports (aging, payment behaviour, collections), computed from the records a use case
 * hands in.
 */
package io.periodic.billing.reports;
