package io.periodic.billing.invoicing;

import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import java.util.Locale;

/**
 * Every change of an invoice's status, decided here and nowhere else (plain domain logic):
 * <pre>
 *   from            to              when
 *   DRAFT           OPEN or PAID    finalised (PAID at once when credit covers it all)
 *   OPEN            PAID            nothing due any more (a payment, credit used, a credit note)
 *   OPEN            UNCOLLECTIBLE   written off by dunning
 *   OPEN            VOID            voided (nothing paid, nothing credited)
 *   UNCOLLECTIBLE   PAID            paid after all
 *   UNCOLLECTIBLE   VOID            voided (nothing paid, nothing credited)
 *   PAID            OPEN            a refund takes money back
 *   VOID            (final)         a reissue is a new invoice
 * </pre>
 * <ul>
 *   <li><b>Finalise</b>: only a draft (it gets its number; paid at once when credit covers it, {@link #settled}).
 *   <li><b>Pay / reopen</b> ({@link #settled}): an invoice that accepts payment ({@link InvoiceStatus#acceptsPayment}:
 *       open or written off) is paid once nothing is due; a paid invoice a refund took money back from is open
 *       again. Draft and void invoices never become paid.
 *   <li><b>Write off</b> (dunning): an open invoice becomes uncollectible; it still accepts payment.
 *   <li><b>Void</b>: an open or uncollectible invoice with nothing paid and no credit note - the way finance
 *       teams cancel an invoice issued in error, written off or not. A paid or partly paid invoice is corrected with
 *       a credit note instead; a void invoice is already void (a second void request is a conflict - a retry of
 *       the same request is the idempotency layer's business, not this rule's); a draft was never issued.
 *   <li><b>Credit</b>: any issued invoice that is not void (open, paid, uncollectible).
 *   <li><b>Reissue</b>: only a void invoice is replaced.
 * </ul>
 * Refusals a person can act on are {@link InvoiceStateException} (the API's 409), with the reason.
 */
public final class InvoiceTransitions {
    private InvoiceTransitions() {}

    /** Refuses ({@link IllegalStateException}: a caller's bug, never a person's request) all but a draft. */
    public static void requireFinalisable(Invoice draft) {
        if (draft.status() != InvoiceStatus.DRAFT) {
            throw new IllegalStateException("invoice " + draft.id() + " is already " + draft.status());
        }
    }

    /**
     * The invoice as its amounts now stand (after a payment, credit used, a credit note, a refund): paid when it
     * accepts payment and nothing is due, open again when it was paid and something is due again, else as it is.
     */
    public static Invoice settled(Invoice invoice) {
        if (invoice.status().acceptsPayment() && invoice.amountDue().isZero()) {
            return invoice.withStatus(InvoiceStatus.PAID);
        }
        if (invoice.status() == InvoiceStatus.PAID && invoice.amountDue().isPositive()) {
            return invoice.withStatus(InvoiceStatus.OPEN);
        }
        return invoice;
    }

    /** The invoice written off by dunning: open (or already uncollectible) only. */
    public static Invoice writtenOff(Invoice invoice) {
        if (invoice.status() != InvoiceStatus.OPEN && invoice.status() != InvoiceStatus.UNCOLLECTIBLE) {
            throw new InvoiceStateException("only an open invoice can be written off; invoice " + invoice.id()
                    + " is " + lower(invoice.status()));
        }
        return invoice.withStatus(InvoiceStatus.UNCOLLECTIBLE);
    }

    /** The invoice voided; refused with the reason unless it may be (see the rules above). */
    public static Invoice voided(Invoice invoice) {
        InvoiceStatus status = invoice.status();
        if (status == InvoiceStatus.VOID) {
            throw new InvoiceStateException("invoice " + invoice.id() + " is already void");
        }
        if (status != InvoiceStatus.OPEN && status != InvoiceStatus.UNCOLLECTIBLE) {
            throw new InvoiceStateException("only an open or uncollectible invoice can be voided; invoice "
                    + invoice.id() + " is " + lower(status) + (status == InvoiceStatus.PAID
                    ? " (issue a credit note instead)" : status == InvoiceStatus.DRAFT ? " (never issued)" : ""));
        }
        if (!invoice.amountPaid().isZero()) {
            throw new InvoiceStateException("invoice " + invoice.id() + " has payments of " + invoice.amountPaid()
                    + "; issue a credit note instead of voiding it");
        }
        if (!invoice.credited().isZero()) {
            throw new InvoiceStateException("invoice " + invoice.id() + " has credit notes; it cannot be voided");
        }
        return invoice.withStatus(InvoiceStatus.VOID);
    }

    /** Refuses a credit note on an invoice that was never issued or is void. */
    public static void requireCreditable(Invoice invoice) {
        if (invoice.status() == InvoiceStatus.DRAFT || invoice.status() == InvoiceStatus.VOID) {
            throw new InvoiceStateException("invoice " + label(invoice) + " is " + invoice.status()
                    + "; only an issued invoice can be credited");
        }
    }

    /** Refuses to reissue an invoice that is not void. */
    public static void requireReissuable(Invoice voided) {
        if (voided.status() != InvoiceStatus.VOID) {
            throw new InvoiceStateException("invoice " + label(voided) + " is " + voided.status()
                    + "; void it before reissuing");
        }
    }

    private static String lower(InvoiceStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static String label(Invoice invoice) {
        return invoice.number() != null ? invoice.number() : invoice.id();
    }
}
