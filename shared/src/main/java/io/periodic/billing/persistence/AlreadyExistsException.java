package io.periodic.billing.persistence;

/** A create-once write found the item already there (a duplicate delivery, a retry, a racing writer). */
public final class AlreadyExistsException extends RuntimeException {
    public AlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
