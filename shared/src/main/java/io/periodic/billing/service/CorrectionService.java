package io.periodic.billing.service;

import io.periodic.billing.calendar.LocalDue;
import io.periodic.billing.invoicing.Corrections;
import io.periodic.billing.invoicing.DocumentNumbers;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.invoicing.InvoiceStateException;
import io.periodic.billing.invoicing.InvoiceTransitions;
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

/**
 * Voids, reissues and credits invoices (used by the management API). Each operation plans with {@link
 * Corrections} (whose state rules are {@link InvoiceTransitions}), commits in one transaction, and re-plans after a
 * conflicting write ({@link ConflictRetry}); each is safe to retry: a voided invoice stays voided (and a retry of
 * the request that voided it is answered as done), a reissue and a credit note are created once under their
 * deterministic ids.
 */
public final class CorrectionService {

    private final BillingStore store;
    private final InvoiceNotifications notifications;
    private final Clock clock;
    private final ConflictRetry retry = ConflictRetry.standard();

    public CorrectionService(BillingStore store, InvoiceNotifications notifications, Clock clock) {
        this.store = store;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Voids an invoice at a person's request: the one void rule is {@link InvoiceTransitions#voided} (an open or
     * uncollectible invoice with nothing paid and no credit note; the refusal's reason otherwise, e.g. "already
     * void"); credit balance it used goes back to the customer, then its document and {@code invoice.voided} follow.
     *
     * @param mayBeARetry this request may have been made before and its earlier attempt may have voided the invoice
     *     and died before answering (the API's {@code Idempotency-Key} retry of an interrupted attempt): an invoice
     *     found void is then this request's success - answered, after making sure its document and event went out -
     *     instead of a refusal. Without it a void invoice is refused as already void: a second request is not the
     *     first one's retry.
     */
    public Invoice voidInvoice(String invoiceId, boolean mayBeARetry) {
        Invoice voided = retry.run(() -> {
            Invoice invoice = invoice(invoiceId);
            if (invoice.status() == InvoiceStatus.VOID && mayBeARetry) {
                return invoice;
            }
            Corrections.VoidPlan plan = Corrections.voidInvoice(invoice,
                    store.credit().balance(invoice.customerId(), invoice.currency()), clock.now());
            return store.invoices().commitVoid(plan.voided(), plan.returnedCredit(), plan.balanceAfter());
        });
        String corrects = voided.correctionOf() == null ? null
                : store.invoices().get(voided.correctionOf()).map(Invoice::number).orElse(null);
        notifications.voided(voided, customer(voided), seller(), corrects, clock.now());
        return voided;
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
        Invoice issued = draft.status() != InvoiceStatus.DRAFT ? draft : retry.run(() -> {
            Invoice current = invoice(draft.id());
            if (current.status() != InvoiceStatus.DRAFT) {
                return current;
            }
            Finalization.Decision decision = Finalization.plan(current, store.invoices().sequence(
                    Finalization.seriesOf(current, seller.invoicePrefix(), seller.numberSeries())),
                    store.credit().balance(current.customerId(), current.currency()), clock.now());
            return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(),
                    decision.creditEntry(), decision.balanceAfter());
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
        CreditNote note = store.credit().getNote(noteId).orElseGet(() -> retry.run(() -> {
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
