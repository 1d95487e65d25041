package io.periodic.local.runner.report;

import static io.periodic.local.runner.report.ReportChecks.requireAmount;
import static io.periodic.local.runner.report.ReportFormat.groupThousands;

import java.math.BigDecimal;
import java.math.BigInteger;

/** The value axes of the charts: "nice" steps computed in integer minor units, and exact compact tick labels. */
final class ReportAxis {
    private static final int MAX_TICK_INTERVALS = 5;

    private ReportAxis() {
    }

    /** A value axis from zero to {@code max} in steps of {@code step} (both in minor units, {@code max} a multiple). */
    record Axis(long step, long max) {
        Axis {
            if (step <= 0 || max <= 0 || max % step != 0) {
                throw new IllegalArgumentException("invalid axis " + step + "/" + max);
            }
        }
    }

    /**
     * The smallest axis whose step is 1, 2, 2.5 or 5 times a power of ten (in minor units, never a fraction of one) and
     * that covers {@code dataMax} in at most five steps. An all-zero chart gets an axis of one major unit so nothing
     * divides by zero.
     */
    static Axis niceAxis(long dataMax, int minorUnitDigits) {
        requireAmount(dataMax, "dataMax");
        if (dataMax == 0) {
            long one = BigInteger.TEN.pow(minorUnitDigits).longValueExact();
            return new Axis(one, one);
        }
        try {
            for (long power = 1; ; power = Math.multiplyExact(power, 10)) {
                for (long tenths : new long[] {10, 20, 25, 50}) {
                    if (tenths == 25 && power < 10) {
                        continue;
                    }
                    long step = Math.multiplyExact(power, tenths) / 10;
                    long intervals = Math.ceilDiv(dataMax, step);
                    if (intervals <= MAX_TICK_INTERVALS) {
                        return new Axis(step, Math.multiplyExact(step, intervals));
                    }
                }
            }
        } catch (ArithmeticException overflow) {
            return new Axis(dataMax, dataMax); // near Long.MAX_VALUE: a single, exact interval
        }
    }

    /**
     * A compact, exact tick label: the value in major units, with trailing zeros dropped and a k / M / bn suffix when
     * the axis reaches ten thousand, a million or a billion major units, e.g. "0", "250", "2.5k", "1.25M".
     */
    static String tickLabel(long minor, int minorUnitDigits, Axis axis) {
        BigDecimal axisMax = BigDecimal.valueOf(axis.max(), minorUnitDigits);
        int shift;
        String suffix;
        if (axisMax.compareTo(BigDecimal.valueOf(1_000_000_000L)) >= 0) {
            shift = 9;
            suffix = "bn";
        } else if (axisMax.compareTo(BigDecimal.valueOf(1_000_000L)) >= 0) {
            shift = 6;
            suffix = "M";
        } else if (axisMax.compareTo(BigDecimal.valueOf(10_000L)) >= 0) {
            shift = 3;
            suffix = "k";
        } else {
            shift = 0;
            suffix = "";
        }
        BigDecimal scaled = BigDecimal.valueOf(minor, minorUnitDigits).movePointLeft(shift).stripTrailingZeros();
        if (scaled.signum() == 0) {
            return "0";
        }
        String plain = scaled.toPlainString();
        int dot = plain.indexOf('.');
        return dot < 0 ? groupThousands(plain) + suffix : groupThousands(plain.substring(0, dot)) + plain.substring(dot) + suffix;
    }
}
