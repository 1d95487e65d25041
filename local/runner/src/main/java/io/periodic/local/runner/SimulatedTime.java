package io.periodic.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulated clock and the template's schedules on it: the 15-minute invoice schedule and the daily dunning sweep
 * at 00:00 UTC, with their last runs. Kept in {@code state/clock.json} ({@link StateFiles}), saved at an instant
 * before anything runs at that instant, so that after a kill whatever ran at it runs again.
 */
final class SimulatedTime {
    private static final Duration SCHEDULE = Duration.ofMinutes(15);
    private static final String FILE = "clock.json";

    private final StateFiles state;
    private final AtomicReference<Instant> now;
    private final boolean resumed;
    private volatile Instant lastSchedulerRun = Instant.MIN;
    private volatile Instant lastDunningSweep;

    /** The saved clock, or {@code start} (to the second) when there is none. */
    SimulatedTime(StateFiles state, Instant start) {
        this.state = state;
        JsonNode saved = state.read(FILE);
        this.resumed = saved != null;
        if (saved != null) {
            this.now = new AtomicReference<>(Instant.parse(saved.get("now").textValue()));
            this.lastSchedulerRun = saved.path("lastSchedulerRun").isTextual()
                    ? Instant.parse(saved.get("lastSchedulerRun").textValue()) : Instant.MIN;
            this.lastDunningSweep = Instant.parse(saved.get("lastDunningSweep").textValue());
        } else {
            this.now = new AtomicReference<>(start.truncatedTo(ChronoUnit.SECONDS));
            this.lastDunningSweep = now.get().truncatedTo(ChronoUnit.DAYS);
        }
    }

    /** Whether the clock continued from a saved state. */
    boolean resumed() {
        return resumed;
    }

    Instant now() {
        return now.get();
    }

    /** Sets the clock and saves it (before anything runs at that instant: after a kill, it runs again). */
    void moveTo(Instant instant) {
        now.set(instant);
        save();
    }

    void schedulerRan() {
        lastSchedulerRun = now.get();
        save();
    }

    void dunningSwept() {
        lastDunningSweep = now.get();
        save();
    }

    /** When the daily dunning sweep runs next. */
    Instant nextSweep() {
        return lastDunningSweep.plus(Duration.ofDays(1));
    }

    /**
     * When EventBridge Scheduler's 15-minute schedule next finds work: the first quarter hour at or after the
     * earliest subscription falling due (the schedule's runs before it would find nothing, so they are skipped).
     */
    Instant nextSchedulerRun(BillingStore store) {
        Instant earliest = null;
        Instant farFuture = Instant.parse("9999-12-31T00:00:00Z");
        for (int shard = 0; shard < BillingTable.SHARDS; shard++) {
            for (String id : store.subscriptions().dueAtOrBefore(shard, farFuture, 1, null).items()) {
                Optional<Subscription> s = store.subscriptions().get(id);
                if (s.isPresent() && s.get().nextBillingAt() != null
                        && (earliest == null || s.get().nextBillingAt().isBefore(earliest))) {
                    earliest = s.get().nextBillingAt();
                }
            }
        }
        if (earliest == null) {
            return null;
        }
        Instant at = quarterHourAtOrAfter(earliest.isBefore(now.get()) ? now.get() : earliest);
        return at.isAfter(lastSchedulerRun) ? at : quarterHourAtOrAfter(lastSchedulerRun.plusSeconds(1));
    }

    static Instant quarterHourAtOrAfter(Instant t) {
        long step = SCHEDULE.getSeconds();
        long s = t.getEpochSecond();
        long up = Math.floorDiv(s + step - 1, step) * step;
        return Instant.ofEpochSecond(up);
    }

    static Instant earliest(Instant... candidates) {
        Instant best = null;
        for (Instant c : candidates) {
            if (c != null && (best == null || c.isBefore(best))) {
                best = c;
            }
        }
        return best;
    }

    /** Writes the clock and the schedules' last runs (in a folder only). */
    void save() {
        ObjectNode o = LocalSystem.JSON.createObjectNode();
        o.put("now", now.get().toString());
        o.put("lastSchedulerRun", lastSchedulerRun.equals(Instant.MIN) ? null : lastSchedulerRun.toString());
        o.put("lastDunningSweep", lastDunningSweep.toString());
        state.write(FILE, o);
    }
}
