package io.periodic.billing.service;

/** A request that is well-formed but conflicts with the record's current state (HTTP 409). */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
