package io.periodic.billing.invoicing;

import java.time.LocalDate;

/**
 * Document numbers: {@code <PREFIX>-<year of issue>-<sequence>}, e.g. {@code INV-2026-000123}. Each prefix and year
 * is its own gapless series ({@code INV-2026}), so numbering restarts every year as many tax authorities expect
 * and the year in the number always matches the issue date. The sequence has at least six digits.
 */
public final class DocumentNumbers {
    private DocumentNumbers() {}

    public static String series(String prefix, LocalDate issueDate) {
        return prefix + "-" + issueDate.getYear();
    }

    public static String format(String series, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("document numbers start at 1");
        }
        return series + "-" + String.format("%06d", sequence);
    }
}
