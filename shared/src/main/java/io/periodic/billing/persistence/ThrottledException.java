package io.periodic.billing.persistence;

/**
 * DynamoDB refused a write for capacity (a transaction cancelled with {@code ThrottlingError} or
 * {@code ProvisionedThroughputExceeded}, or a request rate limit): nothing was written and nothing is wrong with
 * the request. Not a conflict - re-reading changes nothing - so callers do not loop on it: the API answers 503 with
 * {@code Retry-After}, a queue consumer lets the message come back after its visibility timeout.
 */
public final class ThrottledException extends RuntimeException {
    public ThrottledException(String message, Throwable cause) {
        super(message, cause);
    }
}
