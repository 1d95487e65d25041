package io.periodic.billing.service;

import io.periodic.billing.calendar.LocalDue;
import io.periodic.billing.invoicing.Corrections;
import io.periodic.billing.invoicing.DocumentNumbers;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.invoicing.InvoiceStateException;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.ports.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Voids, reissues and credits invoices (used by the management API). Each operation plans with {@link
 * Corrections}, commits in one transaction, and re-plans after a conflicting write; each is safe to retry: a
 * voided invoice stays voided, a reissue and a credit note are created once under their deterministic ids.
 */
public final class CorrectionService {
    private static final int ATTEMPTS = 5;

    private final BillingStore store;
    private final InvoiceNotifications notifications;
    private final Clock clock;

    public CorrectionService(BillingStore store, InvoiceNotifications notifications, Clock clock) {
        this.store = store;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Voids an open invoice; credit balance it used goes back. Voiding a voided invoice again changes nothing. */
    public Invoice voidInvoice(String invoiceId) {
        Invoice voided = retry(() -> {
            Invoice invoice = invoice(invoiceId);
            if (invoice.status() == InvoiceStatus.VOID) {
                return invoice;
            }
            Corrections.VoidPlan plan = Corrections.voidInvoice(invoice,
                    store.credit().balance(invoice.customerId(), invoice.currency()), clock.now());
            return store.invoices().commitVoid(plan.voided(), plan.returnedCredit(), plan.balanceAfter());
        });
        notifications.voided(voided, customer(voided), seller(), clock.now());
        return voided;
    }

    /**
     * Voids an invoice at a person's request (the management API): only an open invoice. One that is void already
     * is refused (409) - unless {@code mayBeARetry}: an earlier attempt of this same request may have voided it and
     * failed before answering, and then that void is this request's success, answered again after making sure what
     * follows a void (document, {@code invoice.voided}) happened.
     *
     * <p>The management API's rule, moved here from the route as it was. {@link #voidInvoice(String)} (and {@link
     * Corrections#voidInvoice}) also admit an uncollectible invoice and answer a repeat as done: the drift issue 13
     * names, left for the one void rule to settle.
     */
    public Invoice voidOpenInvoice(String invoiceId, boolean mayBeARetry) {
        Invoice invoice = store.invoices().get(invoiceId)
                .orElseThrow(() -> new NotFoundException("invoice", invoiceId));
        if (invoice.status() == InvoiceStatus.VOID && !mayBeARetry) {
            throw new ConflictException("invoice " + invoiceId + " is already void");
        }
        if (invoice.status() != InvoiceStatus.VOID && invoice.status() != InvoiceStatus.OPEN) {
            throw new ConflictException("only an open invoice can be voided; invoice " + invoiceId + " is "
                    + invoice.status().name().toLowerCase(Locale.ROOT)
                    + (invoice.status() == InvoiceStatus.PAID ? " (issue a credit note instead)" : ""));
        }
        return voidInvoice(invoiceId);
    }

    /**
     * Issues the replacement of a voided invoice (new number, "replaces invoice X"), with the same lines or with
     * {@code lines}. A second call returns the same replacement.
     */
    public Invoice reissue(String voidedId, List<Corrections.Line> lines) {
        Invoice voided = invoice(voidedId);
        Customer customer = customer(voided);
        SellerProfile seller = seller();
        Instant now = clock.now();
        Invoice draft = store.invoices().get(Corrections.reissueId(voidedId)).orElseGet(() -> {
            Invoice fresh = Corrections.reissueDraft(voided, customer, lines,
                    LocalDue.localDate(now, customer.timeZone()), now);
            try {
                return store.invoices().create(fresh);
            } catch (AlreadyExistsException raced) {
                return store.invoices().get(fresh.id()).orElseThrow();
            }
        });
        Invoice issued = draft.status() != InvoiceStatus.DRAFT ? draft : retry(() -> {
            Invoice current = invoice(draft.id());
            if (current.status() != InvoiceStatus.DRAFT) {
                return current;
            }
            Finalization.Plan plan = Finalization.plan(current, store.invoices().sequence(
                    Finalization.seriesOf(current, seller.invoicePrefix(), seller.numberSeries())),
                    store.credit().balance(current.customerId(), current.currency()), clock.now());
            return store.invoices().commitFinalization(plan.invoice(), plan.sequenceAfter(), plan.creditEntry(),
                    plan.balanceAfter());
        });
        notifications.announce(issued, customer, seller, voided.number());
        return issued;
    }

    /**
     * Issues a credit note on an invoice: {@code net} null credits everything not yet credited. {@code noteKey}
     * (e.g. the API's idempotency key) makes the note's id, so a retried request issues it once.
     */
    public CreditNote creditNote(String invoiceId, String noteKey, Money net, String reason,
            CreditNote.Disposition disposition) {
        String noteId = "cn_" + invoiceId + "_" + noteKey;
        SellerProfile seller = seller();
        CreditNote note = store.credit().getNote(noteId).orElseGet(() -> retry(() -> {
            Invoice invoice = invoice(invoiceId);
            Instant now = clock.now();
            Customer customer = customer(invoice);
            LocalDate today = LocalDue.localDate(now, customer.timeZone());
            Corrections.CreditNotePlan plan = Corrections.creditNote(noteId, invoice, net, reason, disposition,
                    store.credit().notesOfInvoice(invoice.customerId(), invoiceId),
                    store.invoices().sequence(DocumentNumbers.series(seller.creditNotePrefix(), today)),
                    store.credit().balance(invoice.customerId(), invoice.currency()), today, now);
            try {
                return store.invoices().commitCreditNote(plan.note(), plan.sequenceAfter(), plan.invoiceAfter(),
                        plan.entry(), plan.balanceAfter());
            } catch (ConcurrentUpdateException conflict) {
                // Maybe this very note was committed by a racing retry.
                return store.credit().getNote(noteId).orElseThrow(() -> conflict);
            }
        }));
        Invoice invoice = invoice(invoiceId);
        notifications.creditNoteIssued(note, invoice, customer(invoice), seller);
        return note;
    }

    private <T> T retry(Supplier<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (ConcurrentUpdateException conflict) {
                if (i >= ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    private Invoice invoice(String id) {
        return store.invoices().get(id).orElseThrow(() -> new NoSuchElementException("invoice " + id + " not found"));
    }

    private Customer customer(Invoice invoice) {
        return store.customers().get(invoice.customerId()).orElseThrow(
                () -> new InvoiceStateException("customer " + invoice.customerId() + " of invoice " + invoice.id()
                        + " no longer exists"));
    }

    private SellerProfile seller() {
        return store.settings().requireSeller();
    }
}
