package io.periodic.billing.rendering;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.ports.Email;
import java.util.Objects;

/**
 * The plain-text e-mails about invoices, in the customer's language (same bundles and formats as the documents).
 */
public final class InvoiceEmails {

    private InvoiceEmails() {
    }

    /**
     * The mail sent when an invoice is issued: amount due, due date, the link to the document, the online payment
     * link if the seller has one, and the payment reference.
     *
     * @param documentLink where the customer can open the rendered invoice
     * @throws IllegalArgumentException for a draft (it has no number and is not sent)
     */
    public static Email invoiceIssued(Invoice invoice, Customer customer, SellerProfile seller, String documentLink) {
        Objects.requireNonNull(documentLink, "documentLink");
        return invoiceIssued(invoice, customer, seller, new MailLink(documentLink, null), null, false);
    }

    /**
     * The same mail with the link to the hosted invoice page and the last day it is valid (stated under it).
     *
     * @throws IllegalArgumentException for a draft (it has no number and is not sent)
     */
    public static Email invoiceIssued(Invoice invoice, Customer customer, SellerProfile seller, MailLink link) {
        return invoiceIssued(invoice, customer, seller, link, null, false);
    }

    /**
     * The mail sent when an invoice is issued, saying that its PDF is attached ({@code pdfAttached}) and, for a
     * reissue, which voided invoice it replaces ({@code correctsNumber}; null: none).
     */
    public static Email invoiceIssued(Invoice invoice, Customer customer, SellerProfile seller, String documentLink,
            String correctsNumber, boolean pdfAttached) {
        Objects.requireNonNull(documentLink, "documentLink");
        return invoiceIssued(invoice, customer, seller, new MailLink(documentLink, null), correctsNumber, pdfAttached);
    }

    /**
     * The issue mail with its link (the hosted page and its last valid day, or the stored document), saying whether
     * the PDF is attached and, for a reissue, which voided invoice it replaces ({@code correctsNumber}; null: none).
     */
    public static Email invoiceIssued(Invoice invoice, Customer customer, SellerProfile seller, MailLink link,
            String correctsNumber, boolean pdfAttached) {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(link, "link");
        if (invoice.number() == null) {
            throw new IllegalArgumentException("invoice " + invoice.id() + " has no number: a draft is not sent");
        }
        DocumentLanguage language = DocumentLanguage.of(customer.locale());
        Messages t = Messages.of(language);
        Formats f = Formats.forLanguage(language);
        String number = invoice.number();

        StringBuilder body = new StringBuilder();
        body.append(t.format("email.greeting", customer.name())).append("\n\n");
        body.append(t.format("email.invoiceIssued.intro", number, seller.name())).append("\n\n");
        if (correctsNumber != null) {
            body.append(t.format("email.reissue", correctsNumber)).append("\n\n");
        }
        body.append(t.format("email.amountDue", f.money(invoice.amountDue()))).append('\n');
        body.append(t.format("email.dueDate", f.date(invoice.dueDate()))).append("\n\n");
        if (pdfAttached) {
            body.append(t.get("email.invoiceAttached")).append('\n');
        }
        body.append(t.format("email.viewInvoice", link.url())).append('\n');
        if (link.validThrough() != null) {
            body.append(t.format("email.linkValidUntil", f.date(link.validThrough()))).append('\n');
        }
        String payLink = seller.paymentLink(number);
        if (payLink != null) {
            body.append(t.get("payment.online")).append(' ').append(payLink).append('\n');
        }
        if (seller.bankAccount() != null) {
            body.append('\n').append(t.format("payment.reference", number)).append('\n');
        }
        body.append('\n').append(t.get("footer.thanks")).append("\n\n");
        body.append(seller.name()).append('\n').append(seller.email()).append('\n');

        String subject = t.format("email.invoiceIssued.subject", number, seller.name()).replaceAll("[\\r\\n]+", " ");
        return new Email(key(invoice.id()), customer.email(), subject, body.toString(), null);
    }

    /** The key of an invoice's issue mail: sent once per invoice (a reissue is a new invoice). */
    public static String key(String invoiceId) {
        return "invoice.finalized:" + invoiceId;
    }

    /** The file name of an invoice's PDF as attached, in the customer's language ({@code 請求書_INV-….pdf}). */
    public static String attachmentName(Invoice invoice, Customer customer) {
        return Messages.of(DocumentLanguage.of(customer.locale())).format("email.attachment.invoice",
                invoice.number());
    }
}
