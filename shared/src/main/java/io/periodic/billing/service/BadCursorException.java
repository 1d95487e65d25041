package io.periodic.billing.service;

/**
 * A listing's page cursor that is not one the same listing handed out (tampered, truncated, from another listing):
 * refused before anything is read. A client error - a retry cannot fix it (HTTP 400 on the {@code cursor}
 * parameter).
 */
public final class BadCursorException extends IllegalArgumentException {
    public BadCursorException(String message, Throwable cause) {
        super(message, cause);
    }
}
