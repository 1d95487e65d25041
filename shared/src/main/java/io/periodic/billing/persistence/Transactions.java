package io.periodic.billing.persistence;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * What a cancelled transaction means, from its cancellation reasons (one per item, in the order the items were
 * added; {@code None} for the items that were fine):
 * <ul>
 *   <li>{@code ConditionalCheckFailed}: an item changed since it was read (or a create-once item exists) -
 *       {@link ConcurrentUpdateException}: re-read and decide again;
 *   <li>{@code TransactionConflict}: another transaction was in flight on an item - a
 *       {@link ConcurrentUpdateException#contention() contention}: re-reading is safe, and if it keeps happening
 *       the table is busy (503), not in conflict (409);
 *   <li>{@code ThrottlingError}, {@code ProvisionedThroughputExceeded}, {@code RequestLimitExceeded}: capacity -
 *       {@link ThrottledException}: retry later, not in a loop;
 *   <li>anything else ({@code ValidationError}, {@code ItemCollectionSizeLimitExceeded}): the write can never
 *       succeed as built - {@link IllegalStateException}.
 * </ul>
 * A failed condition wins over throttling in the same cancellation: re-reading is what resolves it.
 */
final class Transactions {
    static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final Set<String> THROTTLED = Set.of("ThrottlingError", "ProvisionedThroughputExceeded",
            "RequestLimitExceeded");
    private static final String CONTENTION = "TransactionConflict";

    private Transactions() {}

    /** The exception a cancelled transaction stands for; {@code what} names the write for the message. */
    static RuntimeException canceled(String what, TransactionCanceledException e) {
        List<String> codes = codes(e);
        String message = what + " was cancelled: " + codes;
        if (codes.contains(CONDITION_FAILED)) {
            return new ConcurrentUpdateException(message, e);
        }
        if (codes.contains(CONTENTION)) {
            return ConcurrentUpdateException.contention(message, e);
        }
        if (codes.stream().anyMatch(THROTTLED::contains)) {
            return new ThrottledException(message, e);
        }
        return new IllegalStateException(message, e);
    }

    /** Whether the item at {@code index} (in the order added) failed its condition. */
    static boolean conditionFailedAt(TransactionCanceledException e, int index) {
        List<String> codes = codes(e);
        return index < codes.size() && CONDITION_FAILED.equals(codes.get(index));
    }

    static List<String> codes(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                ? e.cancellationReasons().stream().map(CancellationReason::code).map(String::valueOf).toList()
                : List.of();
    }
}
