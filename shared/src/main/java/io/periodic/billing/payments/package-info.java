/**
 * Domain (pure): the canonical payment notification every intake produces, where a payment goes (matching), what it and
 * its refunds do to payments, invoices and credit (the ledger), and intake's refusals.
 */
package io.periodic.billing.payments;
