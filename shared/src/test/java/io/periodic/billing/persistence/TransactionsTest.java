package io.periodic.billing.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Issue 12, defect 8: every cancelled transaction used to become a ConcurrentUpdateException (the API's 409
 * "changed meanwhile"), throttling included. A cancellation now means what its reasons say.
 */
class TransactionsTest {
    private static TransactionCanceledException canceled(String... codes) {
        return TransactionCanceledException.builder().message("Transaction cancelled")
                .cancellationReasons(Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build())
                        .toList())
                .build();
    }

    @Test
    void aFailedConditionIsAConflictToReReadAndDecideAgain() {
        RuntimeException e = Transactions.canceled("x", canceled("None", "ConditionalCheckFailed"));
        ConcurrentUpdateException conflict = assertInstanceOf(ConcurrentUpdateException.class, e);
        assertFalse(conflict.contention());
    }

    @Test
    void aTransactionInFlightIsContentionNotAConflict() {
        RuntimeException e = Transactions.canceled("x", canceled("TransactionConflict", "None"));
        assertTrue(assertInstanceOf(ConcurrentUpdateException.class, e).contention());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded"})
    void capacityIsThrottlingNotAConflict(String code) {
        assertInstanceOf(ThrottledException.class, Transactions.canceled("x", canceled("None", code)));
    }

    @Test
    void aFailedConditionWinsOverThrottlingInTheSameCancellation() {
        assertInstanceOf(ConcurrentUpdateException.class,
                Transactions.canceled("x", canceled("ThrottlingError", "ConditionalCheckFailed")));
    }

    @Test
    void aWriteThatCanNeverSucceedIsNeitherAConflictNorThrottling() {
        assertInstanceOf(IllegalStateException.class, Transactions.canceled("x", canceled("ValidationError")));
    }

    @Test
    void theItemThatFailedItsConditionIsFoundByItsPosition() {
        TransactionCanceledException e = canceled("None", "ConditionalCheckFailed");
        assertFalse(Transactions.conditionFailedAt(e, 0));
        assertTrue(Transactions.conditionFailedAt(e, 1));
        assertFalse(Transactions.conditionFailedAt(e, 2));
        assertEquals(java.util.List.of("None", "ConditionalCheckFailed"), Transactions.codes(e));
    }
}
