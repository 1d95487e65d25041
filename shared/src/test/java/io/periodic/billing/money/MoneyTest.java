package io.periodic.billing.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    static final Currency USD = Currencies.of("USD");
    static final Currency EUR = Currencies.of("EUR");
    static final Currency JPY = Currencies.of("JPY");
    static final Currency KWD = Currencies.of("KWD");

    static Money usd(long cents) {
        return Money.of(cents, USD);
    }

    static List<Long> minors(List<Money> parts) {
        return parts.stream().map(Money::minor).toList();
    }

    @Test
    void roundingModeIsCommercialHalfUp() {
        assertEquals(RoundingMode.HALF_UP, Rounding.MODE);
    }

    @Test
    void exponentsComeFromIso4217() {
        assertEquals(0, Currencies.exponent(JPY));
        assertEquals(2, Currencies.exponent(USD));
        assertEquals(3, Currencies.exponent(KWD));
    }

    @Test
    void factoriesAndEquality() {
        assertEquals(Money.of(1230, USD), Money.of(1230, "USD"));
        assertEquals(0, Money.zero(JPY).minor());
        assertEquals(JPY, Money.zero(JPY).currency());
        assertFalse(Money.of(1, USD).equals(Money.of(1, EUR)));
    }

    @Test
    void constructorRejectsMissingOrNonMonetaryCurrency() {
        assertThrows(NullPointerException.class, () -> Money.of(1, (Currency) null));
        assertThrows(IllegalArgumentException.class, () -> Money.of(1, Currency.getInstance("XXX")));
        assertThrows(IllegalArgumentException.class, () -> Money.of(1, Currency.getInstance("XAU")));
        assertThrows(IllegalArgumentException.class, () -> Money.of(1, "usd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e3", "1E3", "1,000", "1_000", " 1", "1 ", "+1", "", "1.", ".5", "-.5", "-", "--1",
            "1.2.3", "NaN", "Infinity", "0x10", "\u0661\u0662", "\u22121", "1.0 "})
    void parseRejectsAnythingButAPlainDecimal(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse(text, USD));
        assertTrue(e.getMessage().contains("Not a plain decimal"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"10.005, USD", "10.000, USD", "1.5, JPY", "1.0, JPY", "12.50, JPY", "1.2345, KWD", "-0.001, USD"})
    void parseRejectsMoreDecimalsThanTheCurrencyHasEvenTrailingZeros(String text, String code) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Money.parse(text, Currencies.of(code)));
        assertTrue(e.getMessage().contains("decimal places"), e.getMessage());
    }

    @Test
    void parseRejectsAmountsBeyondLongRange() {
        assertThrows(IllegalArgumentException.class, () -> Money.parse("92233720368547758.08", USD));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("-92233720368547758.09", USD));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("9223372036854775808", JPY));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1" + "0".repeat(40), USD));
    }

    @Test
    void parseRejectsAmountsOverTheMaximumAndTakesTheMaximum() {
        for (String over : List.of("92233720368547758.07", "-92233720368547758.08", "10000000000000.00",
                "-10000000000000.00", "10000000000000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse(over, USD));
            assertTrue(e.getMessage().contains("exceeds the maximum of 9999999999999.99"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1000000000000000", JPY));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1000000000000.000", KWD));
        assertEquals(Money.MAX_MINOR, Money.parse("9999999999999.99", USD).minor());
        assertEquals(-Money.MAX_MINOR, Money.parse("-9999999999999.99", USD).minor());
        assertEquals(Money.MAX_MINOR, Money.parse("999999999999999", JPY).minor());
        assertEquals(Money.MAX_MINOR, Money.parse("999999999999.999", KWD).minor());
        assertEquals(Money.MAX_MINOR, Money.parse("000999999999999.999", KWD).minor());
    }

    @Test
    void theLimitIsOneNumberOfMinorUnitsWithRoomForThousandsOfMaximumAmountsInALong() {
        assertEquals(999_999_999_999_999L, Money.MAX_MINOR);
        assertTrue(Money.MAX_MINOR < (1L << 53), "exact as a JSON number in JavaScript");
        long sum = 0;
        for (int i = 0; i < 9_223; i++) {
            sum = Math.addExact(sum, Money.MAX_MINOR); // 9,223 maximum amounts fit a long
        }
        long almost = sum;
        assertThrows(ArithmeticException.class, () -> Math.addExact(almost, Money.MAX_MINOR));
        assertEquals(usd(Money.MAX_MINOR), Money.maxAmount(USD));
        assertEquals("USD 9999999999999.99", Money.maxAmount(USD).toString());
        assertEquals("JPY 999999999999999", Money.maxAmount(JPY).toString());
        assertEquals("KWD 999999999999.999", Money.maxAmount(KWD).toString());
    }

    @Test
    void requireWithinLimitIsTheOneCheckOfEveryIntake() {
        assertEquals(usd(Money.MAX_MINOR), Money.requireWithinLimit(Money.MAX_MINOR, USD));
        assertEquals(usd(-Money.MAX_MINOR), usd(-Money.MAX_MINOR).requireWithinLimit());
        assertTrue(usd(0).isWithinLimit());
        assertFalse(usd(Money.MAX_MINOR + 1).isWithinLimit());
        assertFalse(usd(Long.MIN_VALUE).isWithinLimit());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Money.requireWithinLimit(Long.MAX_VALUE, USD));
        assertEquals("Amount out of range for USD: '92233720368547758.07' exceeds the maximum of 9999999999999.99"
                + " (999999999999999 minor units)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> usd(-Money.MAX_MINOR - 1).requireWithinLimit());
    }

    @Test
    void parseAcceptsPlainDecimals() {
        assertEquals(-5, Money.parse("-0.05", USD).minor());
        assertEquals(1230, Money.parse("12.3", USD).minor());
        assertEquals(1200, Money.parse("12", USD).minor());
        assertEquals(1200, Money.parse("1200", JPY).minor());
        assertEquals(1234, Money.parse("1.234", KWD).minor());
        assertEquals(7, Money.parse("007", JPY).minor());
        assertEquals(0, Money.parse("-0", USD).minor());
        assertThrows(NullPointerException.class, () -> Money.parse(null, USD));
    }

    @Test
    void formatsWithExactlyTheCurrencyExponent() {
        assertEquals("12.30", usd(1230).toDecimalString());
        assertEquals("-0.05", usd(-5).toDecimalString());
        assertEquals("0.00", usd(0).toDecimalString());
        assertEquals("1200", Money.of(1200, JPY).toDecimalString());
        assertEquals("1.234", Money.of(1234, KWD).toDecimalString());
        assertEquals("-92233720368547758.08", usd(Long.MIN_VALUE).toDecimalString());
        assertEquals("USD 12.30", usd(1230).toString());
        assertEquals("JPY -1200", Money.of(-1200, JPY).toString());
    }

    @Test
    void arithmetic() {
        assertEquals(usd(350), usd(100).plus(usd(250)));
        assertEquals(usd(-150), usd(100).minus(usd(250)));
        assertEquals(usd(-100), usd(100).negate());
        assertEquals(usd(100), usd(-100).abs());
        assertEquals(usd(-300), usd(100).times(-3));
    }

    @Test
    void arithmeticThrowsInsteadOfOverflowing() {
        assertThrows(ArithmeticException.class, () -> usd(Long.MAX_VALUE).plus(usd(1)));
        assertThrows(ArithmeticException.class, () -> usd(Long.MIN_VALUE).minus(usd(1)));
        assertThrows(ArithmeticException.class, () -> usd(Long.MIN_VALUE).negate());
        assertThrows(ArithmeticException.class, () -> usd(Long.MIN_VALUE).abs());
        assertThrows(ArithmeticException.class, () -> usd(Long.MAX_VALUE / 2 + 1).times(2));
        assertThrows(ArithmeticException.class, () -> usd(Long.MIN_VALUE).times(-1));
    }

    @Test
    void mixingCurrenciesThrows() {
        Money dollars = usd(100);
        Money euros = Money.of(100, EUR);
        List<Executable> mixes = List.of(() -> dollars.plus(euros), () -> dollars.minus(euros),
                () -> dollars.compareTo(euros), () -> dollars.isGreaterThan(euros), () -> dollars.isLessThan(euros),
                () -> dollars.min(euros), () -> dollars.max(euros), () -> dollars.requireSameCurrency(euros));
        for (Executable mix : mixes) {
            CurrencyMismatchException e = assertThrows(CurrencyMismatchException.class, mix);
            assertEquals(USD, e.expected());
            assertEquals(EUR, e.actual());
        }
    }

    @Test
    void currencyChecks() {
        usd(1).requireSameCurrency(usd(-7));
        assertThrows(NullPointerException.class, () -> usd(1).requireSameCurrency(null));
        usd(1).requireCurrency(USD);
        CurrencyMismatchException e = assertThrows(CurrencyMismatchException.class, () -> usd(1).requireCurrency(EUR));
        assertEquals(EUR, e.expected());
        assertEquals(USD, e.actual());
    }

    @Test
    void predicatesAndOrdering() {
        assertTrue(usd(0).isZero());
        assertTrue(usd(1).isPositive());
        assertTrue(usd(-1).isNegative());
        assertFalse(usd(0).isPositive() || usd(0).isNegative());
        assertTrue(usd(2).isGreaterThan(usd(1)));
        assertTrue(usd(-2).isLessThan(usd(1)));
        assertEquals(usd(-2), usd(-2).min(usd(1)));
        assertEquals(usd(1), usd(-2).max(usd(1)));
        Money a = usd(5);
        Money b = usd(5);
        assertSame(a, a.min(b));
        assertSame(a, a.max(b));
        assertTrue(usd(1).compareTo(usd(2)) < 0);
        assertEquals(0, usd(2).compareTo(usd(2)));
    }

    @Test
    void allocateHandsTheRemainderToTheFirstParts() {
        assertEquals(List.of(34L, 33L, 33L), minors(usd(100).allocate(1, 1, 1)));
        assertEquals(List.of(34L, 33L, 33L), minors(usd(100).allocateEvenly(3)));
        assertEquals(List.of(-34L, -33L, -33L), minors(usd(-100).allocate(1, 1, 1)));
        assertEquals(List.of(2L, 1L, 1L, 1L), minors(usd(5).allocateEvenly(4)));
        assertEquals(List.of(0L, 0L, 0L), minors(usd(0).allocateEvenly(3)));
    }

    @Test
    void allocateGivesZeroRatiosNothing() {
        assertEquals(List.of(25L, 0L, 75L), minors(usd(100).allocate(1, 0, 3)));
        assertEquals(List.of(26L, 0L, 75L), minors(usd(101).allocate(1, 0, 3)));
        assertEquals(List.of(0L, 2L, 1L), minors(usd(3).allocate(0, 1, 1)));
        assertEquals(List.of(-26L, 0L, -75L), minors(usd(-101).allocate(1, 0, 3)));
    }

    @Test
    void allocateLeavesWholeSharesAlone() {
        // exact shares 1, 0.5, 0.5: the left-over unit goes to the first truncated share, not to the whole one
        assertEquals(List.of(1L, 1L, 0L), minors(usd(2).allocate(2, 1, 1)));
        assertEquals(List.of(-1L, -1L, 0L), minors(usd(-2).allocate(2, 1, 1)));
    }

    @Test
    void allocateSurvivesExtremes() {
        assertEquals(List.of(Long.MIN_VALUE / 2, Long.MIN_VALUE / 2), minors(usd(Long.MIN_VALUE).allocateEvenly(2)));
        assertEquals(List.of(Long.MIN_VALUE, 0L), minors(usd(Long.MIN_VALUE).allocate(Long.MAX_VALUE, 0)));
        assertEquals(List.of(Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE / 2),
                minors(usd(Long.MAX_VALUE).allocate(Long.MAX_VALUE, Long.MAX_VALUE)));
    }

    @Test
    void allocateRejectsInvalidRatios() {
        assertThrows(IllegalArgumentException.class, () -> usd(100).allocate());
        assertThrows(IllegalArgumentException.class, () -> usd(100).allocate(0, 0));
        assertThrows(IllegalArgumentException.class, () -> usd(100).allocate(2, -1));
        assertThrows(IllegalArgumentException.class, () -> usd(100).allocateEvenly(0));
    }

    @Test
    void multiplyRatioRoundsOnceHalfUp() {
        assertEquals(usd(12345), usd(12345).multiplyRatio(31, 31));
        assertEquals(usd(3226), usd(10000).multiplyRatio(10, 31)); // 3225.806...
        assertEquals(usd(3), usd(5).multiplyRatio(1, 2)); // 2.5 -> 3
        assertEquals(usd(-3), usd(-5).multiplyRatio(1, 2)); // -2.5 -> -3, mirrors the charge
        assertEquals(usd(2), usd(5).multiplyRatio(49, 100)); // 2.45 -> 2
        assertEquals(usd(0), usd(5).multiplyRatio(0, 30));
        assertEquals(usd(Long.MIN_VALUE), usd(Long.MIN_VALUE).multiplyRatio(Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void multiplyRatioRejectsBadDenominatorsAndOverflow() {
        assertThrows(IllegalArgumentException.class, () -> usd(5).multiplyRatio(1, 0));
        assertThrows(IllegalArgumentException.class, () -> usd(5).multiplyRatio(1, -2));
        assertThrows(ArithmeticException.class, () -> usd(Long.MAX_VALUE).multiplyRatio(3, 2));
    }

    @Test
    void multiplyAndPercentRoundOnceHalfUp() {
        assertEquals(usd(5), usd(3).multiply(new BigDecimal("1.5"))); // 4.5 -> 5
        assertEquals(usd(-5), usd(-3).multiply(new BigDecimal("1.5")));
        assertEquals(usd(15), usd(1000).multiply(new BigDecimal("0.0149"))); // 14.9
        assertEquals(usd(1), usd(50).percent(BigDecimal.ONE)); // 0.5 -> 1
        assertEquals(usd(-1), usd(-50).percent(BigDecimal.ONE)); // -0.5 -> -1
        assertEquals(usd(0), usd(49).percent(BigDecimal.ONE)); // 0.49 -> 0
        assertEquals(usd(1), usd(250).percent(new BigDecimal("0.2"))); // 0.5 -> 1
        assertEquals(usd(150), usd(10000).percent(new BigDecimal("1.5")));
        assertThrows(ArithmeticException.class, () -> usd(Long.MAX_VALUE).multiply(new BigDecimal("1.01")));
        assertThrows(ArithmeticException.class, () -> usd(Long.MAX_VALUE).percent(new BigDecimal("200")));
    }
}
