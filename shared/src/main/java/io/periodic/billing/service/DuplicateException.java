package io.periodic.billing.service;

/**
 * What a request would create exists already under its id: created by an earlier attempt of the same request (an
 * id derived from its idempotency key, or its commit marker), or the id is taken. Nothing was written again; the
 * management API answers 409, or the earlier attempt's result when the request is a retry.
 */
public final class DuplicateException extends RuntimeException {
    public DuplicateException(String message, Throwable cause) {
        super(message, cause);
    }
}
