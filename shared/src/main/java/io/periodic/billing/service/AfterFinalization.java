package io.periodic.billing.service;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.SellerProfile;

/**
 * What follows a finalisation: the document is rendered and stored and {@code invoice.finalized} is published (the
 * PDF function then renders the PDF and e-mails the customer, {@link InvoiceDelivery}). Runs before the subscription advances, so a crash in between repeats it on the retry
 * (at least once; events carry a deterministic id, documents overwrite the same key).
 */
public interface AfterFinalization {
    void finalized(Invoice invoice, Customer customer, SellerProfile seller);
}
