package io.periodic.billing.service;

import io.periodic.billing.invoicing.InvoiceEvents;
import io.periodic.billing.links.HostedLinks;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.ports.EventPublisher;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.rendering.CreditNoteDocument;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.rendering.InvoiceDocument;
import io.periodic.billing.rendering.InvoiceEmails;
import io.periodic.billing.rendering.MailLink;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * After a finalisation: render the invoice in the customer's language, store it under {@code invoices/<id>.html},
 * publish {@code invoice.finalized} with the document link, and e-mail the customer. Each step is idempotent or
 * at-least-once with a deterministic identity (same key, same event id, same mail key).
 *
 * <p>The mails link the hosted invoice page ({@link HostedLinks}: signed, expiring, public) when hosted links are
 * configured, else the stored document.
 */
public final class InvoiceNotifications implements AfterFinalization {
    private final DocumentRenderer renderer;
    private final DocumentStore documents;
    private final EventPublisher events;
    private final Mailer mailer;
    private final HostedLinks links;

    /** Mails linking the stored document (no hosted page). */
    public InvoiceNotifications(DocumentRenderer renderer, DocumentStore documents, EventPublisher events, Mailer mailer) {
        this(renderer, documents, events, mailer, null);
    }

    /** Mails linking the hosted invoice page ({@code links} null: the stored document). */
    public InvoiceNotifications(DocumentRenderer renderer, DocumentStore documents, EventPublisher events, Mailer mailer,
            HostedLinks links) {
        this.renderer = renderer;
        this.documents = documents;
        this.events = events;
        this.mailer = mailer;
        this.links = links;
    }

    public static String documentKey(Invoice invoice) {
        return "invoices/" + invoice.id() + ".html";
    }

    /** The link to an invoice's stored document. */
    public String documentLink(Invoice invoice) {
        return documents.link(documentKey(invoice));
    }

    /**
     * The link a mail about the invoice carries on {@code today}: its hosted page, valid until
     * {@value HostedLinks#DAYS_AFTER_DUE} days after the due date; without hosted links, the stored document.
     */
    public MailLink customerLink(Invoice invoice, LocalDate today) {
        if (links == null) {
            return new MailLink(documentLink(invoice), null);
        }
        HostedLinks.Link link = links.link(invoice.id(), invoice.dueDate(), today);
        return new MailLink(link.url(), link.validThrough());
    }

    @Override
    public void finalized(Invoice invoice, Customer customer, SellerProfile seller) {
        announce(invoice, customer, seller, null);
    }

    /** Document, {@code invoice.finalized} and mail; {@code correctsNumber} for a reissue of a voided invoice. */
    public void announce(Invoice invoice, Customer customer, SellerProfile seller, String correctsNumber) {
        String link = store(invoice, customer, seller, correctsNumber);
        events.publish(InvoiceEvents.finalized(invoice, link));
        mailer.send(InvoiceEmails.invoiceIssued(invoice, customer, seller,
                links == null ? new MailLink(link, null) : customerLink(invoice, invoice.issueDate())));
    }

    /**
     * Re-renders a voided invoice (its document then says VOID; still naming the invoice it corrected, if any) and
     * publishes {@code invoice.voided}.
     */
    public void voided(Invoice invoice, Customer customer, SellerProfile seller, String correctsNumber, Instant at) {
        String link = store(invoice, customer, seller, correctsNumber);
        events.publish(InvoiceEvents.voided(invoice, link, at));
    }

    /** The stored documents kept true to their invoices after payments, over this renderer and store. */
    public DocumentRefresh documentRefresh(BillingStore store) {
        return new StoredInvoiceDocuments(store, renderer, documents);
    }

    /** Renders and stores a credit note under {@code credit-notes/<id>.html}; publishes {@code credit_note.issued}. */
    public String creditNoteIssued(CreditNote note, Invoice invoice, Customer customer, SellerProfile seller) {
        String html = renderer.creditNoteHtml(new CreditNoteDocument(note, invoice, customer, seller));
        String link = documents.put("credit-notes/" + note.id() + ".html", "text/html; charset=utf-8",
                html.getBytes(StandardCharsets.UTF_8));
        events.publish(InvoiceEvents.creditNoteIssued(note, link));
        return link;
    }

    private String store(Invoice invoice, Customer customer, SellerProfile seller, String correctsNumber) {
        return store(renderer, documents, new InvoiceDocument(invoice, customer, seller, correctsNumber));
    }

    /** Renders an invoice's document and stores it under {@link #documentKey}; its link. */
    static String store(DocumentRenderer renderer, DocumentStore documents, InvoiceDocument document) {
        String html = renderer.invoiceHtml(document);
        return documents.put(documentKey(document.invoice()), "text/html; charset=utf-8",
                html.getBytes(StandardCharsets.UTF_8));
    }
}
