package io.periodic.billing.money;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tax rate in percent, e.g. 19, 8.875 or 10.
 *
 * <p>Rules: {@code 0 <= percent < 100}, at most {@value #MAX_DECIMALS} decimal places once trailing zeros are
 * removed. The value is stored normalised (trailing zeros stripped, never a negative scale), so {@code 19} and
 * {@code 19.00} are equal and {@link #toString()} is plain: {@code "19"}, {@code "8.875"}, {@code "0"}.
 *
 * @param percent the rate in percent
 */
public record TaxRate(BigDecimal percent) implements Comparable<TaxRate> {

    /** The most decimal places a rate may have. */
    public static final int MAX_DECIMALS = 4;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Pattern PLAIN = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");

    /** A rate of 0%. (Declared after the constants its construction uses.) */
    public static final TaxRate ZERO = new TaxRate(BigDecimal.ZERO);

    /**
     * @throws IllegalArgumentException if the rate is negative, 100 or more, or has more than
     *                                  {@value #MAX_DECIMALS} significant decimal places
     */
    public TaxRate {
        Objects.requireNonNull(percent, "percent");
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) >= 0) {
            throw new IllegalArgumentException("Tax rate must be >= 0 and < 100 percent, got " + percent.toPlainString());
        }
        BigDecimal normalised = percent.stripTrailingZeros();
        if (normalised.scale() < 0) {
            normalised = normalised.setScale(0); // 1E+1 -> 10: adding digits is exact
        }
        if (normalised.scale() > MAX_DECIMALS) {
            throw new IllegalArgumentException("Tax rate may have at most " + MAX_DECIMALS
                    + " decimal places, got " + percent.toPlainString());
        }
        percent = normalised;
    }

    /**
     * Parses a plain, unsigned decimal percentage such as {@code "19"} or {@code "8.875"} (no sign, exponent,
     * grouping, spaces or {@code %}).
     *
     * @throws IllegalArgumentException if the text is not such a number or breaks the rules above
     */
    public static TaxRate of(String percent) {
        Objects.requireNonNull(percent, "percent");
        if (!PLAIN.matcher(percent).matches()) {
            throw new IllegalArgumentException("Not a plain decimal percentage: '" + percent + "'");
        }
        return new TaxRate(new BigDecimal(percent));
    }

    /** @return whether this is a 0% rate */
    public boolean isZero() {
        return percent.signum() == 0;
    }

    /** Orders rates by value. */
    @Override
    public int compareTo(TaxRate other) {
        return percent.compareTo(other.percent);
    }

    /** @return the plain percentage, e.g. {@code "8.875"}, {@code "19"}, {@code "0"} */
    @Override
    public String toString() {
        return percent.toPlainString();
    }
}
