package io.periodic.billing.service;

/**
 * A suggestion a person accepted is no longer among the payment's suggestions: the payment, the customer or its
 * invoices changed since it was shown (HTTP 409 {@code suggestion-stale}). Nothing was written.
 */
public final class StaleSuggestionException extends RuntimeException {
    public StaleSuggestionException(String message) {
        super(message);
    }
}
