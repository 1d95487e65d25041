package io.periodic.billing.service;

import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.persistence.InvalidCursorException;
import io.periodic.billing.persistence.ThrottledException;

/**
 * What the store refused, in the service layer's words: the one place that turns a persistence exception escaping
 * a use case or query into the service exception its caller maps ({@link DuplicateException},
 * {@link BadCursorException}, {@link ConcurrentChangeException}, {@link UnavailableException}). The management API
 * calls it at its one catch, so no edge module knows a persistence class.
 */
public final class StoreRefusals {
    private StoreRefusals() {}

    /** The service layer's exception for {@code failure}, or {@code failure} itself when it is not the store's. */
    public static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof AlreadyExistsException exists) {
            return new DuplicateException(exists.getMessage(), exists);
        }
        if (failure instanceof InvalidCursorException cursor) {
            return new BadCursorException(cursor.getMessage(), cursor);
        }
        if (failure instanceof ConcurrentUpdateException conflict) {
            // Another transaction kept being in flight on the same items: busy, not in conflict.
            return conflict.contention()
                    ? new UnavailableException("the records this request changes are busy with other writes right "
                            + "now; nothing was changed, please retry", conflict)
                    : new ConcurrentChangeException("the record was changed by someone else meanwhile; read it "
                            + "again and retry", conflict);
        }
        if (failure instanceof ThrottledException throttled) {
            return new UnavailableException("the billing table is throttled right now; nothing was changed, please "
                    + "retry after a pause", throttled);
        }
        return failure;
    }
}
