package io.periodic.billing.service;

import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.persistence.ThrottledException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * The one policy for optimistic-write conflicts, used by every use case that writes version-checked:
 * <ul>
 *   <li><b>What is retried</b>: a {@link ConcurrentUpdateException} only - a condition failed (the item changed
 *       since it was read) or another transaction was in flight on it ({@link ConcurrentUpdateException#contention()
 *       contention}). Both are resolved by reading again and deciding again, which is why every attempt re-reads
 *       what it decides on (an attempt told its number can skip that read on the first attempt).
 *   <li><b>What is not</b>: {@link ThrottledException} (capacity: the SDK already
 *       retried it; the API answers 503, a queue consumer lets the message come back), {@link
 *       AlreadyExistsException} (create-once: the thing exists, re-reading answers
 *       it, a loop would not) and every refusal of the request itself. They propagate at once.
 *   <li><b>How often</b>: {@link #ATTEMPTS} attempts; after the last the last conflict propagates (a 409 or 503
 *       from the API, a redelivery from a queue, a retried step from the workflow).
 *   <li><b>How long between</b>: exponential back-off with full jitter - before attempt n+1 a pause drawn
 *       uniformly from [0, min({@link #CAP_MILLIS}, {@link #BASE_MILLIS} × 2<sup>n-1</sup>)] ms (20, 40, 80, 160,
 *       200, 200, 200: at most 0.9 s in all), so writers that collided do not collide again in step.
 * </ul>
 */
public final class ConflictRetry {
    /** Attempts per write, the first included. */
    public static final int ATTEMPTS = 8;
    /** The bound of the first pause, doubled before each further one. */
    public static final long BASE_MILLIS = 20;
    /** The largest bound of a pause. */
    public static final long CAP_MILLIS = 200;

    private static final ConflictRetry STANDARD = new ConflictRetry(ATTEMPTS, BASE_MILLIS, CAP_MILLIS, null, null);

    private final int attempts;
    private final long baseMillis;
    private final long capMillis;
    /** bound -> a pause in [0, bound]; null: uniformly at random. */
    private final LongUnaryOperator jitter;
    /** Takes a pause; null: {@link Thread#sleep}. */
    private final LongConsumer sleeper;

    private ConflictRetry(int attempts, long baseMillis, long capMillis, LongUnaryOperator jitter,
            LongConsumer sleeper) {
        if (attempts < 1 || baseMillis < 0 || capMillis < baseMillis) {
            throw new IllegalArgumentException("attempts >= 1 and 0 <= base <= cap, got " + attempts + ", "
                    + baseMillis + ", " + capMillis);
        }
        this.attempts = attempts;
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        this.jitter = jitter;
        this.sleeper = sleeper;
    }

    /** The policy every use case uses. */
    public static ConflictRetry standard() {
        return STANDARD;
    }

    /**
     * A policy with other figures, or with a given jitter ({@code bound -> pause in [0, bound]}; null: uniform at
     * random) and sleeper (null: {@link Thread#sleep}) - for tests, which must not really sleep.
     */
    public static ConflictRetry of(int attempts, long baseMillis, long capMillis, LongUnaryOperator jitter,
            LongConsumer sleeper) {
        return new ConflictRetry(attempts, baseMillis, capMillis, jitter, sleeper);
    }

    /** Runs {@code attempt} until it ends without a conflict; each attempt reads what it decides on. */
    public <T> T run(Supplier<T> attempt) {
        return run(n -> attempt.get());
    }

    /**
     * Runs {@code attempt} with the attempt's number (1, 2, ...) until it ends without a conflict: an attempt after
     * the first reads again what changed (the first may use what its caller read already).
     */
    public <T> T run(IntFunction<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.apply(n);
            } catch (ConcurrentUpdateException conflict) {
                if (n >= attempts || !pause(n)) {
                    throw conflict;
                }
            }
        }
    }

    /** The pause after attempt {@code n}; false when the thread was interrupted (then it gives up). */
    private boolean pause(int n) {
        long bound = Math.min(capMillis, baseMillis << Math.min(n - 1, 30));
        long millis = jitter == null ? ThreadLocalRandom.current().nextLong(bound + 1) : jitter.applyAsLong(bound);
        if (sleeper != null) {
            sleeper.accept(millis);
        } else if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return !Thread.currentThread().isInterrupted();
    }
}
