package io.periodic.billing.bankstatements;

import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.webhooks.IntakeRules;
import java.util.Currency;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Value parsing and message helpers shared by the statement parsers. */
final class Values {
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(?:\\.([0-9]+))?");
    private static final int SHOWN = 40;

    private Values() {
    }

    /**
     * Looks up an ISO 4217 currency strictly ({@link Currencies#of}), quoting the untrusted code safely.
     *
     * @throws IllegalArgumentException with a message fit to follow "field: "
     */
    static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be 3 upper-case letters (ISO 4217), got " + shown(code));
        }
        return Currencies.of(code);
    }

    /**
     * Parses {@code decimal} in {@code currencyCode} strictly ({@link Money#parse}): more decimals than the currency
     * has are refused, never rounded.
     *
     * @throws IllegalArgumentException with a message fit to follow "field: "
     */
    static Money amount(String decimal, String currencyCode) {
        Currency currency = currency(currencyCode);
        int exponent = Currencies.exponent(currency);
        Matcher m = DECIMAL.matcher(decimal);
        if (m.matches() && m.group(1) != null && m.group(1).length() > exponent) {
            throw new IllegalArgumentException(shown(decimal) + " has more decimals than " + currency.getCurrencyCode()
                    + " allows (at most " + exponent + ")");
        }
        return Money.parse(decimal, currency);
    }

    /**
     * An untrusted value made safe to quote in an error message: at most 40 characters, no control characters, line
     * separators, lone surrogates, bidirectional controls or U+FFFD-U+FFFF.
     */
    static String shown(String value) {
        return shown(value, SHOWN);
    }

    /** {@link #shown(String)} with a chosen maximum length. */
    static String shown(String value, int max) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() <= max ? value : value.substring(0, max) + "...";
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                || IntakeRules.textProblem(Character.toString(c), false) != null ? '?' : c));
        return out.toString();
    }
}
