package io.periodic.local.runner.report;

import io.periodic.local.runner.report.ReportPage.AgingSnapshot;
import io.periodic.local.runner.report.ReportPage.CashPoint;
import io.periodic.local.runner.report.ReportPage.Row;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Validation of the report's input records: invalid input fails fast, when the records are built. */
final class ReportChecks {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final int MAX_MINOR_UNIT_DIGITS = 4;

    private ReportChecks() {
    }

    static String requireText(String text, String name) {
        Objects.requireNonNull(text, name);
        if (text.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return text;
    }

    static String requireCurrency(String currency) {
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code like USD, got '" + currency + "'");
        }
        return currency;
    }

    static void requireAmount(long minor, String name) {
        if (minor < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + minor);
        }
    }

    static void requireMinorUnitDigits(int digits) {
        if (digits < 0 || digits > MAX_MINOR_UNIT_DIGITS) {
            throw new IllegalArgumentException("minorUnitDigits must be 0.." + MAX_MINOR_UNIT_DIGITS + ", got " + digits);
        }
    }

    static void checkedSum(String what, long... parts) {
        long sum = 0;
        try {
            for (long part : parts) {
                sum = Math.addExact(sum, part);
            }
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException(what + " add up to more than a long can hold", overflow);
        }
    }

    static void requireRelativeLink(String link) {
        if (link.isEmpty()) {
            throw new IllegalArgumentException("link must not be empty");
        }
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            if (c <= 0x20 || c == 0x7F || c == '\\') {
                throw new IllegalArgumentException("link must not contain whitespace, control characters or backslashes: "
                        + link);
            }
        }
        if (URI_SCHEME.matcher(link).find() || link.startsWith("/")) {
            throw new IllegalArgumentException("link must be a relative reference like invoices/INV-1.html, got " + link);
        }
    }

    static Map<String, Integer> copyOutcomes(Map<String, Integer> outcomes) {
        Objects.requireNonNull(outcomes, "dunningOutcomes");
        Map<String, Integer> copy = new LinkedHashMap<>();
        outcomes.forEach((label, count) -> {
            requireText(label, "dunning outcome");
            Objects.requireNonNull(count, "count of " + label);
            if (count < 0) {
                throw new IllegalArgumentException("count of '" + label + "' must not be negative, got " + count);
            }
            copy.put(label, count);
        });
        return Collections.unmodifiableMap(copy);
    }

    static List<Row> requireCellCount(List<Row> rows, int cells, String table) {
        List<Row> copy = List.copyOf(Objects.requireNonNull(rows, table));
        for (Row row : copy) {
            if (row.cells().size() != cells) {
                throw new IllegalArgumentException(table + " rows need " + cells + " cells, got " + row.cells());
            }
        }
        return copy;
    }

    static <T> void requireUnique(List<T> items, Function<T, String> key, String what) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            if (!seen.add(key.apply(item))) {
                throw new IllegalArgumentException("duplicate " + what + ": " + key.apply(item));
            }
        }
    }

    static void requireConsistentMinorUnits(List<AgingSnapshot> aging, List<CashPoint> cash) {
        Map<String, Integer> digits = new HashMap<>();
        for (AgingSnapshot s : aging) {
            requireSameDigits(digits, s.currency(), s.minorUnitDigits());
        }
        for (CashPoint p : cash) {
            requireSameDigits(digits, p.currency(), p.minorUnitDigits());
        }
    }

    private static void requireSameDigits(Map<String, Integer> known, String currency, int digits) {
        Integer previous = known.putIfAbsent(currency, digits);
        if (previous != null && previous != digits) {
            throw new IllegalArgumentException(currency + " has " + previous + " and " + digits + " minor-unit digits");
        }
    }
}
