package io.periodic.billing.rendering;

import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.SellerProfile;
import java.util.Objects;

/**
 * Everything printed on a credit note.
 *
 * @param note the credit note
 * @param invoice the invoice it credits (its number and date are printed)
 * @param customer the customer; its locale chooses the document language
 * @param seller the issuing company
 */
public record CreditNoteDocument(CreditNote note, Invoice invoice, Customer customer, SellerProfile seller) {

    /** @throws IllegalArgumentException if the note, the invoice and the customer do not belong together */
    public CreditNoteDocument {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(seller, "seller");
        if (!note.invoiceId().equals(invoice.id())) {
            throw new IllegalArgumentException("credit note " + note.id() + " credits invoice " + note.invoiceId()
                    + ", not " + invoice.id());
        }
        if (!note.customerId().equals(customer.id()) || !invoice.customerId().equals(customer.id())) {
            throw new IllegalArgumentException("credit note " + note.id() + " and invoice " + invoice.id()
                    + " must both belong to customer " + customer.id());
        }
        note.subtotal().requireCurrency(invoice.currency());
    }
}
