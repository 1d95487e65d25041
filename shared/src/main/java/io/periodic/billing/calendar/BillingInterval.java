package io.periodic.billing.calendar;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A billing interval: {@code count} calendar {@code unit}s, e.g. {@code 3 MONTH} for quarterly.
 *
 * <p>{@code count} must be in {@value #MIN_COUNT}..{@value #MAX_COUNT}. The text form is
 * {@code "<count> <UNIT>"}, e.g. {@code "1 MONTH"}; {@link #parse} accepts exactly what {@link #toString}
 * produces (no leading zeros, one space, upper-case unit).
 */
public record BillingInterval(IntervalUnit unit, int count) {

    public static final int MIN_COUNT = 1;
    public static final int MAX_COUNT = 1000;

    private static final Pattern TEXT = Pattern.compile("([1-9][0-9]{0,3}) (DAY|WEEK|MONTH|YEAR)");

    /** @throws IllegalArgumentException if count is outside 1..1000; NullPointerException if unit is null */
    public BillingInterval {
        Objects.requireNonNull(unit, "unit");
        if (count < MIN_COUNT || count > MAX_COUNT) {
            throw new IllegalArgumentException(
                    "interval count must be in " + MIN_COUNT + ".." + MAX_COUNT + ", was " + count);
        }
    }

    public static BillingInterval of(IntervalUnit unit, int count) {
        return new BillingInterval(unit, count);
    }

    public static BillingInterval daily() {
        return new BillingInterval(IntervalUnit.DAY, 1);
    }

    public static BillingInterval weekly() {
        return new BillingInterval(IntervalUnit.WEEK, 1);
    }

    public static BillingInterval monthly() {
        return new BillingInterval(IntervalUnit.MONTH, 1);
    }

    public static BillingInterval yearly() {
        return new BillingInterval(IntervalUnit.YEAR, 1);
    }

    /**
     * Parses the exact form produced by {@link #toString()}, e.g. {@code "1 MONTH"} or {@code "3 MONTH"}.
     *
     * @throws IllegalArgumentException for anything else (null, lower case, plural, extra spaces, leading zeros,
     *     count outside 1..1000)
     */
    public static BillingInterval parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("interval text is null");
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "interval must look like \"1 MONTH\" (<count> DAY|WEEK|MONTH|YEAR), was \"" + text + "\"");
        }
        return new BillingInterval(IntervalUnit.valueOf(m.group(2)), Integer.parseInt(m.group(1)));
    }

    /** {@code "<count> <UNIT>"}, e.g. {@code "1 MONTH"}; round-trips through {@link #parse}. */
    @Override
    public String toString() {
        return count + " " + unit;
    }
}
