/**
 * Domain (pure): the canonical payment notification every intake produces, where a payment goes (matching), what it and
 * its refunds do to payments, invoices and credit (the ledger), the comparable keys of payer names (Names, and
 * BankNames for names as Japanese banks print them), and intake's refusals.
 */
package io.periodic.billing.payments;
