package io.periodic.billing.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money: a whole number of minor units (cents for USD, yen for JPY, fils for KWD)
 * of a supported ISO 4217 currency (see {@link Currencies}).
 *
 * <p>Rules:
 * <ul>
 *   <li>No binary floating point anywhere; decimals are handled with {@link BigDecimal}.</li>
 *   <li>Arithmetic never overflows silently: it throws {@link ArithmeticException}.</li>
 *   <li>Combining or comparing two currencies throws {@link CurrencyMismatchException}.</li>
 *   <li>An amount that <em>enters</em> the system (parsed from a webhook or statement, read from a request) is at most
 *       {@link #MAX_MINOR} minor units in magnitude ({@link #requireWithinLimit}); {@link #parse} enforces it.
 *       Inside a computation a {@code Money} may hold any {@code long}.</li>
 *   <li>Operations that must round ({@link #multiplyRatio}, {@link #multiply}, {@link #percent}) round
 *       exactly once, with {@link Rounding#MODE}; {@link #allocate} never rounds (its parts always sum
 *       to the amount).</li>
 * </ul>
 *
 * @param minor    the amount in minor units; may be negative (credits, refunds)
 * @param currency a supported currency
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?");

    /**
     * The largest amount the system accepts, in minor units of <em>any</em> currency: 10<sup>15</sup> − 1
     * (fifteen digits). One number for every currency, so that the arithmetic guarantee does not depend on the
     * currency: {@code Long.MAX_VALUE} (9,223,372,036,854,775,807) holds the sum of 9,223 amounts at the maximum,
     * so sums of real amounts (a customer's credit balance, an invoice's lines, a day of payments) stay far from
     * overflow; reports add in {@link BigInteger} anyway ({@link MoneyTotal}). It is also below
     * 2<sup>53</sup>, so every amount is exact as a JSON number in JavaScript clients.
     *
     * <p>In major units that is JPY/KRW/VND 999,999,999,999,999; USD/EUR 9,999,999,999,999.99; KWD/BHD
     * 999,999,999,999.999; CLF (4 decimals) 99,999,999,999.9999 - for every currency far above any single
     * payment or invoice (IDR 9,999,999,999,999.99 is still several hundred million US dollars). Stripe's own
     * maximum (12 digits in Stripe's exponent, at most ×100 to ours) is below it.
     */
    public static final long MAX_MINOR = 999_999_999_999_999L;

    /**
     * @throws NullPointerException     if the currency is null
     * @throws IllegalArgumentException if the currency is not supported (XXX, XAU, ...)
     */
    public Money {
        Objects.requireNonNull(currency, "currency");
        Currencies.exponent(currency);
    }

    /** @return {@code minor} minor units of {@code currency} */
    public static Money of(long minor, Currency currency) {
        return new Money(minor, currency);
    }

    /** @return {@code minor} minor units of the currency with ISO code {@code code} (see {@link Currencies#of}) */
    public static Money of(long minor, String code) {
        return new Money(minor, Currencies.of(code));
    }

    /** @return zero in {@code currency} */
    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /** @return the largest amount accepted in {@code currency}: {@link #MAX_MINOR} minor units */
    public static Money maxAmount(Currency currency) {
        return new Money(MAX_MINOR, currency);
    }

    /** @return whether {@code |minor| <= }{@link #MAX_MINOR}: the amount may enter the system */
    public boolean isWithinLimit() {
        return minor >= -MAX_MINOR && minor <= MAX_MINOR;
    }

    /**
     * The one check every intake makes on an amount (webhooks, bank statements, the management API): its
     * magnitude is at most {@link #MAX_MINOR} minor units.
     *
     * @return this amount
     * @throws IllegalArgumentException if it is larger, with a message naming the maximum in the currency
     */
    public Money requireWithinLimit() {
        if (!isWithinLimit()) {
            throw new IllegalArgumentException(overLimit(toDecimalString(), currency));
        }
        return this;
    }

    /**
     * {@code minor} minor units of {@code currency}, checked like {@link #requireWithinLimit()}: the method an
     * intake calls on an amount given in minor units (e.g. a JSON integer).
     *
     * @throws IllegalArgumentException if the currency is not supported or the amount is over the maximum
     */
    public static Money requireWithinLimit(long minor, Currency currency) {
        return new Money(minor, currency).requireWithinLimit();
    }

    private static String overLimit(String amount, Currency currency) {
        return "Amount out of range for " + currency.getCurrencyCode() + ": " + quote(amount)
                + " exceeds the maximum of " + maxAmount(currency).toDecimalString() + " (" + MAX_MINOR
                + " minor units)";
    }

    /**
     * Parses a plain decimal amount in major units, strictly: {@code -?[0-9]+(\.[0-9]+)?}.
     *
     * <p>Rejected, never rounded: exponents ({@code 1e3}), grouping ({@code 1,000}), a plus sign, spaces,
     * an empty integer or fraction part ({@code .5}, {@code 1.}), non-ASCII digits, and more decimals than
     * the currency has, <em>even if the extra digits are zeros</em>: {@code "10.005"} USD, {@code "1.5"} JPY
     * and {@code "1.0"} JPY all fail. Fewer decimals are fine ({@code "12.3"} USD is 1230 cents), as are
     * leading zeros and {@code "-0"}. Amounts over the maximum ({@link #MAX_MINOR} minor units in magnitude,
     * see {@link #requireWithinLimit()}) are rejected: every amount that enters the system as text passes here.
     *
     * @throws IllegalArgumentException if the text breaks any of these rules
     */
    public static Money parse(String decimal, Currency currency) {
        Objects.requireNonNull(decimal, "decimal");
        int exponent = Currencies.exponent(currency);
        if (!DECIMAL.matcher(decimal).matches()) {
            throw new IllegalArgumentException(
                    "Not a plain decimal amount (expected -?digits[.digits]): " + quote(decimal));
        }
        BigDecimal value = new BigDecimal(decimal);
        if (value.scale() > exponent) {
            throw new IllegalArgumentException(currency.getCurrencyCode() + " allows at most " + exponent
                    + " decimal places, got " + quote(decimal));
        }
        BigInteger minor = value.movePointRight(exponent).toBigIntegerExact();
        if (minor.abs().compareTo(BigInteger.valueOf(MAX_MINOR)) > 0) {
            throw new IllegalArgumentException(overLimit(decimal, currency));
        }
        return new Money(minor.longValueExact(), currency);
    }

    /**
     * The amount in major units as a plain decimal with exactly the currency's number of decimals:
     * {@code "12.30"}, {@code "-0.05"}, {@code "1200"} (JPY), {@code "1.234"} (KWD).
     * {@code parse(m.toDecimalString(), m.currency())} equals {@code m} for every amount within the limit.
     */
    public String toDecimalString() {
        return BigDecimal.valueOf(minor, Currencies.exponent(currency)).toPlainString();
    }

    /** @return this + other; throws {@link ArithmeticException} on overflow */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return withMinor(Math.addExact(minor, other.minor));
    }

    /** @return this − other; throws {@link ArithmeticException} on overflow */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return withMinor(Math.subtractExact(minor, other.minor));
    }

    /** @return −this; throws {@link ArithmeticException} for {@code Long.MIN_VALUE} minor units */
    public Money negate() {
        return withMinor(Math.negateExact(minor));
    }

    /** @return |this|; throws {@link ArithmeticException} for {@code Long.MIN_VALUE} minor units */
    public Money abs() {
        return withMinor(Math.absExact(minor));
    }

    /** @return this × factor (exact); throws {@link ArithmeticException} on overflow */
    public Money times(long factor) {
        return withMinor(Math.multiplyExact(minor, factor));
    }

    /**
     * This amount × numerator / denominator, computed exactly and rounded once with {@link Rounding#MODE}.
     * Meant for proration: {@code multiplyRatio(daysUsed, daysInPeriod)}; {@code multiplyRatio(n, n)}
     * returns exactly this amount.
     *
     * @throws IllegalArgumentException if {@code denominator <= 0}
     * @throws ArithmeticException      if the result does not fit a {@code long}
     */
    public Money multiplyRatio(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("Denominator must be positive, got " + denominator);
        }
        BigDecimal product = new BigDecimal(BigInteger.valueOf(minor).multiply(BigInteger.valueOf(numerator)));
        return withMinor(product.divide(BigDecimal.valueOf(denominator), 0, Rounding.MODE).longValueExact());
    }

    /**
     * This amount × factor, rounded once with {@link Rounding#MODE}.
     *
     * @throws ArithmeticException if the result does not fit a {@code long}
     */
    public Money multiply(BigDecimal factor) {
        Objects.requireNonNull(factor, "factor");
        return round(BigDecimal.valueOf(minor).multiply(factor));
    }

    /**
     * {@code percent}% of this amount (amount × percent / 100), rounded once with {@link Rounding#MODE}.
     * E.g. 1.5% of USD 100.00 is USD 1.50.
     *
     * @throws ArithmeticException if the result does not fit a {@code long}
     */
    public Money percent(BigDecimal percent) {
        Objects.requireNonNull(percent, "percent");
        return round(BigDecimal.valueOf(minor).multiply(percent).movePointLeft(2));
    }

    /**
     * Splits this amount by ratios without losing or creating a minor unit (Fowler/Foemmel allocation).
     *
     * <p>Each part first gets its exact share truncated toward zero (so a negative amount is split exactly like
     * its positive mirror image, every part negative or zero); the minor units left over are then handed out one
     * at a time, first parts first, to the parts whose share was actually truncated (a part whose exact share is
     * a whole number keeps it, and a zero ratio always gets zero). The result is deterministic, sums exactly to
     * this amount, and every part is within one minor unit of its exact share.
     * Examples: 100 by (1, 1, 1) is 34, 33, 33; 101 by (1, 0, 3) is 26, 0, 75; 2 by (2, 1, 1) is 1, 1, 0.
     *
     * @param ratios at least one ratio, all {@code >= 0}, with a positive sum
     * @return one part per ratio, in the same order; unmodifiable
     * @throws IllegalArgumentException if the ratios break these rules
     */
    public List<Money> allocate(long... ratios) {
        Objects.requireNonNull(ratios, "ratios");
        if (ratios.length == 0) {
            throw new IllegalArgumentException("At least one ratio is required");
        }
        BigInteger total = BigInteger.ZERO;
        for (long ratio : ratios) {
            if (ratio < 0) {
                throw new IllegalArgumentException("Ratios must not be negative: " + Arrays.toString(ratios));
            }
            total = total.add(BigInteger.valueOf(ratio));
        }
        if (total.signum() == 0) {
            throw new IllegalArgumentException("Ratios must have a positive sum: " + Arrays.toString(ratios));
        }
        BigInteger magnitude = BigInteger.valueOf(minor).abs();
        BigInteger[] shares = new BigInteger[ratios.length];
        boolean[] truncated = new boolean[ratios.length];
        BigInteger handedOut = BigInteger.ZERO;
        for (int i = 0; i < ratios.length; i++) {
            BigInteger[] shareAndRest = magnitude.multiply(BigInteger.valueOf(ratios[i])).divideAndRemainder(total);
            shares[i] = shareAndRest[0];
            truncated[i] = shareAndRest[1].signum() != 0;
            handedOut = handedOut.add(shares[i]);
        }
        // Each truncated share lost less than one unit, so fewer units are left than there are truncated shares.
        long rest = magnitude.subtract(handedOut).longValueExact();
        for (int i = 0; i < ratios.length && rest > 0; i++) {
            if (truncated[i]) {
                shares[i] = shares[i].add(BigInteger.ONE);
                rest--;
            }
        }
        List<Money> parts = new ArrayList<>(ratios.length);
        for (BigInteger share : shares) {
            parts.add(withMinor((minor < 0 ? share.negate() : share).longValueExact()));
        }
        return Collections.unmodifiableList(parts);
    }

    /**
     * Splits this amount into {@code parts} parts that differ by at most one minor unit, the parts carrying
     * the extra unit first ({@link #allocate} with equal ratios): 100 into 3 is 34, 33, 33.
     *
     * @throws IllegalArgumentException if {@code parts < 1}
     */
    public List<Money> allocateEvenly(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("Parts must be at least 1, got " + parts);
        }
        long[] ratios = new long[parts];
        Arrays.fill(ratios, 1);
        return allocate(ratios);
    }

    /** @return whether the amount is zero */
    public boolean isZero() {
        return minor == 0;
    }

    /** @return whether the amount is greater than zero */
    public boolean isPositive() {
        return minor > 0;
    }

    /** @return whether the amount is less than zero */
    public boolean isNegative() {
        return minor < 0;
    }

    /** @return whether this &gt; other; throws {@link CurrencyMismatchException} for different currencies */
    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    /** @return whether this &lt; other; throws {@link CurrencyMismatchException} for different currencies */
    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    /** @return the smaller amount (this one when equal); throws {@link CurrencyMismatchException} for different currencies */
    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** @return the larger amount (this one when equal); throws {@link CurrencyMismatchException} for different currencies */
    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * Orders amounts of the same currency by value.
     *
     * @throws CurrencyMismatchException if the currencies differ
     */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    /** @return the currency code and the decimal amount, e.g. {@code "USD 12.30"} */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + toDecimalString();
    }

    /**
     * Checks that {@code other} is in this amount's currency.
     *
     * @throws CurrencyMismatchException if it is not (with this currency as the expected one)
     */
    public void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    /**
     * Checks that this amount is in {@code expected}.
     *
     * @throws CurrencyMismatchException if it is not
     */
    public void requireCurrency(Currency expected) {
        Objects.requireNonNull(expected, "expected");
        if (!currency.equals(expected)) {
            throw new CurrencyMismatchException(expected, currency);
        }
    }

    private Money withMinor(long newMinor) {
        return new Money(newMinor, currency);
    }

    private Money round(BigDecimal exactMinor) {
        return withMinor(exactMinor.setScale(0, Rounding.MODE).longValueExact());
    }

    private static String quote(String text) {
        return text.length() <= 40 ? "'" + text + "'" : "'" + text.substring(0, 40) + "...' (" + text.length() + " chars)";
    }
}
