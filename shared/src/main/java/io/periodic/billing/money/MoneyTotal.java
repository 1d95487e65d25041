package io.periodic.billing.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact sum of amounts in one currency, for reports: minor units as a {@link BigInteger}, so adding up stored
 * amounts can never overflow, whatever was stored. A report must answer on any data it can read; a {@link Money}
 * sum of many large amounts could exceed a {@code long} (see {@link Money#MAX_MINOR}).
 *
 * @param minor    the sum in minor units
 * @param currency a supported currency
 */
public record MoneyTotal(BigInteger minor, Currency currency) {

    public MoneyTotal {
        Objects.requireNonNull(minor, "minor");
        Objects.requireNonNull(currency, "currency");
        Currencies.exponent(currency);
    }

    /** @return zero in {@code currency} */
    public static MoneyTotal zero(Currency currency) {
        return new MoneyTotal(BigInteger.ZERO, currency);
    }

    /** @return the total of one amount */
    public static MoneyTotal of(Money amount) {
        return new MoneyTotal(BigInteger.valueOf(amount.minor()), amount.currency());
    }

    /** @return this + amount, exactly; throws {@link CurrencyMismatchException} for another currency */
    public MoneyTotal plus(Money amount) {
        Objects.requireNonNull(amount, "amount");
        if (!currency.equals(amount.currency())) {
            throw new CurrencyMismatchException(currency, amount.currency());
        }
        return new MoneyTotal(minor.add(BigInteger.valueOf(amount.minor())), currency);
    }

    /** @return this + other, exactly; throws {@link CurrencyMismatchException} for another currency */
    public MoneyTotal plus(MoneyTotal other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
        return new MoneyTotal(minor.add(other.minor), currency);
    }

    /** @return whether the total is zero */
    public boolean isZero() {
        return minor.signum() == 0;
    }

    /** The total in major units with exactly the currency's decimals, like {@link Money#toDecimalString()}. */
    public String toDecimalString() {
        return new BigDecimal(minor, Currencies.exponent(currency)).toPlainString();
    }

    /** @return the currency code and the decimal total, e.g. {@code "USD 12.30"} */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + toDecimalString();
    }
}
