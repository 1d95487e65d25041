package io.periodic.local.runner;

import static io.periodic.local.runner.LocalTestData.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Requests run concurrently: two requests are inside the billing-api handler at the same time, and requests are
 * answered while a clock advance is in progress (between its instants). No timing is asserted: latches and a barrier
 * show the overlap; their timeouts only turn a deadlock into a failure instead of a hang.
 */
class LocalConcurrencyTest {
    private static final Instant START = LocalRunnerExtension.START;
    private static final long PATIENCE_SECONDS = 60;

    @RegisterExtension
    static final LocalRunnerExtension runner = new LocalRunnerExtension()
            .options(options -> options.withHooks(hooks()));

    private static LocalClient api;

    /** The advance waits at the first instant at or after this, until {@link #resume} opens. */
    private static volatile Instant pauseAt;
    private static final AtomicBoolean pausedOnce = new AtomicBoolean();
    private static final CountDownLatch paused = new CountDownLatch(1);
    private static final CountDownLatch resume = new CountDownLatch(1);
    /** While armed, each billing-api GetItem waits until another one is in flight too. */
    private static final AtomicBoolean barrierArmed = new AtomicBoolean();
    private static final CyclicBarrier bothInside = new CyclicBarrier(2);

    @BeforeAll
    static void client() {
        api = runner.api();
    }

    /** Pauses the advance at {@link #pauseAt}; holds the billing-api's reads at the barrier while it is armed. */
    private static LocalSystem.Hooks hooks() {
        return new LocalSystem.Hooks() {
            @Override
            public void betweenSteps(Instant reached) {
                Instant at = pauseAt;
                if (at != null && !reached.isBefore(at) && pausedOnce.compareAndSet(false, true)) {
                    paused.countDown();
                    try {
                        resume.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public List<ExecutionInterceptor> dynamoInterceptors(String function) {
                if (!function.equals("billing-api")) {
                    return List.of();
                }
                return List.of(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (barrierArmed.get() && context.request() instanceof GetItemRequest) {
                            try {
                                bothInside.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IllegalStateException("the other request never came in: " + e, e);
                            }
                        }
                    }
                });
            }
        };
    }

    @AfterAll
    static void release() {
        resume.countDown(); // before the extension stops the system: an advance may still wait on it
    }

    @Test
    void twoRequestsAreHandledAtTheSameTime() throws Exception {
        String a = LocalTestData.customer(api, "Overlap A", "overlap-a@test.example");
        String b = LocalTestData.customer(api, "Overlap B", "overlap-b@test.example");
        barrierArmed.set(true);
        try {
            // Each request's read waits inside the handler until the other's read is in flight as well.
            CompletableFuture<LocalClient.Reply> first = CompletableFuture.supplyAsync(() -> api.get("/customers/" + a));
            CompletableFuture<LocalClient.Reply> second = CompletableFuture.supplyAsync(() -> api.get("/customers/" + b));
            LocalClient.Reply r1 = first.get(2 * PATIENCE_SECONDS, TimeUnit.SECONDS);
            LocalClient.Reply r2 = second.get(2 * PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertEquals(200, r1.status(), r1.body());
            assertEquals(200, r2.status(), r2.body());
            assertEquals(a, r1.json().get("id").textValue());
            assertEquals(b, r2.json().get("id").textValue());
        } finally {
            barrierArmed.set(false);
        }
    }

    @Test
    void requestsAreAnsweredWhileAClockAdvanceIsRunning() throws Exception {
        Instant from = api.now();
        Instant middle = from.plus(Duration.ofDays(10));
        Instant target = from.plus(Duration.ofDays(30));
        String plan = LocalTestData.plan(api, "Concurrent plan", 1500);
        String customer = LocalTestData.customer(api, "Concurrent Ltd", "concurrent@test.example");
        LocalTestData.subscribe(api, customer, plan, java.time.LocalDate.parse("2027-01-05"));
        pauseAt = middle;

        CompletableFuture<LocalClient.Reply> advance = CompletableFuture.supplyAsync(() -> api.advance(target));
        assertTrue(paused.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the advance reached its middle");

        // The advance is in progress (it waits between two instants): other requests are answered meanwhile.
        CompletableFuture<Void> meanwhile = CompletableFuture.runAsync(() -> {
            assertEquals(middle, api.now(), "the clock reads the instant the advance has reached");
            assertEquals(1, LocalTestData.invoices(api, customer).size(), "the invoice of 2027-01-05 is issued");
            expect(api.get("/settings"), 200);
            LocalTestData.customer(api, "Meanwhile Inc.", "meanwhile@test.example");
        });
        meanwhile.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertFalse(advance.isDone(), "the advance was still running while they were answered");

        resume.countDown();
        LocalClient.Reply done = advance.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertEquals(200, done.status(), done.body());
        assertEquals(target, api.now());
    }
}
