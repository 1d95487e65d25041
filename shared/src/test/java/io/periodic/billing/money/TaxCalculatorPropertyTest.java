package io.periodic.billing.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.money.TaxCalculator.Line;
import io.periodic.billing.money.TaxCalculator.LineTax;
import io.periodic.billing.money.TaxCalculator.RateTotal;
import io.periodic.billing.money.TaxCalculator.Result;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TaxCalculatorPropertyTest {

    record Invoice(Currency currency, List<Line> lines) {
    }

    @Provide
    Arbitrary<Invoice> invoices() {
        Arbitrary<TaxRate> rates = Arbitraries.oneOf(
                Arbitraries.of("0", "2.5", "5", "7", "8", "8.875", "10", "19", "20", "21", "99.9999").map(TaxRate::of),
                Arbitraries.integers().between(0, 999_999).map(u -> new TaxRate(BigDecimal.valueOf(u, 4))));
        Arbitrary<Long> amounts = Arbitraries.oneOf(
                Arbitraries.longs().between(-100, 100),
                Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L));
        return Arbitraries.of(Currencies.of("USD"), Currencies.of("JPY"), Currencies.of("KWD"))
                .flatMap(currency -> Combinators.combine(amounts, rates, Arbitraries.of(TaxBehavior.class))
                        .as((minor, rate, behavior) -> new Line(Money.of(minor, currency), rate, behavior))
                        .list().ofMaxSize(25)
                        .map(lines -> new Invoice(currency, lines)));
    }

    /** The denominator d with exact line tax = amount × u / d, where rate = u / 10^scale. */
    static BigInteger denominator(TaxRate rate, TaxBehavior behavior) {
        BigInteger hundred = BigInteger.TEN.pow(rate.percent().scale() + 2);
        return behavior == TaxBehavior.EXCLUSIVE ? hundred : hundred.add(rate.percent().unscaledValue());
    }

    @Property
    void invoiceInvariants(@ForAll("invoices") Invoice invoice) {
        Result result = TaxCalculator.calculate(invoice.currency(), invoice.lines());
        Money zero = Money.zero(invoice.currency());
        assertEquals(invoice.lines().size(), result.lines().size());

        Money net = zero;
        Money tax = zero;
        Money gross = zero;
        for (int i = 0; i < invoice.lines().size(); i++) {
            Line line = invoice.lines().get(i);
            LineTax lt = result.lines().get(i);
            net = net.plus(lt.net());
            tax = tax.plus(lt.tax());
            gross = gross.plus(lt.gross());
            assertEquals(lt.gross(), lt.net().plus(lt.tax()));
            assertEquals(line.amount(), line.behavior() == TaxBehavior.EXCLUSIVE ? lt.net() : lt.gross());
            if (line.rate().isZero() || line.amount().isZero()) {
                assertTrue(lt.tax().isZero(), "line " + i);
            }
            // never the opposite sign of the amount, and less than one unit from the exact line tax
            assertTrue(lt.tax().minor() * (long) Long.signum(line.amount().minor()) >= 0, "sign of line " + i);
            BigInteger d = denominator(line.rate(), line.behavior());
            BigInteger error = BigInteger.valueOf(lt.tax().minor()).multiply(d)
                    .subtract(BigInteger.valueOf(line.amount().minor()).multiply(line.rate().percent().unscaledValue()));
            assertTrue(error.abs().compareTo(d) < 0, "line " + i + " too far from its exact tax");
        }
        assertEquals(result.subtotal(), net);
        assertEquals(result.tax(), tax);
        assertEquals(result.total(), gross);
        assertEquals(result.total(), result.subtotal().plus(result.tax()));
    }

    @Property
    void eachRateIsRoundedOncePerBehavior(@ForAll("invoices") Invoice invoice) {
        Result result = TaxCalculator.calculate(invoice.currency(), invoice.lines());
        TreeSet<TaxRate> distinct = new TreeSet<>(invoice.lines().stream().map(Line::rate).toList());
        assertEquals(List.copyOf(distinct), result.rates().stream().map(RateTotal::rate).toList());

        Money zero = Money.zero(invoice.currency());
        Money taxSum = zero;
        Money grossSum = zero;
        for (RateTotal total : result.rates()) {
            long expectedTax = 0;
            long expectedNet = 0;
            for (TaxBehavior behavior : TaxBehavior.values()) {
                BigInteger sum = invoice.lines().stream()
                        .filter(l -> l.rate().equals(total.rate()) && l.behavior() == behavior)
                        .map(l -> BigInteger.valueOf(l.amount().minor())).reduce(BigInteger.ZERO, BigInteger::add);
                long groupTax = MoneyPropertyTest.halfUp(sum.multiply(total.rate().percent().unscaledValue()),
                        denominator(total.rate(), behavior)).longValueExact();
                expectedTax += groupTax;
                expectedNet += behavior == TaxBehavior.EXCLUSIVE ? sum.longValueExact() : sum.longValueExact() - groupTax;
            }
            assertEquals(expectedTax, total.tax().minor(), "tax at " + total.rate());
            assertEquals(expectedNet, total.net().minor(), "net at " + total.rate());
            taxSum = taxSum.plus(total.tax());
            grossSum = grossSum.plus(total.gross());
        }
        assertEquals(result.tax(), taxSum);
        assertEquals(result.total(), grossSum);
    }

    @Property
    void totalsDoNotDependOnLineOrder(@ForAll("invoices") Invoice invoice, @ForAll long seed) {
        List<Line> shuffled = new ArrayList<>(invoice.lines());
        Collections.shuffle(shuffled, new Random(seed));
        Result original = TaxCalculator.calculate(invoice.currency(), invoice.lines());
        Result reordered = TaxCalculator.calculate(invoice.currency(), shuffled);
        assertEquals(original.rates(), reordered.rates());
        assertEquals(original.total(), reordered.total());
        assertEquals(original.tax(), reordered.tax());
    }

    @Property
    void creditNoteIsTheMirrorImage(@ForAll("invoices") Invoice invoice) {
        List<Line> credits = invoice.lines().stream()
                .map(l -> new Line(l.amount().negate(), l.rate(), l.behavior())).toList();
        Result charge = TaxCalculator.calculate(invoice.currency(), invoice.lines());
        Result credit = TaxCalculator.calculate(invoice.currency(), credits);
        for (int i = 0; i < charge.lines().size(); i++) {
            LineTax c = charge.lines().get(i);
            assertEquals(new LineTax(c.net().negate(), c.tax().negate(), c.gross().negate()), credit.lines().get(i));
        }
        assertEquals(charge.total().negate(), credit.total());
        assertEquals(charge.tax().negate(), credit.tax());
    }
}
