package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.persistence.ThrottledException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The one conflict-retry policy: what it retries, how often, how long it waits between attempts. The jitter and
 * the sleeper are injected: nothing here really sleeps.
 */
class ConflictRetryTest {
    /** Bounds asked of the jitter, and pauses taken. */
    private final List<Long> bounds = new ArrayList<>();
    private final List<Long> pauses = new ArrayList<>();

    /** The standard policy with a jitter that picks the bound itself (the longest pause) and a recording sleeper. */
    private ConflictRetry longest() {
        return ConflictRetry.of(ConflictRetry.ATTEMPTS, ConflictRetry.BASE_MILLIS, ConflictRetry.CAP_MILLIS,
                bound -> {
                    bounds.add(bound);
                    return bound;
                }, pauses::add);
    }

    private static ConcurrentUpdateException conflict(int n) {
        return new ConcurrentUpdateException("conflict #" + n, null);
    }

    @Test
    void aWriteThatSucceedsFirstIsRunOnceWithoutPause() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals("done", longest().run(() -> {
            calls.incrementAndGet();
            return "done";
        }));
        assertEquals(1, calls.get());
        assertTrue(pauses.isEmpty());
    }

    @Test
    void conflictsAreRetriedWithTheAttemptNumberSoThatTheAttemptCanReadAgain() {
        List<Integer> attempts = new ArrayList<>();
        String result = longest().run(attempt -> {
            attempts.add(attempt);
            if (attempt < 3) {
                throw conflict(attempt);
            }
            return "third time";
        });
        assertEquals("third time", result);
        assertEquals(List.of(1, 2, 3), attempts);
        assertEquals(2, pauses.size(), "one pause before each retry");
    }

    @Test
    void givesUpAfterTheAttemptsWithTheLastConflict() {
        AtomicInteger calls = new AtomicInteger();
        List<ConcurrentUpdateException> thrown = new ArrayList<>();
        ConcurrentUpdateException last = assertThrows(ConcurrentUpdateException.class, () -> longest().run(() -> {
            ConcurrentUpdateException c = conflict(calls.incrementAndGet());
            thrown.add(c);
            throw c;
        }));
        assertEquals(ConflictRetry.ATTEMPTS, calls.get());
        assertEquals(8, ConflictRetry.ATTEMPTS, "one number of attempts for every site");
        assertSame(thrown.get(thrown.size() - 1), last, "the last conflict, not the first or a wrapper");
        assertEquals(ConflictRetry.ATTEMPTS - 1, pauses.size(), "no pause after the last attempt");
    }

    @Test
    void theBackOffDoublesFromTheBaseUpToTheCapAndIsJittered() {
        assertThrows(ConcurrentUpdateException.class, () -> longest().run(() -> {
            throw conflict(0);
        }));
        // Full jitter: each pause is drawn from [0, min(cap, base * 2^(n-1))].
        assertEquals(List.of(20L, 40L, 80L, 160L, 200L, 200L, 200L), bounds);
        assertEquals(bounds, pauses, "this jitter picked the bound itself");

        List<Long> shortest = new ArrayList<>();
        assertThrows(ConcurrentUpdateException.class, () -> ConflictRetry.of(4, 20, 200, bound -> 0, shortest::add)
                .run(() -> {
                    throw conflict(0);
                }));
        assertEquals(List.of(0L, 0L, 0L), shortest, "the jitter may pick no pause at all");
    }

    @Test
    void theStandardJitterStaysWithinItsBound() {
        List<Long> taken = new ArrayList<>();
        assertThrows(ConcurrentUpdateException.class, () -> ConflictRetry.of(8, 20, 200, null, taken::add)
                .run(() -> {
                    throw conflict(0);
                }));
        long[] bound = {20, 40, 80, 160, 200, 200, 200};
        assertEquals(bound.length, taken.size());
        for (int i = 0; i < bound.length; i++) {
            assertTrue(taken.get(i) >= 0 && taken.get(i) <= bound[i], "pause " + i + ": " + taken.get(i));
        }
    }

    @Test
    void somethingElseThanAConflictIsNeverRetried() {
        for (RuntimeException failure : List.of(new ThrottledException("throttled", null),
                new AlreadyExistsException("exists", null), new IllegalStateException("refused"),
                new NotFoundException("invoice", "in_1"))) {
            AtomicInteger calls = new AtomicInteger();
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> longest().run(() -> {
                calls.incrementAndGet();
                throw failure;
            }));
            assertSame(failure, thrown);
            assertEquals(1, calls.get(), failure + " is answered at once, not retried");
        }
        assertTrue(pauses.isEmpty());
    }

    @Test
    void aContentionIsAConflictToo() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals(2, longest().run(() -> {
            if (calls.incrementAndGet() == 1) {
                throw ConcurrentUpdateException.contention("busy", null);
            }
            return calls.get();
        }));
    }

    @Test
    void anInterruptedPauseGivesUpWithTheConflictAndKeepsTheInterrupt() {
        AtomicInteger calls = new AtomicInteger();
        ConflictRetry interrupted = ConflictRetry.of(8, 20, 200, bound -> bound,
                millis -> Thread.currentThread().interrupt());
        try {
            assertThrows(ConcurrentUpdateException.class, () -> interrupted.run(() -> {
                calls.incrementAndGet();
                throw conflict(calls.get());
            }));
            assertEquals(1, calls.get(), "no further attempt once interrupted");
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
