package io.periodic.billing.invoicing;

import java.time.LocalDate;

/**
 * Document numbers: {@code <PREFIX>-<year of issue>-<sequence>}, e.g. {@code INV-2026-000123}. Each prefix and year
 * is its own gapless series ({@code INV-2026}), so numbering restarts every year as many tax authorities expect
 * and the year in the number always matches the issue date. The sequence has at least six digits.
 *
 * <p>A seller that finalises more invoices per second than one series can number (one DynamoDB item takes every
 * number of a series) uses several parallel series, {@code INV-2026-A}, {@code INV-2026-B}, ...: each is gapless on
 * its own (EU VAT allows "one or more series"), and a customer's invoices always stay in the same one.
 */
public final class DocumentNumbers {
    private DocumentNumbers() {}

    public static String series(String prefix, LocalDate issueDate) {
        return prefix + "-" + issueDate.getYear();
    }

    /** The series of a customer's document when the seller numbers in {@code seriesCount} parallel series. */
    public static String series(String prefix, LocalDate issueDate, String customerId, int seriesCount) {
        String yearly = series(prefix, issueDate);
        if (seriesCount <= 1) {
            return yearly;
        }
        return yearly + "-" + (char) ('A' + Math.floorMod(customerId.hashCode(), seriesCount));
    }

    public static String format(String series, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("document numbers start at 1");
        }
        return series + "-" + String.format("%06d", sequence);
    }
}
