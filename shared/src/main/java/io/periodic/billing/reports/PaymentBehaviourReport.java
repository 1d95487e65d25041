package io.periodic.billing.reports;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * How each customer pays: invoices paid, the average and median number of days from the due date to the payment
 * (negative = early), the share paid on or before the due date, and how many were paid short (in several parts).
 *
 * <p>Rounding: the average is given in tenths of a day, rounded half away from zero from the exact sum ({@code averageTenths});
 * the median of an even count is the lower of the two middle values, so it is always a whole number of days that
 * actually occurred.
 */
public final class PaymentBehaviourReport {
    private PaymentBehaviourReport() {}

    /** One paid invoice: due date, local date of its last payment, paid in more than one part. */
    public record Settled(LocalDate dueDate, LocalDate paidOn, boolean paidInParts) {}

    /**
     * @param onTimePercent share of invoices paid on or before the due date, whole percent rounded half-up (0 when
     *     none were paid)
     */
    public record Line(String customerId, String customerName, int invoicesPaid, long averageDaysTenths,
            long medianDays, int onTimePercent, int shortPayments) {}

    public static Line of(String customerId, String customerName, List<Settled> history) {
        if (history.isEmpty()) {
            return new Line(customerId, customerName, 0, 0, 0, 0, 0);
        }
        long[] days = history.stream().mapToLong(s -> ChronoUnit.DAYS.between(s.dueDate(), s.paidOn())).sorted()
                .toArray();
        long sum = Arrays.stream(days).sum();
        int n = days.length;
        long onTime = Arrays.stream(days).filter(d -> d <= 0).count();
        int shortPaid = (int) history.stream().filter(Settled::paidInParts).count();
        return new Line(customerId, customerName, n, divideHalfUp(sum * 10, n), days[(n - 1) / 2],
                (int) divideHalfUp(onTime * 100, n), shortPaid);
    }

    /** Integer division (denominator > 0) rounding half away from zero. */
    static long divideHalfUp(long numerator, long denominator) {
        long q = numerator / denominator;
        long r = numerator % denominator;
        if (Math.abs(r) >= denominator - Math.abs(r)) { // |r| * 2 >= denominator, without overflow
            q += Long.signum(numerator);
        }
        return q;
    }
}
