/**
 * Edge: the billing-job queue's handler, which hands each job to the {@code InvoiceIssuing} use case.
 */
package io.periodic.functions.invoicegenerator;
