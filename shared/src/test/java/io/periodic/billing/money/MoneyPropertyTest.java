package io.periodic.billing.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Positive;
import net.jqwik.api.constraints.Size;

class MoneyPropertyTest {

    static final Currency USD = Currencies.of("USD");
    static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of(Currencies.supported());
    }

    /** Independent oracle: x / d rounded half away from zero, for d > 0. */
    static BigInteger halfUp(BigInteger x, BigInteger d) {
        BigInteger magnitude = x.abs().shiftLeft(1).add(d).divide(d.shiftLeft(1));
        return x.signum() < 0 ? magnitude.negate() : magnitude;
    }

    static boolean fitsLong(BigInteger x) {
        return x.compareTo(LONG_MIN) >= 0 && x.compareTo(LONG_MAX) <= 0;
    }

    @Property
    void formatThenParseRoundTrips(@ForAll("currencies") Currency currency,
            @ForAll @LongRange(min = -Money.MAX_MINOR, max = Money.MAX_MINOR) long minor) {
        Money money = Money.of(minor, currency);
        String text = money.toDecimalString();
        int exponent = Currencies.exponent(currency);
        assertTrue(text.matches(exponent == 0 ? "-?[0-9]+" : "-?[0-9]+\\.[0-9]{" + exponent + "}"), text);
        assertEquals(money, Money.parse(text, currency));
    }

    @Example
    void formatThenParseRoundTripsForEveryCurrencyAtTheEdges() {
        long[] edges = {-Money.MAX_MINOR, -Money.MAX_MINOR + 1, -1000, -1, 0, 1, 5, 999, 1000, Money.MAX_MINOR - 1,
                Money.MAX_MINOR};
        long[] over = {Long.MIN_VALUE, -Money.MAX_MINOR - 1, Money.MAX_MINOR + 1, Long.MAX_VALUE};
        for (Currency currency : Currencies.supported()) {
            for (long minor : edges) {
                Money money = Money.of(minor, currency);
                assertEquals(money, Money.parse(money.toDecimalString(), currency), money.toString());
            }
            for (long minor : over) {
                String text = Money.of(minor, currency).toDecimalString();
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> Money.parse(text, currency), text);
            }
        }
    }

    @Property
    void plusAndMinusAreInverse(@ForAll @LongRange(min = -(1L << 61), max = 1L << 61) long a,
                                @ForAll @LongRange(min = -(1L << 61), max = 1L << 61) long b) {
        Money x = Money.of(a, USD);
        Money y = Money.of(b, USD);
        assertEquals(x, x.plus(y).minus(y));
        assertEquals(x, x.minus(y).plus(y));
        assertEquals(x.plus(y), y.plus(x));
        assertEquals(x.minus(y), y.minus(x).negate());
    }

    @Property
    void plusMinusTimesAreExactOrThrow(@ForAll long a, @ForAll long b) {
        BigInteger x = BigInteger.valueOf(a);
        BigInteger y = BigInteger.valueOf(b);
        checkExact(x.add(y), () -> Money.of(a, USD).plus(Money.of(b, USD)));
        checkExact(x.subtract(y), () -> Money.of(a, USD).minus(Money.of(b, USD)));
        checkExact(x.multiply(y), () -> Money.of(a, USD).times(b));
    }

    static void checkExact(BigInteger expected, java.util.function.Supplier<Money> operation) {
        if (fitsLong(expected)) {
            assertEquals(expected.longValueExact(), operation.get().minor());
        } else {
            assertThrows(ArithmeticException.class, operation::get);
        }
    }

    @Property
    void fullProrationFractionIsTheIdentity(@ForAll long minor, @ForAll @Positive long days) {
        Money money = Money.of(minor, USD);
        assertEquals(money, money.multiplyRatio(days, days));
    }

    @Property
    void multiplyRatioRoundsOnceHalfUp(@ForAll long minor, @ForAll long numerator, @ForAll @Positive long denominator) {
        BigInteger expected = halfUp(BigInteger.valueOf(minor).multiply(BigInteger.valueOf(numerator)),
                BigInteger.valueOf(denominator));
        checkExact(expected, () -> Money.of(minor, USD).multiplyRatio(numerator, denominator));
    }

    @Property
    void percentRoundsOnceHalfUp(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long minor,
                                 @ForAll @IntRange(min = -10_000_000, max = 10_000_000) int unscaled,
                                 @ForAll @IntRange(min = 0, max = 6) int scale) {
        BigDecimal percent = BigDecimal.valueOf(unscaled, scale);
        BigInteger expected = halfUp(BigInteger.valueOf(minor).multiply(BigInteger.valueOf(unscaled)),
                BigInteger.TEN.pow(scale + 2));
        assertEquals(expected.longValueExact(), Money.of(minor, USD).percent(percent).minor());
        assertEquals(Money.of(minor, USD).percent(percent), Money.of(minor, USD).multiply(percent.movePointLeft(2)));
    }

    @Property
    void allocationIsExactAndFair(@ForAll long minor,
                                  @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = Long.MAX_VALUE) Long> ratios) {
        BigInteger total = ratios.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
        Assume.that(total.signum() > 0);
        List<Money> parts = Money.of(minor, USD).allocate(ratios.stream().mapToLong(Long::longValue).toArray());
        checkAllocation(minor, ratios, total, parts);
    }

    @Property
    void allocationWithSmallRatios(@ForAll long minor,
                                   @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 5) Integer> ratios) {
        List<Long> longs = ratios.stream().map(Integer::longValue).toList();
        BigInteger total = BigInteger.valueOf(longs.stream().mapToLong(Long::longValue).sum());
        Assume.that(total.signum() > 0);
        List<Money> parts = Money.of(minor, USD).allocate(longs.stream().mapToLong(Long::longValue).toArray());
        checkAllocation(minor, longs, total, parts);
    }

    static void checkAllocation(long minor, List<Long> ratios, BigInteger total, List<Money> parts) {
        assertEquals(ratios.size(), parts.size());
        BigInteger amount = BigInteger.valueOf(minor);
        BigInteger sum = BigInteger.ZERO;
        boolean roundedUpBefore = true;
        for (int i = 0; i < parts.size(); i++) {
            long part = parts.get(i).minor();
            sum = sum.add(BigInteger.valueOf(part));
            // |part - exact share| < 1  <=>  |part * total - amount * ratio| < total
            BigInteger error = BigInteger.valueOf(part).multiply(total)
                    .subtract(amount.multiply(BigInteger.valueOf(ratios.get(i))));
            assertTrue(error.abs().compareTo(total) < 0, "part " + i + " too far from its share: " + parts);
            assertTrue(part == 0 || Long.signum(part) == Long.signum(minor), "sign of part " + i + ": " + parts);
            if (ratios.get(i) == 0) {
                assertEquals(0, part, "zero ratio " + i + ": " + parts);
            }
            boolean whole = amount.multiply(BigInteger.valueOf(ratios.get(i))).mod(total).signum() == 0;
            if (whole) {
                assertEquals(0, error.signum(), "whole share " + i + " changed: " + parts);
            } else {
                // Fowler: the left-over units (parts above their exact share in magnitude) go to the first parts.
                boolean roundedUp = error.signum() * Long.signum(minor) > 0;
                assertTrue(roundedUpBefore || !roundedUp, "extra unit after a part without one: " + parts);
                roundedUpBefore = roundedUp;
            }
        }
        assertEquals(amount, sum);
    }

    @Property
    void evenAllocationDiffersByAtMostOneUnit(@ForAll long minor, @ForAll @IntRange(min = 1, max = 50) int count) {
        List<Money> parts = Money.of(minor, USD).allocateEvenly(count);
        assertEquals(count, parts.size());
        assertEquals(BigInteger.valueOf(minor),
                parts.stream().map(p -> BigInteger.valueOf(p.minor())).reduce(BigInteger.ZERO, BigInteger::add));
        long max = parts.stream().mapToLong(Money::minor).max().orElseThrow();
        long min = parts.stream().mapToLong(Money::minor).min().orElseThrow();
        assertTrue(max - min <= 1, parts.toString());
        for (int i = 1; i < count; i++) {
            assertTrue(Math.abs(parts.get(i - 1).minor()) >= Math.abs(parts.get(i).minor()), parts.toString());
        }
    }
}
