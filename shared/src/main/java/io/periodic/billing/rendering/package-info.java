/**
 * Domain (pure): invoices, credit notes and their e-mails written in the customer's language, as HTML (jte templates
 * compiled at build time) and plain text.
 */
package io.periodic.billing.rendering;
