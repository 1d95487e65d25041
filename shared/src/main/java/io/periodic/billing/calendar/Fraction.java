package io.periodic.billing.calendar;

import io.periodic.billing.money.Money;

/**
 * A proration fraction in {@code [0, 1]}, kept unreduced so the day counts can be printed ("12/30 days").
 * Money code multiplies an amount by {@code numerator / denominator} exactly and rounds once; a whole fraction
 * ({@code n/n}) yields the full price exactly.
 */
public record Fraction(long numerator, long denominator) {

    /** @throws IllegalArgumentException unless {@code denominator > 0} and {@code 0 <= numerator <= denominator} */
    public Fraction {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be > 0, was " + denominator);
        }
        if (numerator < 0 || numerator > denominator) {
            throw new IllegalArgumentException(
                    "numerator must be in 0.." + denominator + ", was " + numerator);
        }
    }

    /** True if {@code numerator == denominator} (the full amount). */
    public boolean isWhole() {
        return numerator == denominator;
    }

    /** True if {@code numerator == 0}. */
    public boolean isZero() {
        return numerator == 0;
    }

    /** {@code (denominator - numerator) / denominator}. */
    public Fraction complement() {
        return new Fraction(denominator - numerator, denominator);
    }

    /**
     * The prorated amount: {@code amount × numerator / denominator}, exact, rounded once with the project's
     * rounding mode. A whole fraction returns {@code amount} itself, to the minor unit.
     */
    public Money applyTo(Money amount) {
        return amount.multiplyRatio(numerator, denominator);
    }

    /**
     * The fraction written as {@link #toString()} writes it, e.g. {@code "11/31"}.
     *
     * @throws IllegalArgumentException if the text is not {@code numerator/denominator} in range
     */
    public static Fraction parse(String text) {
        if (text == null || !text.matches("[0-9]{1,9}/[0-9]{1,9}")) {
            throw new IllegalArgumentException("a fraction is numerator/denominator such as 11/31, got " + text);
        }
        int slash = text.indexOf('/');
        return new Fraction(Long.parseLong(text.substring(0, slash)), Long.parseLong(text.substring(slash + 1)));
    }

    /** {@code "numerator/denominator"}, e.g. {@code "12/30"}. */
    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
