/** The invoice-page function: the public hosted invoice page behind a signed link (no IAM), its PDF and a fresh link. */
package io.periodic.functions.invoicepage;
