package io.periodic.billing.persistence;

/**
 * An optimistic-lock conflict: the item changed (or was created) since it was read. The caller re-reads and
 * decides again; it never overwrites another writer's change.
 */
public final class ConcurrentUpdateException extends RuntimeException {
    public ConcurrentUpdateException(String message, Throwable cause) {
        super(message, cause);
    }
}
