package io.periodic.billing.money;

import java.math.RoundingMode;

/**
 * The single place where the billing code base chooses how money is rounded.
 *
 * <p>{@link #MODE} is {@link RoundingMode#HALF_UP}: commercial rounding, half away from zero
 * ({@code 0.5 -> 1}, {@code -0.5 -> -1}, so credits mirror charges exactly). It is what a customer
 * or an accountant computes by hand when checking an invoice, and it is what Kill Bill uses.
 *
 * <p>{@link RoundingMode#HALF_EVEN} (banker's rounding) only pays off when many already-rounded
 * values are summed, because its errors cancel on average. We never do that: tax is rounded once
 * per invoice per tax rate, and a proration is rounded once per line, so there is no cumulative
 * error for HALF_EVEN to reduce and its results would only surprise people.
 *
 * <p>Every rounding anywhere in the code base must use {@link #MODE}; a test enforces it.
 */
public final class Rounding {

    /** The rounding mode for every monetary rounding: half away from zero. */
    public static final RoundingMode MODE = RoundingMode.HALF_UP;

    private Rounding() {
    }
}
