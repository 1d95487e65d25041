package io.periodic.billing.money;

import static io.periodic.billing.money.TaxBehavior.EXCLUSIVE;
import static io.periodic.billing.money.TaxBehavior.INCLUSIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.money.TaxCalculator.Line;
import io.periodic.billing.money.TaxCalculator.LineTax;
import io.periodic.billing.money.TaxCalculator.RateTotal;
import io.periodic.billing.money.TaxCalculator.Result;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxCalculatorTest {

    static final Currency USD = Currencies.of("USD");
    static final Currency EUR = Currencies.of("EUR");
    static final Currency JPY = Currencies.of("JPY");

    static Line line(String amount, Currency currency, String rate, TaxBehavior behavior) {
        return new Line(Money.parse(amount, currency), TaxRate.of(rate), behavior);
    }

    static Money m(String amount, Currency currency) {
        return Money.parse(amount, currency);
    }

    static List<Long> lineTaxes(Result result) {
        return result.lines().stream().map(l -> l.tax().minor()).toList();
    }

    @Test
    void threeLinesAt19PercentExclusive() {
        Line l = line("10.00", USD, "19", EXCLUSIVE);
        Result r = TaxCalculator.calculate(List.of(l, l, l));
        assertEquals(m("5.70", USD), r.tax());
        assertEquals(m("30.00", USD), r.subtotal());
        assertEquals(m("35.70", USD), r.total());
        for (LineTax lt : r.lines()) {
            assertEquals(new LineTax(m("10.00", USD), m("1.90", USD), m("11.90", USD)), lt);
        }
        assertEquals(List.of(new RateTotal(TaxRate.of("19"), m("30.00", USD), m("5.70", USD), m("35.70", USD))),
                r.rates());
    }

    @Test
    void taxIsRoundedPerInvoiceNotPerLine() {
        Line l = line("0.05", USD, "10", EXCLUSIVE);
        Money perLineRounded = l.amount().percent(l.rate().percent()).times(3); // 0.005 -> 0.01, three times
        assertEquals(m("0.03", USD), perLineRounded);

        Result r = TaxCalculator.calculate(List.of(l, l, l)); // 0.15 * 10% = 0.015 -> 0.02
        assertEquals(m("0.02", USD), r.tax());
        assertEquals(List.of(1L, 1L, 0L), lineTaxes(r));
        assertEquals(m("0.17", USD), r.total());
    }

    @Test
    void creditNotesMirrorCharges() {
        Line l = line("-0.05", USD, "10", EXCLUSIVE);
        Result r = TaxCalculator.calculate(List.of(l, l, l)); // -0.015 -> -0.02 (half away from zero)
        assertEquals(m("-0.02", USD), r.tax());
        assertEquals(List.of(-1L, -1L, 0L), lineTaxes(r));
    }

    @Test
    void inclusiveYen() {
        Result r = TaxCalculator.calculate(List.of(line("1100", JPY, "10", INCLUSIVE)));
        assertEquals(new LineTax(m("1000", JPY), m("100", JPY), m("1100", JPY)), r.lines().get(0));
        assertEquals(m("100", JPY), r.tax());
        assertEquals(m("1000", JPY), r.subtotal());
        assertEquals(m("1100", JPY), r.total());
    }

    @Test
    void inclusiveRoundsPerInvoiceAndKeepsEachGross() {
        // 3 x 105 JPY incl. 10%: 315 * 10/110 = 28.63 -> 29 (per line would be 3 x round(9.54) = 30)
        Line l = line("105", JPY, "10", INCLUSIVE);
        Result r = TaxCalculator.calculate(List.of(l, l, l));
        assertEquals(m("29", JPY), r.tax());
        assertEquals(List.of(10L, 10L, 9L), lineTaxes(r));
        assertEquals(List.of(95L, 95L, 96L), r.lines().stream().map(x -> x.net().minor()).toList());
        r.lines().forEach(x -> assertEquals(m("105", JPY), x.gross()));
        assertEquals(m("286", JPY), r.subtotal());
    }

    @Test
    void japaneseInvoiceWithTwoRatesSortedByRate() {
        Result r = TaxCalculator.calculate(List.of(
                line("330", JPY, "10", INCLUSIVE),
                line("1080", JPY, "8", INCLUSIVE),
                line("550", JPY, "10", INCLUSIVE)));
        assertEquals(List.of(
                new RateTotal(TaxRate.of("8"), m("1000", JPY), m("80", JPY), m("1080", JPY)),
                new RateTotal(TaxRate.of("10"), m("800", JPY), m("80", JPY), m("880", JPY))), r.rates());
        assertEquals(List.of(30L, 80L, 50L), lineTaxes(r));
        assertEquals(m("160", JPY), r.tax());
        assertEquals(m("1960", JPY), r.total());
    }

    @Test
    void exclusiveAndInclusiveAtOneRateAreRoundedSeparatelyAndAddUp() {
        Result r = TaxCalculator.calculate(List.of(
                line("10.00", EUR, "19", EXCLUSIVE),
                line("11.90", EUR, "19", INCLUSIVE),
                line("0.05", EUR, "10", EXCLUSIVE), // 0.005 -> 0.01
                line("0.05", EUR, "10", INCLUSIVE))); // 0.0045 -> 0.00
        assertEquals(List.of(190L, 190L, 1L, 0L), lineTaxes(r));
        assertEquals(List.of(
                new RateTotal(TaxRate.of("10"), m("0.10", EUR), m("0.01", EUR), m("0.11", EUR)),
                new RateTotal(TaxRate.of("19"), m("20.00", EUR), m("3.80", EUR), m("23.80", EUR))), r.rates());
    }

    @Test
    void mixedChargesAndCreditsNeverGetTaxOfTheOppositeSign() {
        Result whole = TaxCalculator.calculate(List.of(
                line("100.00", USD, "10", EXCLUSIVE), line("-50.00", USD, "10", EXCLUSIVE)));
        assertEquals(List.of(1000L, -500L), lineTaxes(whole));
        assertEquals(m("5.00", USD), whole.tax());

        // exact line taxes 1.5 and -0.4 cents, group 1.1 -> 1 cent
        Result fractional = TaxCalculator.calculate(List.of(
                line("0.15", USD, "10", EXCLUSIVE), line("-0.04", USD, "10", EXCLUSIVE)));
        assertEquals(List.of(1L, 0L), lineTaxes(fractional));
        assertEquals(m("0.12", USD), fractional.total());

        // exact line taxes +0.5 and -0.5 cents cancel out: neither line is pushed away from zero
        Result cancelling = TaxCalculator.calculate(List.of(
                line("0.05", USD, "10", EXCLUSIVE), line("-0.05", USD, "10", EXCLUSIVE)));
        assertEquals(List.of(0L, 0L), lineTaxes(cancelling));
    }

    @Test
    void zeroLinesGetZeroTax() {
        Result r = TaxCalculator.calculate(List.of(
                line("0.05", USD, "10", EXCLUSIVE), line("0.00", USD, "10", EXCLUSIVE),
                line("0.05", USD, "10", EXCLUSIVE)));
        assertEquals(List.of(1L, 0L, 0L), lineTaxes(r));
    }

    @Test
    void zeroRateMeansZeroTaxButStillAReportedRate() {
        Result r = TaxCalculator.calculate(List.of(
                line("10.00", USD, "0", EXCLUSIVE), line("5.00", USD, "0", INCLUSIVE)));
        assertEquals(List.of(0L, 0L), lineTaxes(r));
        assertEquals(List.of(new RateTotal(TaxRate.ZERO, m("15.00", USD), m("0.00", USD), m("15.00", USD))),
                r.rates());
        assertEquals(r.subtotal(), r.total());
    }

    @Test
    void fractionalRate() {
        Result r = TaxCalculator.calculate(List.of(line("99.99", USD, "8.875", EXCLUSIVE))); // 8.8741125
        assertEquals(m("8.87", USD), r.tax());
        assertEquals(m("108.86", USD), r.total());
    }

    @Test
    void keepsLineOrderAcrossInterleavedGroups() {
        Result r = TaxCalculator.calculate(List.of(
                line("1.00", USD, "19", EXCLUSIVE), line("1.00", USD, "7", EXCLUSIVE),
                line("2.00", USD, "19", EXCLUSIVE), line("1.07", USD, "7", INCLUSIVE)));
        assertEquals(List.of(19L, 7L, 38L, 7L), lineTaxes(r));
        assertEquals(List.of(TaxRate.of("7"), TaxRate.of("19")), r.rates().stream().map(RateTotal::rate).toList());
    }

    @Test
    void emptyInvoice() {
        Result r = TaxCalculator.calculate(USD, List.of());
        assertTrue(r.lines().isEmpty());
        assertTrue(r.rates().isEmpty());
        assertEquals(Money.zero(USD), r.total());
        assertThrows(IllegalArgumentException.class, () -> TaxCalculator.calculate(List.of()));
    }

    @Test
    void mixedCurrenciesThrow() {
        List<Line> lines = List.of(line("1.00", USD, "10", EXCLUSIVE), line("1.00", EUR, "10", EXCLUSIVE));
        CurrencyMismatchException e =
                assertThrows(CurrencyMismatchException.class, () -> TaxCalculator.calculate(lines));
        assertEquals(USD, e.expected());
        assertEquals(EUR, e.actual());
        assertThrows(CurrencyMismatchException.class,
                () -> TaxCalculator.calculate(EUR, List.of(line("1.00", USD, "10", EXCLUSIVE))));
    }

    @Test
    void resultRecordsEnforceNetPlusTaxIsGross() {
        assertThrows(IllegalArgumentException.class, () -> new LineTax(m("1.00", USD), m("0.10", USD), m("1.11", USD)));
        assertThrows(IllegalArgumentException.class,
                () -> new RateTotal(TaxRate.ZERO, m("1.00", USD), m("0.10", USD), m("1.00", USD)));
        assertThrows(CurrencyMismatchException.class,
                () -> new LineTax(m("1.00", USD), m("0.10", EUR), m("1.10", USD)));
        assertThrows(NullPointerException.class, () -> new Line(null, TaxRate.ZERO, EXCLUSIVE));
    }

    @Test
    void overflowingInvoiceThrows() {
        Line huge = new Line(Money.of(Long.MAX_VALUE, USD), TaxRate.of("10"), EXCLUSIVE);
        assertThrows(ArithmeticException.class, () -> TaxCalculator.calculate(List.of(huge)));
        assertThrows(ArithmeticException.class, () -> TaxCalculator.calculate(List.of(
                new Line(Money.of(Long.MAX_VALUE, USD), TaxRate.ZERO, EXCLUSIVE), new Line(Money.of(1, USD), TaxRate.ZERO, EXCLUSIVE))));
    }
}
