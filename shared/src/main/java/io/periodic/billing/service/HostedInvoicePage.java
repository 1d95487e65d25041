package io.periodic.billing.service;

import io.periodic.billing.links.HostedLinkTokens;
import io.periodic.billing.links.HostedLinks;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.IdempotentRequest;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.persistence.IdempotencyRepository;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.rendering.HostedPages;
import io.periodic.billing.rendering.InvoiceDocument;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The hosted invoice page behind a signed link ({@link HostedLinks}): the page, its PDF, and a fresh link mailed to
 * the customer's address on file when the link expired. Reads only, but for one create-once marker per invoice and
 * day ({@code IDEM#hosted-link:<invoice id>:<date>}) that limits fresh links to one a day.
 *
 * <p>Every answer for a token that is not a genuine link - tampered, made up, signed by a retired key, naming an
 * invoice that does not exist or is a draft - is the same {@link Kind#NOT_FOUND} page: nothing tells an invoice that
 * exists from one that does not. A genuine but expired link answers {@link Kind#EXPIRED}.
 */
public final class HostedInvoicePage {
    /** How long the one-a-day marker of a fresh link is kept (DynamoDB TTL). */
    static final Duration MARKER_TTL = Duration.ofDays(2);

    /** What the page answers; the edge maps it to a status (200, 200, 410, 404, 503, 202). */
    public enum Kind { PAGE, PDF, EXPIRED, NOT_FOUND, PDF_NOT_READY, RENEWAL_SENT }

    /** An answer: HTML for every kind but {@link Kind#PDF}, whose {@code pdf} holds the document. */
    public record Answer(Kind kind, String html, byte[] pdf) {}

    private final BillingStore store;
    private final DocumentStore documents;
    private final HostedLinks links;
    private final HostedPages pages;
    private final Mailer mailer;
    private final Clock clock;

    public HostedInvoicePage(BillingStore store, DocumentStore documents, HostedLinks links, HostedPages pages,
            Mailer mailer, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.links = Objects.requireNonNull(links, "links");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private record Found(Invoice invoice, Customer customer, HostedLinkTokens.Check check) {}

    /** SnapStart priming: renders the not-found page (templates, bundles); reads no key, no table, no document. */
    public void prime() {
        pages.notFound(HostedPages.fromAcceptLanguage(null));
    }

    /** The page: the invoice as it is now, in its customer's language. */
    public Answer page(String token, String acceptLanguage) {
        Optional<Found> found = find(token);
        if (found.isEmpty()) {
            return notFound(acceptLanguage);
        }
        Found f = found.get();
        if (f.check() instanceof HostedLinkTokens.Expired) {
            return new Answer(Kind.EXPIRED, pages.expired(f.customer().locale(), token + "/renew"), null);
        }
        Invoice invoice = f.invoice();
        SellerProfile seller = store.settings().requireSeller();
        List<CreditNote> notes = store.credit().notesOfInvoice(invoice.customerId(), invoice.id());
        String corrects = invoice.correctionOf() == null ? null
                : store.invoices().get(invoice.correctionOf()).map(Invoice::number).orElse(null);
        LocalDate validThrough = ((HostedLinkTokens.Valid) f.check()).expiresAt().atOffset(ZoneOffset.UTC)
                .toLocalDate().minusDays(1);
        return new Answer(Kind.PAGE, pages.invoicePage(new InvoiceDocument(invoice, f.customer(), seller, corrects),
                notes, token, validThrough), null);
    }

    /** The stored PDF of the invoice (as rendered after its last change), through the same token. */
    public Answer pdf(String token, String acceptLanguage) {
        Optional<Found> found = find(token);
        if (found.isEmpty()) {
            return notFound(acceptLanguage);
        }
        Found f = found.get();
        if (f.check() instanceof HostedLinkTokens.Expired) {
            return new Answer(Kind.EXPIRED, pages.expired(f.customer().locale(), "renew"), null);
        }
        String html = InvoiceNotifications.documentKey(f.invoice());
        byte[] pdf = documents.get(html.substring(0, html.length() - ".html".length()) + ".pdf");
        return pdf == null ? new Answer(Kind.PDF_NOT_READY, pages.pdfNotReady(f.customer().locale()), null)
                : new Answer(Kind.PDF, null, pdf);
    }

    /**
     * Mails a fresh link to the customer's address on file (never to one given in the request), at most once per
     * invoice and day: a second request the same day sends nothing and gets the same answer.
     */
    public Answer renew(String token, String acceptLanguage) {
        Optional<Found> found = find(token);
        if (found.isEmpty()) {
            return notFound(acceptLanguage);
        }
        Invoice invoice = found.get().invoice();
        Customer customer = found.get().customer();
        Instant now = clock.now();
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        String scope = "hosted-link:" + invoice.id() + ":" + today;
        IdempotencyRepository markers = store.idempotency();
        IdempotencyRepository.Claim claim = markers.claim(IdempotentRequest.claim(scope, "renew", now,
                now.plus(MARKER_TTL).getEpochSecond()));
        IdempotentRequest held = claim.request();
        if (!claim.won()) {
            if (held.completed() || held.heldAt(now)) {
                return renewalSent(customer);
            }
            try {
                held = markers.update(held.takenOver(now)); // the attempt that claimed it died before mailing
            } catch (ConcurrentUpdateException raced) {
                return renewalSent(customer);
            }
        }
        HostedLinks.Link link = links.link(invoice.id(), invoice.dueDate(), today);
        mailer.send(HostedPages.freshLinkEmail(invoice, customer, store.settings().requireSeller(), link.url(),
                link.validThrough(), today));
        try {
            markers.update(held.completedWith(202, null, null));
        } catch (ConcurrentUpdateException ignored) {
            // taken over meanwhile after our lease ran out: the mail was sent; the marker is the other attempt's now
        }
        return renewalSent(customer);
    }

    private Answer renewalSent(Customer customer) {
        return new Answer(Kind.RENEWAL_SENT, pages.renewalSent(customer.locale()), null);
    }

    private Answer notFound(String acceptLanguage) {
        return new Answer(Kind.NOT_FOUND, pages.notFound(HostedPages.fromAcceptLanguage(acceptLanguage)), null);
    }

    /** The invoice and customer of a genuine link (valid or expired); empty for anything else. */
    private Optional<Found> find(String token) {
        HostedLinkTokens.Check check = links.check(token, clock.now());
        String invoiceId = switch (check) {
            case HostedLinkTokens.Valid v -> v.invoiceId();
            case HostedLinkTokens.Expired e -> e.invoiceId();
            case HostedLinkTokens.Invalid i -> null;
        };
        if (invoiceId == null) {
            return Optional.empty();
        }
        Optional<Invoice> invoice = store.invoices().get(invoiceId)
                .filter(i -> i.status() != InvoiceStatus.DRAFT);
        return invoice.flatMap(i -> store.customers().get(i.customerId()).map(c -> new Found(i, c, check)));
    }
}
