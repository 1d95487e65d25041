package io.periodic.billing.invoicing;

import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Sequence;
import io.periodic.billing.money.Money;
import java.time.Instant;

/**
 * Turns a draft into an open invoice (plain domain logic; the store commits the result in one transaction):
 * <ul>
 *   <li>the next number of the series {@code <prefix>-<year of issue>} is taken;
 *   <li>the customer's credit balance is used first: {@code min(balance, total)} settles part or all of it;
 *   <li>a negative total (a downgrade's credit exceeds the new charges) is not payable: it is added to the credit
 *       balance and the invoice is settled ({@code creditApplied} is then negative: credit given, not used);
 *   <li>an invoice with nothing left to pay (zero total, e.g. a trial period, or fully covered by credit) is paid.
 * </ul>
 */
public final class Finalization {
    private Finalization() {}

    /** What to commit. {@code creditEntry} and {@code balanceAfter} are null when the balance does not move. */
    public record Decision(Invoice invoice, Sequence sequenceAfter, CreditEntry creditEntry,
            CreditBalance balanceAfter) {}

    /** The number series a draft will be numbered in. */
    public static String seriesOf(Invoice draft, String prefix) {
        return DocumentNumbers.series(prefix, draft.issueDate());
    }

    /** The number series a draft will be numbered in, for a seller using {@code seriesCount} parallel series. */
    public static String seriesOf(Invoice draft, String prefix, int seriesCount) {
        return DocumentNumbers.series(prefix, draft.issueDate(), draft.customerId(), seriesCount);
    }

    public static Decision plan(Invoice draft, Sequence sequence, CreditBalance balance, Instant now) {
        InvoiceTransitions.requireFinalisable(draft);
        Sequence after = sequence.next();
        String number = DocumentNumbers.format(sequence.series(), after.last());
        Money total = draft.total();
        Money credit = Money.zero(draft.currency());
        CreditEntry entry = null;
        CreditBalance balanceAfter = null;
        if (total.isPositive() && balance.balance().isPositive()) {
            credit = balance.balance().min(total);
            entry = new CreditEntry(draft.customerId(), "applied:" + draft.id(), credit.negate(),
                    "used on invoice " + number, now);
        } else if (total.isNegative()) {
            credit = total;
            entry = new CreditEntry(draft.customerId(), "credited:" + draft.id(), total.negate(),
                    "credit from invoice " + number, now);
        }
        if (entry != null) {
            balanceAfter = new CreditBalance(balance.customerId(), balance.balance().plus(entry.amount()),
                    balance.version());
        }
        Invoice open = draft.finalized(number, now);
        // Paid at once when nothing is left to pay (InvoiceTransitions.settled decides, as for every payment).
        Invoice settled = InvoiceTransitions.settled(open.withCreditApplied(credit));
        return new Decision(settled, after, entry, balanceAfter);
    }
}
