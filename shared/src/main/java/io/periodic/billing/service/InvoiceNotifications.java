package io.periodic.billing.service;

import io.periodic.billing.invoicing.InvoiceEvents;
import io.periodic.billing.links.HostedLinks;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.ports.EventPublisher;
import io.periodic.billing.rendering.CreditNoteDocument;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.rendering.InvoiceDocument;
import io.periodic.billing.rendering.MailLink;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * After a finalisation: render the invoice in the customer's language, store it under {@code invoices/<id>.html} and
 * publish {@code invoice.finalized} with the document link. Each step is idempotent or at-least-once with a
 * deterministic identity (same key, same event id). The customer is mailed by the PDF function once the PDF exists
 * ({@link InvoiceDelivery}, docs/delivery.md), not here.
 *
 * <p>The mails about an invoice (the PDF function's issue mail, dunning's reminders) link the hosted invoice page
 * ({@link HostedLinks}: signed, expiring, public) when hosted links are configured, else the stored document
 * ({@link #customerLink}).
 */
public final class InvoiceNotifications implements AfterFinalization {
    private final DocumentRenderer renderer;
    private final DocumentStore documents;
    private final EventPublisher events;
    private final HostedLinks links;

    /** Mails link the stored document (no hosted page). */
    public InvoiceNotifications(DocumentRenderer renderer, DocumentStore documents, EventPublisher events) {
        this(renderer, documents, events, null);
    }

    /** Mails link the hosted invoice page ({@code links} null: the stored document). */
    public InvoiceNotifications(DocumentRenderer renderer, DocumentStore documents, EventPublisher events,
            HostedLinks links) {
        this.renderer = renderer;
        this.documents = documents;
        this.events = events;
        this.links = links;
    }

    public static String documentKey(Invoice invoice) {
        return "invoices/" + invoice.id() + ".html";
    }

    /** Where a credit note's document is stored. */
    public static String creditNoteKey(String creditNoteId) {
        return "credit-notes/" + creditNoteId + ".html";
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

    /**
     * Document and {@code invoice.finalized} (on which the PDF function renders the PDF and mails the customer);
     * {@code correctsNumber} for a reissue of a voided invoice.
     */
    public void announce(Invoice invoice, Customer customer, SellerProfile seller, String correctsNumber) {
        String link = store(invoice, customer, seller, correctsNumber);
        events.publish(InvoiceEvents.finalized(invoice, link));
    }

    /**
     * Re-renders a voided invoice (its document then says VOID; still naming the invoice it corrected, if any) and
     * publishes {@code invoice.voided}.
     */
    public void voided(Invoice invoice, Customer customer, SellerProfile seller, String correctsNumber, Instant at) {
        String link = store(invoice, customer, seller, correctsNumber);
        events.publish(InvoiceEvents.voided(invoice, link, at));
    }

    /** Renders and stores a credit note under {@code credit-notes/<id>.html}; publishes {@code credit_note.issued}. */
    public String creditNoteIssued(CreditNote note, Invoice invoice, Customer customer, SellerProfile seller) {
        String html = renderer.creditNoteHtml(new CreditNoteDocument(note, invoice, customer, seller));
        String link = documents.put(creditNoteKey(note.id()), "text/html; charset=utf-8",
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
