package io.periodic.billing.persistence;

/**
 * An optimistic-lock conflict: the item changed (or was created) since it was read. The caller re-reads and
 * decides again; it never overwrites another writer's change.
 *
 * <p>{@link #contention()} tells the two ways DynamoDB refuses: a condition failed (the item really changed:
 * re-read and decide again, and if that keeps failing it is a conflict to report, 409), or another transaction
 * was in flight on one of the items ({@code TransactionConflict}: nothing is wrong with the request, the table was
 * busy; re-reading is safe too, and if it keeps happening the answer is "busy, retry later", 503).
 */
public final class ConcurrentUpdateException extends RuntimeException {
    private final boolean contention;

    public ConcurrentUpdateException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private ConcurrentUpdateException(String message, Throwable cause, boolean contention) {
        super(message, cause);
        this.contention = contention;
    }

    /** Refused because another transaction was in flight on one of its items, not because a condition failed. */
    public static ConcurrentUpdateException contention(String message, Throwable cause) {
        return new ConcurrentUpdateException(message, cause, true);
    }

    /** Whether DynamoDB refused for a transaction in flight (busy) rather than a failed condition (changed). */
    public boolean contention() {
        return contention;
    }
}
