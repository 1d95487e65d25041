package io.periodic.billing.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Computes the tax of one invoice. The rule: <b>tax is rounded per invoice, per tax rate</b> — exactly one
 * rounding (with {@link Rounding#MODE}) for each tax rate and behaviour on the invoice, never per line. EU VAT
 * allows this, and Japan's qualified-invoice system requires it.
 *
 * <ol>
 *   <li>Lines are grouped by (rate, behaviour).</li>
 *   <li>{@link TaxBehavior#EXCLUSIVE} group with net sum N: tax = round(N × r / 100); gross = N + tax.</li>
 *   <li>{@link TaxBehavior#INCLUSIVE} group with gross sum G: tax = round(G × r / (100 + r)); net = G − tax.</li>
 *   <li>Exclusive and inclusive groups at the same rate are rounded separately and add up in the rate's
 *       {@link RateTotal}.</li>
 *   <li>Each group's tax is spread over its lines by the largest-remainder method on the lines' exact
 *       (unrounded) taxes: every line first gets its exact tax truncated toward zero; the units still missing to
 *       reach the group's tax (a positive or negative count) then go, one each, to the lines whose cut-off
 *       fraction points the same way, largest fraction first (ties: earlier line first). Hence the line taxes sum
 *       exactly to the group tax, each differs from its exact tax by less than one minor unit, a line's tax never
 *       has the opposite sign of its amount (even when charges and credits are mixed), a zero line gets zero
 *       tax, and a credit note is the exact mirror image of the matching invoice.</li>
 * </ol>
 *
 * <p>A line's own amount is kept as given: the net of an exclusive line and the gross of an inclusive line.
 * Amounts may be negative (credits, proration adjustments). All amounts use Math-exact arithmetic
 * ({@link ArithmeticException} on overflow).
 */
public final class TaxCalculator {

    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private TaxCalculator() {
    }

    /**
     * One invoice line.
     *
     * @param amount   the price: net if {@code EXCLUSIVE}, gross if {@code INCLUSIVE}; may be negative
     * @param rate     the tax rate that applies
     * @param behavior whether the price excludes or includes the tax
     */
    public record Line(Money amount, TaxRate rate, TaxBehavior behavior) {
        public Line {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(behavior, "behavior");
        }
    }

    /** The tax of one line; always {@code net + tax == gross}. */
    public record LineTax(Money net, Money tax, Money gross) {
        public LineTax {
            requireSum(net, tax, gross);
        }
    }

    /** The totals of one tax rate over the invoice; always {@code net + tax == gross}. */
    public record RateTotal(TaxRate rate, Money net, Money tax, Money gross) {
        public RateTotal {
            Objects.requireNonNull(rate, "rate");
            requireSum(net, tax, gross);
        }
    }

    /**
     * The tax of an invoice.
     *
     * @param lines    one entry per input line, in input order
     * @param rates    one entry per distinct rate on the invoice, ascending by rate
     * @param subtotal the sum of the line nets
     * @param tax      the sum of the line taxes (= the sum of the per-rate taxes)
     * @param total    the sum of the line grosses; always {@code subtotal + tax}
     */
    public record Result(List<LineTax> lines, List<RateTotal> rates, Money subtotal, Money tax, Money total) {
        public Result {
            lines = List.copyOf(lines);
            rates = List.copyOf(rates);
            requireSum(subtotal, tax, total);
        }
    }

    /**
     * Calculates the tax of a non-empty invoice; the currency is that of the first line.
     *
     * @throws IllegalArgumentException  if {@code lines} is empty
     * @throws CurrencyMismatchException if the lines are not all in one currency
     */
    public static Result calculate(List<Line> lines) {
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("No lines: use calculate(currency, lines) for an empty invoice");
        }
        return calculate(lines.get(0).amount().currency(), lines);
    }

    /**
     * Calculates the tax of an invoice in {@code currency}; an empty invoice has zero totals and no rates.
     *
     * @throws CurrencyMismatchException if a line is not in {@code currency}
     */
    public static Result calculate(Currency currency, List<Line> lines) {
        Money zero = Money.zero(currency);
        List<Line> input = List.copyOf(lines);
        Map<Group, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < input.size(); i++) {
            Line line = input.get(i);
            if (!line.amount().currency().equals(currency)) {
                throw new CurrencyMismatchException(currency, line.amount().currency());
            }
            groups.computeIfAbsent(new Group(line.rate(), line.behavior()), g -> new ArrayList<>()).add(i);
        }

        long[] lineTaxes = new long[input.size()];
        groups.forEach((group, indices) -> {
            long[] amounts = indices.stream().mapToLong(i -> input.get(i).amount().minor()).toArray();
            long[] taxes = groupTax(amounts, group);
            for (int k = 0; k < taxes.length; k++) {
                lineTaxes[indices.get(k)] = taxes[k];
            }
        });

        List<LineTax> lineResults = new ArrayList<>(input.size());
        Map<TaxRate, RateTotal> rates = new TreeMap<>();
        Money subtotal = zero;
        Money taxTotal = zero;
        Money total = zero;
        for (int i = 0; i < input.size(); i++) {
            Line line = input.get(i);
            Money tax = Money.of(lineTaxes[i], currency);
            LineTax result = line.behavior() == TaxBehavior.EXCLUSIVE
                    ? new LineTax(line.amount(), tax, line.amount().plus(tax))
                    : new LineTax(line.amount().minus(tax), tax, line.amount());
            lineResults.add(result);
            rates.merge(line.rate(), new RateTotal(line.rate(), result.net(), result.tax(), result.gross()),
                    (a, b) -> new RateTotal(a.rate(), a.net().plus(b.net()), a.tax().plus(b.tax()),
                            a.gross().plus(b.gross())));
            subtotal = subtotal.plus(result.net());
            taxTotal = taxTotal.plus(result.tax());
            total = total.plus(result.gross());
        }
        return new Result(lineResults, new ArrayList<>(rates.values()), subtotal, taxTotal, total);
    }

    /** Rounds the group's tax once and spreads it over the lines (largest remainder, see the class doc). */
    private static long[] groupTax(long[] amounts, Group group) {
        // rate = u / 10^s, so the tax of an amount a is a × u / d with an integer d > 0:
        // exclusive d = 100 × 10^s, inclusive d = 100 × 10^s + u (that is a × r / (100 + r)).
        BigDecimal percent = group.rate().percent();
        BigInteger u = percent.unscaledValue();
        BigInteger hundred = HUNDRED.multiply(BigInteger.TEN.pow(percent.scale()));
        BigInteger d = group.behavior() == TaxBehavior.EXCLUSIVE ? hundred : hundred.add(u);

        long sum = 0;
        for (long amount : amounts) {
            sum = Math.addExact(sum, amount);
        }
        long groupTax = new BigDecimal(BigInteger.valueOf(sum).multiply(u))
                .divide(new BigDecimal(d), 0, Rounding.MODE)
                .longValueExact();

        int n = amounts.length;
        long[] taxes = new long[n];
        BigInteger[] fractions = new BigInteger[n]; // exact tax - truncated tax, in units of 1/d; sign of the amount
        BigInteger truncatedSum = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = BigInteger.valueOf(amounts[i]).multiply(u).divideAndRemainder(d); // toward zero
            taxes[i] = qr[0].longValueExact();
            fractions[i] = qr[1];
            truncatedSum = truncatedSum.add(qr[0]);
        }
        // missing = (groupTax - exact sum) + sum of fractions, and |groupTax - exact sum| <= 1/2, so there are at
        // least |missing| lines whose fraction points the same way as missing.
        long missing = BigInteger.valueOf(groupTax).subtract(truncatedSum).longValueExact();
        int direction = Long.signum(missing);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (direction != 0 && fractions[i].signum() == direction) {
                candidates.add(i);
            }
        }
        if (Math.abs(missing) > candidates.size()) {
            throw new IllegalStateException("Cannot spread tax " + groupTax + " over group " + group); // unreachable
        }
        candidates.sort(Comparator.<Integer, BigInteger>comparing(i -> fractions[i].abs()).reversed()
                .thenComparing(i -> i));
        for (int k = 0; k < Math.abs(missing); k++) {
            taxes[candidates.get(k)] += direction;
        }
        return taxes;
    }

    private record Group(TaxRate rate, TaxBehavior behavior) {
    }

    private static void requireSum(Money net, Money tax, Money gross) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(gross, "gross");
        if (!net.plus(tax).equals(gross)) {
            throw new IllegalArgumentException("net + tax != gross: " + net + " + " + tax + " != " + gross);
        }
    }
}
