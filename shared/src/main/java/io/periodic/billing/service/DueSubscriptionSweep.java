package io.periodic.billing.service;

import io.periodic.billing.invoicing.BillingJob;
import io.periodic.billing.model.Checkpoint;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.persistence.Page;
import io.periodic.billing.persistence.SettingsRepository;
import io.periodic.billing.persistence.SubscriptionRepository;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.MessageQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Finds the subscriptions due at or before now and enqueues one billing job each (the use case behind the
 * invoice-scheduler function, run by its schedule every 15 minutes). It reads only the sparse,
 * sharded work index - every shard in parallel, page by page, never a table scan - and sends jobs ten at a time.
 *
 * <p>A <em>sweep</em> covers all shards. A run stops when its time budget runs low ({@code timeLeft}) and saves a
 * checkpoint per shard: the cursor where an unfinished shard stopped, or "done" for a finished one. The next run
 * (the schedule fires every 15 minutes) continues the sweep - only the unfinished shards, from their cursors -
 * instead of re-sending what was already sent; when every shard is done the checkpoints are cleared and the run
 * after that starts a new sweep. Nothing can be missed for good: the index lists exactly the subscriptions not yet
 * billed (billing one takes it out), so whatever became due behind a cursor is found by the next sweep. A job for
 * a subscription already queued is a harmless duplicate: the generator re-reads and bills each period once.
 */
public final class DueSubscriptionSweep {
    /** What one run did. */
    public record Result(Instant now, int jobsSent, int pagesRead, boolean complete) {}

    private record ShardResult(int shard, int sent, int pages, boolean done, String cursor) {}

    /** The checkpoints' name (stored: it stays the function's name). */
    static final String CHECKPOINT = "invoice-scheduler";
    private static final int PAGE_SIZE = 100;

    private final SubscriptionRepository subscriptions;
    private final SettingsRepository settings;
    private final MessageQueue queue;
    private final Clock clock;

    public DueSubscriptionSweep(BillingStore store, MessageQueue queue, Clock clock) {
        this.subscriptions = store.subscriptions();
        this.settings = store.settings();
        this.queue = queue;
        this.clock = clock;
    }

    static String checkpointName(int shard) {
        return CHECKPOINT + "-" + shard;
    }

    /**
     * SnapStart priming: reads the checkpoints and every shard of the work index as of the epoch (nothing is due
     * then); sends and saves nothing.
     */
    public void prime() {
        for (int shard = 0; shard < BillingTable.SHARDS; shard++) {
            settings.checkpoint(checkpointName(shard));
            subscriptions.dueAtOrBefore(shard, Instant.EPOCH, 1, null);
        }
    }

    /** @param timeLeft true while the run may continue (e.g. more than 20 s of Lambda time left) */
    public Result run(BooleanSupplier timeLeft) {
        Instant now = clock.now();
        Map<Integer, Checkpoint> saved = new HashMap<>();
        for (int shard = 0; shard < BillingTable.SHARDS; shard++) {
            settings.checkpoint(checkpointName(shard)).ifPresent(c -> saved.put(c.shard(), c));
        }
        List<ShardResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(BillingTable.SHARDS)) {
            List<Future<ShardResult>> futures = new ArrayList<>();
            for (int shard = 0; shard < BillingTable.SHARDS; shard++) {
                Checkpoint checkpoint = saved.get(shard);
                if (checkpoint != null && checkpoint.cursor() == null) {
                    results.add(new ShardResult(shard, 0, 0, true, null)); // done earlier in this sweep
                    continue;
                }
                int s = shard;
                String start = checkpoint == null ? null : checkpoint.cursor();
                futures.add(pool.submit(() -> sweep(s, start, now, timeLeft)));
            }
            for (Future<ShardResult> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        boolean complete = results.stream().allMatch(ShardResult::done);
        for (ShardResult r : results) {
            if (complete) {
                if (saved.containsKey(r.shard())) {
                    settings.clearCheckpoint(checkpointName(r.shard()));
                }
            } else if (r.done() || r.cursor() != null) {
                // done: a marker (no cursor); stopped inside the shard: its cursor. A shard that never started
                // keeps no checkpoint and starts from the beginning next run.
                settings.saveCheckpoint(new Checkpoint(checkpointName(r.shard()), r.shard(), r.cursor(), now));
            } else if (saved.containsKey(r.shard())) {
                settings.clearCheckpoint(checkpointName(r.shard()));
            }
        }
        return new Result(now, results.stream().mapToInt(ShardResult::sent).sum(),
                results.stream().mapToInt(ShardResult::pages).sum(), complete);
    }

    private ShardResult sweep(int shard, String cursor, Instant now, BooleanSupplier timeLeft) {
        int sent = 0;
        int pages = 0;
        do {
            if (!timeLeft.getAsBoolean()) {
                return new ShardResult(shard, sent, pages, false, cursor);
            }
            Page<String> page = subscriptions.dueAtOrBefore(shard, now, PAGE_SIZE, cursor);
            pages++;
            sent += send(page.items(), now);
            cursor = page.cursor();
        } while (cursor != null);
        return new ShardResult(shard, sent, pages, true, null);
    }

    private int send(List<String> subscriptionIds, Instant now) {
        queue.sendAll(subscriptionIds.stream().map(id -> new BillingJob(id, now).toJson()).toList());
        return subscriptionIds.size();
    }
}
