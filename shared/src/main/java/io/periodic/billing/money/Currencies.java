package io.periodic.billing.money;

import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ISO 4217 currencies, taken from the JDK's own table ({@link Currency}); there is no hand-written list.
 *
 * <p>A currency is <em>supported</em> when the JDK gives it a minor-unit exponent
 * ({@link Currency#getDefaultFractionDigits()} {@code >= 0}): 0 for JPY, 2 for USD, 3 for KWD.
 * Non-monetary codes such as XXX (no currency), XAU (gold) or XTS (testing) have none and are rejected.
 * The JDK table also contains some withdrawn codes (e.g. DEM); they are accepted like any other.
 */
public final class Currencies {

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private static final Set<Currency> SUPPORTED = Collections.unmodifiableSet(
            Currency.getAvailableCurrencies().stream()
                    .filter(c -> c.getDefaultFractionDigits() >= 0)
                    .sorted(Comparator.comparing(Currency::getCurrencyCode))
                    .collect(LinkedHashSet::new, Set::add, Set::addAll));

    private Currencies() {
    }

    /**
     * Looks up a supported currency by its ISO 4217 code, strictly.
     *
     * @param code exactly three upper-case ASCII letters, e.g. {@code "USD"}
     * @return the currency
     * @throws IllegalArgumentException if the code is malformed, unknown to the JDK, or not a monetary currency
     */
    public static Currency of(String code) {
        Objects.requireNonNull(code, "currency code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "Currency code must be exactly 3 upper-case letters (ISO 4217), got '" + code + "'");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown ISO 4217 currency code '" + code + "'", e);
        }
        exponent(currency);
        return currency;
    }

    /**
     * The number of decimal places of the currency's minor unit (JPY 0, USD 2, KWD 3).
     *
     * @throws IllegalArgumentException if the currency has no minor unit (XXX, XAU, XTS, ...)
     */
    public static int exponent(Currency currency) {
        Objects.requireNonNull(currency, "currency");
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException("Not a monetary currency (no minor unit in ISO 4217): "
                    + currency.getCurrencyCode());
        }
        return digits;
    }

    /** Every supported currency (all JDK currencies with an exponent {@code >= 0}), ordered by code; unmodifiable. */
    public static Set<Currency> supported() {
        return SUPPORTED;
    }
}
