package io.periodic.billing.payments;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invoice numbers as people type them in remittance text: {@code INV-2026-000123}, {@code inv2026000123},
 * {@code INV 2026/123}, full-width {@code ＩＮＶ－２０２６－０００１２３}. Every form reduces to one canonical key -
 * upper-case letters of the prefix, the year, an optional series letter, and the sequence without leading zeros
 * ({@code INV2026.123}) - under which invoice numbers are also stored, so a lookup by any formatting finds it.
 */
public final class References {
    /** prefix letters, 4-digit year, optional series letter, sequence; separators allowed between the parts. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![A-Z0-9])([A-Z]{1,10})[\\s\\-_/.#:]*(\\d{4})[\\s\\-_/.#:]*(?:([A-Z])[\\s\\-_/.#:]*)?(\\d{1,12})(?![0-9])");
    /** The same without separators: INV2026000123 (the year is the first 4 digits). */
    private static final Pattern COMPACT = Pattern.compile("^([A-Z]{1,10})(\\d{4})([A-Z])?(\\d{1,12})$");

    private References() {}

    /** Full-width to half-width, compatibility forms folded, upper case. */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
    }

    /** The canonical key of an invoice number in any formatting, or null when it does not look like one. */
    public static String canonical(String number) {
        if (number == null) {
            return null;
        }
        String folded = fold(number).strip();
        Matcher m = NUMBER.matcher(folded);
        if (m.matches()) {
            return key(m.group(1), m.group(2), m.group(3), m.group(4));
        }
        Matcher c = COMPACT.matcher(folded.replaceAll("[\\s\\-_/.#:]", ""));
        return c.matches() ? key(c.group(1), c.group(2), c.group(3), c.group(4)) : null;
    }

    /** Every invoice-number-like token in a free text, canonical, in order of appearance, without duplicates. */
    public static List<String> findAll(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String folded = fold(text);
        Set<String> found = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(folded);
        while (m.find()) {
            found.add(key(m.group(1), m.group(2), m.group(3), m.group(4)));
        }
        for (String token : folded.split("[^A-Z0-9\\-_/.]+")) {
            Matcher c = COMPACT.matcher(token.replaceAll("[\\-_/.]", ""));
            if (c.matches()) {
                found.add(key(c.group(1), c.group(2), c.group(3), c.group(4)));
            }
        }
        return List.copyOf(found);
    }

    private static String key(String prefix, String year, String series, String sequence) {
        String digits = sequence.replaceFirst("^0+(?=\\d)", "");
        return prefix + year + (series == null ? "" : series) + "." + digits;
    }
}
