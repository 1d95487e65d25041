package io.periodic.billing.rendering;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.SellerProfile;
import java.util.Objects;

/**
 * Everything printed on an invoice.
 *
 * @param invoice the invoice (a draft prints "DRAFT" where the number goes)
 * @param customer the invoiced customer; its locale chooses the document language
 * @param seller the issuing company: letterhead, tax registration, bank details, payment link
 * @param correctsNumber the number of the voided invoice this one replaces, or null if it is not a correction
 */
public record InvoiceDocument(Invoice invoice, Customer customer, SellerProfile seller, String correctsNumber) {

    /** @throws IllegalArgumentException if the invoice is not the customer's or in another currency */
    public InvoiceDocument {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(seller, "seller");
        if (!invoice.customerId().equals(customer.id())) {
            throw new IllegalArgumentException("invoice " + invoice.id() + " belongs to customer "
                    + invoice.customerId() + ", not " + customer.id());
        }
        if (correctsNumber != null && correctsNumber.isBlank()) {
            correctsNumber = null;
        }
    }

    /** An invoice that corrects nothing. */
    public InvoiceDocument(Invoice invoice, Customer customer, SellerProfile seller) {
        this(invoice, customer, seller, null);
    }
}
