package io.periodic.local.runner.report;

import static io.periodic.local.runner.report.ReportChecks.requireAmount;
import static io.periodic.local.runner.report.ReportChecks.requireCurrency;
import static io.periodic.local.runner.report.ReportChecks.requireMinorUnitDigits;

import java.math.BigDecimal;

/**
 * The report's text: amounts formatted exactly from integer minor units, text escaped for HTML and XML, SVG
 * coordinates rounded deterministically.
 */
public final class ReportFormat {
    private ReportFormat() {
    }

    /**
     * Formats a non-negative amount in minor units exactly, with thousands separators: {@code (123456, 2)} gives
     * "1,234.56", {@code (123456, 0)} gives "123,456", {@code (5, 3)} gives "0.005".
     *
     * @throws IllegalArgumentException if the amount is negative or the digits are outside 0..4
     */
    public static String formatAmount(long minor, int minorUnitDigits) {
        requireAmount(minor, "amount");
        requireMinorUnitDigits(minorUnitDigits);
        return formatDigits(Long.toString(minor), minorUnitDigits);
    }

    /** {@link #formatAmount} prefixed with the ISO 4217 code: "USD 1,234.56", "JPY 123,456". */
    public static String formatMoney(String currency, long minor, int minorUnitDigits) {
        return requireCurrency(currency) + " " + formatAmount(minor, minorUnitDigits);
    }

    /** Formats a string of decimal digits holding a non-negative minor-unit amount. */
    static String formatDigits(String digits, int minorUnitDigits) {
        String padded = digits.length() > minorUnitDigits ? digits : "0".repeat(minorUnitDigits + 1 - digits.length()) + digits;
        int split = padded.length() - minorUnitDigits;
        String whole = groupThousands(padded.substring(0, split));
        return minorUnitDigits == 0 ? whole : whole + "." + padded.substring(split);
    }

    static String groupThousands(String digits) {
        StringBuilder grouped = new StringBuilder(digits.length() + digits.length() / 3);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(digits.charAt(i));
        }
        return grouped.toString();
    }

    /**
     * Escapes text for HTML/XML element content and quoted attribute values ({@code & < > " '}) and replaces
     * characters that XML does not allow (C0 controls other than tab, newline and carriage return; unpaired
     * surrogates; U+FFFE/U+FFFF) with U+FFFD.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.appendCodePoint(isXmlChar(c) ? c : 0xFFFD);
            }
        });
        return escaped.toString();
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** SVG coordinates rounded to 0.01 without trailing zeros: deterministic and compact. */
    static String px(double value) {
        long hundredths = Math.round(value * 100);
        return BigDecimal.valueOf(hundredths, 2).stripTrailingZeros().toPlainString();
    }
}
