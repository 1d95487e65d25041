package io.periodic.billing.service;

/**
 * A record the request changes was changed by someone else meanwhile, and kept changing through the retries: the
 * caller reads it again and decides again (HTTP 409 {@code concurrent-update}). Nothing was written.
 */
public final class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
