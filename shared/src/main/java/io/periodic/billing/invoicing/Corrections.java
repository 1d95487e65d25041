package io.periodic.billing.invoicing;

import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Sequence;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxCalculator;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Correcting issued invoices (plain domain logic; the store commits each plan in one transaction). An issued
 * invoice is never edited: it is voided and reissued, or credited by a credit note with its own number.
 * <ul>
 *   <li><b>Void</b>: an open or written-off invoice with nothing paid and no credit note
 *       ({@link InvoiceTransitions#voided}); its number stays used; credit balance it used goes back to the customer.
 *   <li><b>Reissue</b>: a new invoice (new number) for a voided one, same lines or corrected ones, noting which
 *       invoice it replaces.
 *   <li><b>Credit note</b>: full or partial. It reduces the amount due ({@code REDUCE_AMOUNT_DUE}) or, for what was
 *       already paid, adds to the customer's credit balance ({@code CUSTOMER_BALANCE}). The note records
 *       its amounts per rate of the invoice ({@link CreditNoteRates}: a partial credit spread over the rates in
 *       proportion to the net left at each, its tax rounded once per rate); a full credit note credits exactly
 *       what is left at every rate, so all notes together never exceed the invoice, at any rate.
 * </ul>
 */
public final class Corrections {
    private Corrections() {}

    public record VoidPlan(Invoice voided, CreditEntry returnedCredit, CreditBalance balanceAfter) {}

    /** Voids an invoice ({@link InvoiceTransitions#voided}: refused with the reason unless it may be voided). */
    public static VoidPlan voidInvoice(Invoice invoice, CreditBalance balance, Instant now) {
        Invoice voided = InvoiceTransitions.voided(invoice);
        CreditEntry entry = null;
        CreditBalance after = null;
        if (invoice.creditApplied().isPositive()) {
            entry = new CreditEntry(invoice.customerId(), "returned:" + invoice.id(), invoice.creditApplied(),
                    "invoice " + label(invoice) + " voided", now);
            after = new CreditBalance(balance.customerId(), balance.balance().plus(invoice.creditApplied()),
                    balance.version());
        }
        return new VoidPlan(voided, entry, after);
    }

    /**
     * A replacement line: the reissue re-computes amount (unit × quantity) and tax.
     *
     * @param taxRate the line's own rate (a one-off at the reduced rate, say), or null for the customer's
     */
    public record Line(String description, String planId, LocalDate periodStart, LocalDate periodEnd, long quantity,
            Money unitAmount, TaxBehavior taxBehavior, TaxRate taxRate) {

        /** A replacement line at the customer's rate. */
        public Line(String description, String planId, LocalDate periodStart, LocalDate periodEnd, long quantity,
                Money unitAmount, TaxBehavior taxBehavior) {
            this(description, planId, periodStart, periodEnd, quantity, unitAmount, taxBehavior, null);
        }

        TaxRate rateOr(TaxRate customerRate) {
            return taxRate != null ? taxRate : customerRate;
        }
    }

    /** The id of the invoice that replaces {@code voidedId}: deterministic, so a retried reissue creates it once. */
    public static String reissueId(String voidedId) {
        return voidedId + "-r";
    }

    /**
     * The draft that replaces a voided invoice: its lines, or {@code replacement} lines, each taxed at its own rate
     * or else the customer's current rate; issued today.
     */
    public static Invoice reissueDraft(Invoice voided, Customer customer, List<Line> replacement, LocalDate today,
            Instant now) {
        InvoiceTransitions.requireReissuable(voided);
        List<InvoiceLine> lines;
        if (replacement == null || replacement.isEmpty()) {
            lines = voided.lines();
        } else {
            List<TaxCalculator.Line> taxLines = new ArrayList<>();
            for (Line l : replacement) {
                taxLines.add(new TaxCalculator.Line(l.unitAmount().times(l.quantity()),
                        l.rateOr(customer.taxRate()), l.taxBehavior()));
            }
            TaxCalculator.Result taxed = TaxCalculator.calculate(voided.currency(), taxLines);
            lines = new ArrayList<>();
            for (int i = 0; i < replacement.size(); i++) {
                Line l = replacement.get(i);
                lines.add(new InvoiceLine(l.description(), LineKind.ADJUSTMENT, l.planId(),
                        l.periodStart(), l.periodEnd(), l.quantity(), l.unitAmount(), taxed.lines().get(i).net(),
                        l.rateOr(customer.taxRate()), taxed.lines().get(i).tax()));
            }
        }
        Money zero = Money.zero(voided.currency());
        return Invoice.builder().id(reissueId(voided.id())).customerId(voided.customerId())
                .subscriptionId(voided.subscriptionId()).currency(voided.currency()).status(InvoiceStatus.DRAFT)
                .lines(lines).creditApplied(zero).amountPaid(zero).credited(zero).issueDate(today)
                .dueDate(today.plusDays(customer.paymentTermsDays())).periodStart(voided.periodStart())
                .periodEnd(voided.periodEnd()).correctionOf(voided.id()).createdAt(now).build();
    }

    public record CreditNotePlan(CreditNote note, Sequence sequenceAfter, Invoice invoiceAfter, CreditEntry entry,
            CreditBalance balanceAfter) {}

    /**
     * @param net the net amount to credit (before tax), or null for everything not yet credited
     * @param requested where the credit goes, or null: the amount due if it covers the note, else the balance
     * @param earlier the invoice's earlier credit notes
     */
    public static CreditNotePlan creditNote(String noteId, Invoice invoice, Money net, String reason,
            CreditNote.Disposition requested, List<CreditNote> earlier, Sequence sequence, CreditBalance balance,
            LocalDate today, Instant now) {
        InvoiceTransitions.requireCreditable(invoice);
        Money zero = Money.zero(invoice.currency());
        Money creditedNet = earlier.stream().map(CreditNote::subtotal).reduce(zero, Money::plus);
        Money leftNet = invoice.subtotal().minus(creditedNet);
        List<CreditNote.TaxPart> parts;
        if (net == null || net.equals(leftNet)) {
            parts = CreditNoteRates.full(invoice, earlier);
        } else {
            net.requireCurrency(invoice.currency());
            if (!net.isPositive()) {
                throw new IllegalArgumentException("a credit note credits a positive amount, got " + net);
            }
            if (net.isGreaterThan(leftNet)) {
                throw new InvoiceStateException("only " + leftNet + " (net) of invoice " + label(invoice)
                        + " is left to credit, not " + net);
            }
            parts = CreditNoteRates.partial(invoice, earlier, net);
        }
        Money subtotal = parts.stream().map(CreditNote.TaxPart::subtotal).reduce(zero, Money::plus);
        Money tax = parts.stream().map(CreditNote.TaxPart::tax).reduce(zero, Money::plus);
        if (!subtotal.plus(tax).isPositive()) {
            throw new InvoiceStateException("invoice " + label(invoice) + " has nothing left to credit");
        }
        Money total = subtotal.plus(tax);
        CreditNote.Disposition disposition = requested != null ? requested
                : total.isGreaterThan(invoice.amountDue()) ? CreditNote.Disposition.CUSTOMER_BALANCE
                : CreditNote.Disposition.REDUCE_AMOUNT_DUE;
        if (disposition == CreditNote.Disposition.REDUCE_AMOUNT_DUE && total.isGreaterThan(invoice.amountDue())) {
            throw new InvoiceStateException("the credit note's " + total + " exceeds the " + invoice.amountDue()
                    + " still due on invoice " + label(invoice) + "; credit it to the customer's balance instead");
        }
        Sequence after = sequence.next();
        CreditNote note = new CreditNote(noteId, DocumentNumbers.format(sequence.series(), after.last()), invoice.id(),
                invoice.customerId(), subtotal, tax, parts, disposition, reason, today, now, null);
        if (disposition == CreditNote.Disposition.REDUCE_AMOUNT_DUE) {
            return new CreditNotePlan(note, after, InvoiceTransitions.settled(invoice.withCredited(total)), null,
                    null);
        }
        CreditEntry entry = new CreditEntry(invoice.customerId(), "creditnote:" + noteId, total,
                "credit note " + note.number(), now);
        return new CreditNotePlan(note, after, null, entry,
                new CreditBalance(balance.customerId(), balance.balance().plus(total), balance.version()));
    }

    private static String label(Invoice invoice) {
        return invoice.number() != null ? invoice.number() : invoice.id();
    }
}
