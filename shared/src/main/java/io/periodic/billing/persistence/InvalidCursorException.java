package io.periodic.billing.persistence;

/**
 * A page cursor that is not one the same query handed out (tampered, truncated, from another listing or another
 * customer): refused before the query runs, so DynamoDB never sees it. A client error - a retry cannot fix it.
 */
public final class InvalidCursorException extends IllegalArgumentException {
    public InvalidCursorException(String detail) {
        super("invalid page cursor: " + detail + "; pass back the nextCursor of the same listing, or none");
    }
}
