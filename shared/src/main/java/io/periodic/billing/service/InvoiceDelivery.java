package io.periodic.billing.service;

import io.periodic.billing.links.HostedLinks;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.ports.Email;
import io.periodic.billing.rendering.CreditNoteEmails;
import io.periodic.billing.rendering.InvoiceEmails;
import io.periodic.billing.rendering.MailLink;
import java.util.Optional;

/**
 * Mails a customer the documents they must receive, with the PDF attached, once each: an invoice when it is first
 * issued (a reissue of a voided invoice is a new invoice, so it is mailed too, naming the one it replaces) and a
 * credit note. Called by the PDF function after it stored the PDF of {@code invoice.finalized} or
 * {@code credit_note.issued}; the re-renders of a void, a payment or a reopening mail nobody. Sent through
 * {@link MailOnce} under {@code invoice.finalized:<id>} / {@code credit_note.issued:<id>}, so a redelivered event
 * never mails twice (docs/delivery.md).
 */
public final class InvoiceDelivery {
    /** What a call did. */
    public enum Outcome {
        /** The mail went now. */
        SENT,
        /** It went before (a redelivery). */
        ALREADY_SENT,
        /** The event is not one the customer is mailed about, or the document is void or gone. */
        NOT_MAILED
    }

    private final BillingStore store;
    private final DocumentStore documents;
    private final MailOnce mail;
    private final HostedLinks links;

    /** Mails linking the stored document (no hosted page). */
    public InvoiceDelivery(BillingStore store, DocumentStore documents, MailOnce mail) {
        this(store, documents, mail, null);
    }

    /** Mails linking the hosted invoice page ({@code links} null: the stored document). */
    public InvoiceDelivery(BillingStore store, DocumentStore documents, MailOnce mail, HostedLinks links) {
        this.store = store;
        this.documents = documents;
        this.mail = mail;
        this.links = links;
    }

    /** SnapStart priming: the reads of a delivery (the seller, a mail record nobody sent), nothing written. */
    public void prime() {
        store.settings().seller();
        mail.sent("priming:none");
    }

    /**
     * After the document of a document event was stored: mails it if the event is one the customer gets a mail
     * for, with {@code pdf} attached (null: PDFs are off, the mail goes without).
     */
    public Outcome documentReady(String eventType, String documentId, byte[] pdf) {
        return switch (eventType) {
            case "invoice.finalized" -> invoice(documentId, pdf);
            case "credit_note.issued" -> creditNote(documentId, pdf);
            default -> Outcome.NOT_MAILED; // invoice.voided, invoice.paid, invoice.reopened: re-renders
        };
    }

    private static MailLink mailLink(HostedLinks.Link link) {
        return new MailLink(link.url(), link.validThrough());
    }

    /** The issue mail of an invoice. */
    public Outcome invoice(String invoiceId, byte[] pdf) {
        if (mail.sent(InvoiceEmails.key(invoiceId))) {
            return Outcome.ALREADY_SENT;
        }
        Optional<Invoice> read = store.invoices().get(invoiceId);
        if (read.isEmpty() || read.get().status() == InvoiceStatus.DRAFT
                || read.get().status() == InvoiceStatus.VOID) {
            return Outcome.NOT_MAILED; // voided before its mail went: nothing to pay, nothing to announce
        }
        Invoice invoice = read.get();
        Customer customer = customer(invoice.customerId());
        SellerProfile seller = store.settings().requireSeller();
        String corrects = invoice.correctionOf() == null ? null
                : store.invoices().get(invoice.correctionOf()).map(Invoice::number).orElse(null);
        MailLink link = links == null ? new MailLink(documents.link(InvoiceNotifications.documentKey(invoice)), null)
                : mailLink(links.link(invoice.id(), invoice.dueDate(), invoice.issueDate()));
        Email email = InvoiceEmails.invoiceIssued(invoice, customer, seller, link, corrects, pdf != null);
        if (pdf != null) {
            email = email.with(new Email.Attachment(InvoiceEmails.attachmentName(invoice, customer),
                    "application/pdf", pdf));
        }
        return mail.send(email) ? Outcome.SENT : Outcome.ALREADY_SENT;
    }

    /** The mail of a credit note. */
    public Outcome creditNote(String creditNoteId, byte[] pdf) {
        if (mail.sent(CreditNoteEmails.key(creditNoteId))) {
            return Outcome.ALREADY_SENT;
        }
        Optional<CreditNote> read = store.credit().getNote(creditNoteId);
        if (read.isEmpty()) {
            return Outcome.NOT_MAILED;
        }
        CreditNote note = read.get();
        Invoice invoice = store.invoices().get(note.invoiceId()).orElseThrow(
                () -> new NotFoundException("invoice", note.invoiceId()));
        Customer customer = customer(note.customerId());
        Email email = CreditNoteEmails.creditNoteIssued(note, invoice, customer, store.settings().requireSeller(),
                documents.link(InvoiceNotifications.creditNoteKey(note.id())), pdf != null);
        if (pdf != null) {
            email = email.with(new Email.Attachment(CreditNoteEmails.attachmentName(note, customer),
                    "application/pdf", pdf));
        }
        return mail.send(email) ? Outcome.SENT : Outcome.ALREADY_SENT;
    }

    private Customer customer(String id) {
        return store.customers().get(id).orElseThrow(() -> new NotFoundException("customer", id));
    }
}
