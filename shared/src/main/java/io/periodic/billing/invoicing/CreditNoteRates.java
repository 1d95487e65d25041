package io.periodic.billing.invoicing;

import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.CreditNote.TaxPart;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxCalculator;
import io.periodic.billing.money.TaxRate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A credit note's amounts per tax rate of the invoice it credits (a 適格返還請求書 states the returned amount and
 * its consumption tax per rate; docs/tax.md, "Credit notes per rate"). Plain domain arithmetic in integer minor
 * units:
 * <ul>
 *   <li><b>What is left</b> per rate: the invoice's net and tax at that rate (its tax rounded once per rate when
 *       the invoice was composed) less the parts of the earlier credit notes at that rate.
 *   <li><b>A full credit</b> credits exactly what is left at every rate.
 *   <li><b>A partial credit</b> of a net amount splits it over the rates in proportion to the net left at each
 *       ({@link Money#allocate}: each share truncated, the leftover minor units handed out one at a time from the
 *       lowest rate up), so no rate gets more than is left at it; each rate's tax is then its share × rate,
 *       rounded once ({@code Rounding.MODE}, half up), and never more than the tax left at that rate (a share that
 *       takes all the net left at a rate takes all its tax).
 *   <li><b>Credit notes stored before the parts</b> (one part without a rate) count, on an invoice with one rate,
 *       at that rate; on an invoice with several, their net and tax are spread over the rates by the same rule
 *       (in proportion to the net, resp. the tax, left at each), as they were computed.
 * </ul>
 */
public final class CreditNoteRates {
    private CreditNoteRates() {}

    /** Net and tax at one rate. */
    private record Amounts(Money net, Money tax) {
        Amounts minus(Money otherNet, Money otherTax) {
            return new Amounts(net.minus(otherNet), tax.minus(otherTax));
        }
    }

    /** The invoice's own parts: per rate (ascending) the net of its lines and their tax. */
    public static List<TaxPart> ofInvoice(Invoice invoice) {
        return parts(invoiceAmounts(invoice));
    }

    /** What is left to credit per rate (ascending) after {@code earlier} notes; rates with nothing left omitted. */
    public static List<TaxPart> left(Invoice invoice, List<CreditNote> earlier) {
        return parts(leftAmounts(invoice, earlier));
    }

    /** The parts of a credit note for everything left on the invoice. */
    public static List<TaxPart> full(Invoice invoice, List<CreditNote> earlier) {
        return left(invoice, earlier);
    }

    /**
     * The parts of a credit note for {@code net} (net, positive, at most what is left): its split over the rates
     * and the tax per rate, by the rule above.
     */
    public static List<TaxPart> partial(Invoice invoice, List<CreditNote> earlier, Money net) {
        Map<TaxRate, Amounts> left = leftAmounts(invoice, earlier);
        List<TaxRate> rates = new ArrayList<>(left.keySet());
        long[] weights = rates.stream().mapToLong(r -> Math.max(0, left.get(r).net().minor())).toArray();
        List<TaxPart> parts = new ArrayList<>();
        if (rates.isEmpty() || Arrays.stream(weights).sum() == 0) {
            return parts;
        }
        List<Money> shares = net.allocate(weights);
        for (int i = 0; i < rates.size(); i++) {
            TaxRate rate = rates.get(i);
            Money share = shares.get(i);
            Amounts at = left.get(rate);
            Money tax = share.equals(at.net()) ? at.tax()
                    : taxOn(share, rate).min(at.tax()).max(Money.zero(net.currency()));
            if (!share.isZero() || !tax.isZero()) {
                parts.add(new TaxPart(rate, share, tax));
            }
        }
        return parts;
    }

    /** {@code net × rate / 100}, rounded once (the tax calculator's exclusive rule for one amount). */
    private static Money taxOn(Money net, TaxRate rate) {
        return TaxCalculator.calculate(net.currency(), List.of(new TaxCalculator.Line(net, rate,
                TaxBehavior.EXCLUSIVE))).tax();
    }

    private static Map<TaxRate, Amounts> invoiceAmounts(Invoice invoice) {
        Map<TaxRate, Amounts> byRate = new TreeMap<>();
        for (InvoiceLine line : invoice.lines()) {
            byRate.merge(line.taxRate(), new Amounts(line.amount(), line.tax()),
                    (a, b) -> new Amounts(a.net().plus(b.net()), a.tax().plus(b.tax())));
        }
        return byRate;
    }

    private static Map<TaxRate, Amounts> leftAmounts(Invoice invoice, List<CreditNote> earlier) {
        Map<TaxRate, Amounts> left = invoiceAmounts(invoice);
        for (CreditNote note : earlier) {
            for (TaxPart part : note.taxParts()) {
                if (part.rate() != null && left.containsKey(part.rate())) {
                    left.computeIfPresent(part.rate(), (r, a) -> a.minus(part.subtotal(), part.tax()));
                } else if (!left.isEmpty()) {
                    spread(left, part);
                }
            }
        }
        return left;
    }

    /** An earlier part without a (known) rate: spread over the rates in proportion to what is left at each. */
    private static void spread(Map<TaxRate, Amounts> left, TaxPart part) {
        List<TaxRate> rates = new ArrayList<>(left.keySet());
        List<Money> nets = share(part.subtotal(), rates.stream().mapToLong(r -> left.get(r).net().minor()).toArray());
        List<Money> taxes = share(part.tax(), rates.stream().mapToLong(r -> left.get(r).tax().minor()).toArray());
        for (int i = 0; i < rates.size(); i++) {
            TaxRate rate = rates.get(i);
            left.put(rate, left.get(rate).minus(nets.get(i), taxes.get(i)));
        }
    }

    /** {@code amount} split by the positive weights, or all on the first rate when none is positive. */
    private static List<Money> share(Money amount, long[] weights) {
        long[] positive = Arrays.stream(weights).map(w -> Math.max(0, w)).toArray();
        if (Arrays.stream(positive).sum() == 0) {
            positive[0] = 1;
        }
        return amount.allocate(positive);
    }

    /** Rates with nothing left are left out (a rate whose lines net to a credit keeps its negative part). */
    private static List<TaxPart> parts(Map<TaxRate, Amounts> byRate) {
        List<TaxPart> parts = new ArrayList<>();
        for (Map.Entry<TaxRate, Amounts> e : byRate.entrySet()) {
            if (!e.getValue().net().isZero() || !e.getValue().tax().isZero()) {
                parts.add(new TaxPart(e.getKey(), e.getValue().net(), e.getValue().tax()));
            }
        }
        return parts;
    }
}
