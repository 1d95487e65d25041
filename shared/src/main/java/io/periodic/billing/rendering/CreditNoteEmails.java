package io.periodic.billing.rendering;

import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.ports.Email;
import java.util.Objects;

/** The mail sent when a credit note is issued, in the customer's language; its PDF goes with it when rendered. */
public final class CreditNoteEmails {

    private CreditNoteEmails() {}

    /**
     * Which invoice it credits, the amount, what happens to it (lower amount due, or credit balance), the link.
     *
     * @param documentLink where the customer can open the rendered credit note
     */
    public static Email creditNoteIssued(CreditNote note, Invoice invoice, Customer customer, SellerProfile seller,
            String documentLink, boolean pdfAttached) {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(documentLink, "documentLink");
        DocumentLanguage language = DocumentLanguage.of(customer.locale());
        Messages t = Messages.of(language);
        Formats f = Formats.forLanguage(language);

        StringBuilder body = new StringBuilder();
        body.append(t.format("email.greeting", customer.name())).append("\n\n");
        body.append(t.format("email.creditNote.intro", note.number(), seller.name(), invoice.number()))
                .append("\n\n");
        body.append(t.format("email.creditNote.amount", f.money(note.total()))).append('\n');
        body.append(note.disposition() == CreditNote.Disposition.REDUCE_AMOUNT_DUE
                ? t.format("creditNote.reducesAmountDue", invoice.number())
                : t.get("creditNote.toCreditBalance")).append("\n\n");
        if (pdfAttached) {
            body.append(t.get("email.creditNote.attached")).append('\n');
        }
        body.append(t.format("email.viewCreditNote", documentLink)).append('\n');
        body.append('\n').append(t.get("footer.thanks")).append("\n\n");
        body.append(seller.name()).append('\n').append(seller.email()).append('\n');

        String subject = t.format("email.creditNote.subject", note.number(), seller.name())
                .replaceAll("[\\r\\n]+", " ");
        return new Email(key(note.id()), customer.email(), subject, body.toString(), null);
    }

    /** The key of a credit note's mail: sent once per credit note. */
    public static String key(String creditNoteId) {
        return "credit_note.issued:" + creditNoteId;
    }

    /** The file name of a credit note's PDF as attached, in the customer's language. */
    public static String attachmentName(CreditNote note, Customer customer) {
        return Messages.of(DocumentLanguage.of(customer.locale())).format("email.attachment.creditNote",
                note.number());
    }
}
