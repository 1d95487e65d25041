package io.periodic.billing.service;

/**
 * The store could not take the request right now - other transactions kept being in flight on the same items, or
 * the table is throttled - and nothing was changed; nothing is wrong with the request, so the same request later
 * succeeds (HTTP 503 with {@code Retry-After}). The message says which, for the caller.
 */
public final class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
