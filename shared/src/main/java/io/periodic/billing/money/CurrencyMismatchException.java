package io.periodic.billing.money;

import java.util.Currency;
import java.util.Objects;

/** Thrown when amounts in two different currencies are combined or compared. */
public final class CurrencyMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final Currency expected;
    private final Currency actual;

    /**
     * @param expected the currency the operation works in
     * @param actual   the other, different currency that was supplied
     */
    public CurrencyMismatchException(Currency expected, Currency actual) {
        super("Currency mismatch: expected " + expected + " but got " + actual);
        this.expected = Objects.requireNonNull(expected, "expected");
        this.actual = Objects.requireNonNull(actual, "actual");
    }

    /** @return the currency the operation works in */
    public Currency expected() {
        return expected;
    }

    /** @return the other, different currency that was supplied */
    public Currency actual() {
        return actual;
    }
}
