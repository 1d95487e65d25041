package io.periodic.local.runner;

import io.periodic.billing.persistence.BillingStore;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * What makes the local system run: the simulated clock moved instant by instant through what falls due, the queues,
 * PDFs and workflow steps settled after each, and the locks that let requests run between instants. Requests share
 * the read lock; each simulated instant runs under the write lock, released between instants; one advance at a
 * time.
 */
final class Simulation {
    private final SimulatedTime time;
    private final LocalFunctions functions;
    private final QueuePumps pumps;
    private final LocalEvents events;
    private final DunningWorkflows workflows;
    private final BillingStore store;
    private final String billingJobQueue;
    private final String paymentQueue;
    private final String deliveryEventQueue;
    private final LocalSystem.Options options;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final ReentrantLock advancing = new ReentrantLock(true);

    Simulation(SimulatedTime time, LocalFunctions functions, QueuePumps pumps, LocalEvents events,
            DunningWorkflows workflows, BillingStore store, String billingJobQueue, String paymentQueue,
            String deliveryEventQueue, LocalSystem.Options options) {
        this.time = time;
        this.functions = functions;
        this.pumps = pumps;
        this.events = events;
        this.workflows = workflows;
        this.store = store;
        this.billingJobQueue = billingJobQueue;
        this.paymentQueue = paymentQueue;
        this.deliveryEventQueue = deliveryEventQueue;
        this.options = options;
    }

    /** See {@link LocalSystem#advanceTo}. */
    LocalSystem.Advance advanceTo(Instant target) {
        advancing.lock();
        try {
            Instant from = time.now();
            if (target.isBefore(from)) {
                throw new LocalSystem.ClockBackwardsException(from, target);
            }
            Instant furthest = from.atOffset(ZoneOffset.UTC).plus(LocalSystem.MAX_ADVANCE).toInstant();
            if (target.isAfter(furthest)) {
                throw new LocalSystem.ClockLimitException(from, target, furthest);
            }
            int[] totals = new int[4]; // schedules, sweeps, messages, transitions
            exclusively(() -> add(totals, 0, 0, settle()));
            YearMonth reported = YearMonth.from(from.atOffset(ZoneOffset.UTC));
            while (true) {
                Instant reached = exclusively(() -> step(target, totals));
                if (reached == null) {
                    break;
                }
                YearMonth month = YearMonth.from(reached.atOffset(ZoneOffset.UTC));
                if (month.isAfter(reported)) {
                    reported = month;
                    options.progress().accept(progressLine("reached " + reached, from, target, totals));
                }
                options.hooks().betweenSteps(reached);
            }
            exclusively(() -> {
                time.moveTo(target);
                return add(totals, 0, 0, settle());
            });
            options.progress().accept(progressLine("now " + target, from, target, totals));
            return new LocalSystem.Advance(from, target, totals[0], totals[1], totals[2], totals[3]);
        } finally {
            advancing.unlock();
        }
    }

    /** Runs the next instant where something is due, if it is not after {@code target}; returns it, or null. */
    private Instant step(Instant target, int[] totals) {
        Instant schedulerAt = time.nextSchedulerRun(store);
        Instant sweepAt = time.nextSweep();
        Instant next = SimulatedTime.earliest(schedulerAt, sweepAt, workflows.nextWakeUp().orElse(null));
        if (next == null || next.isAfter(target)) {
            return null;
        }
        if (next.isAfter(time.now())) {
            time.moveTo(next); // saved before anything runs at this instant: after a kill, it runs again
        }
        int schedules = 0;
        int sweeps = 0;
        if (next.equals(schedulerAt)) {
            functions.runScheduler();
            time.schedulerRan();
            schedules = 1;
        }
        if (next.equals(sweepAt)) {
            functions.runDunningSweep();
            time.dunningSwept();
            sweeps = 1;
        }
        add(totals, schedules, sweeps, settle());
        return next;
    }

    private static int[] add(int[] totals, int schedules, int sweeps, int[] work) {
        totals[0] += schedules;
        totals[1] += sweeps;
        totals[2] += work[0];
        totals[3] += work[1];
        return totals;
    }

    private static String progressLine(String what, Instant from, Instant target, int[] totals) {
        return "clock " + what + " (advancing " + from + " -> " + target + "): " + totals[0] + " invoice runs, "
                + totals[1] + " dunning sweeps, " + totals[2] + " messages, " + totals[3] + " workflow transitions";
    }

    /**
     * Runs the queues, PDFs and workflow steps that are due now until nothing is left. Returns messages,
     * transitions.
     */
    int[] settle() {
        int messages = 0;
        int transitions = 0;
        while (true) {
            int m = pumps.drain(billingJobQueue, functions.generator::handleRequest)
                    + pumps.drain(paymentQueue, functions.matcher::handleRequest)
                    + pumps.drain(deliveryEventQueue, functions.deliveryEvents::handleRequest);
            int pdf = documents();
            int t = workflows.runDue(time.now());
            messages += m;
            transitions += t;
            if (m == 0 && pdf == 0 && t == 0) {
                return new int[] {messages, transitions};
            }
        }
    }

    /**
     * The document events published so far, handled as the PDF function's EventBridge rule would (the paid copy of
     * an invoice, PDFs when on); returns how many.
     */
    int documents() {
        return events.renderPdfs(functions.pdfs, functions.documentRefresh(), functions.delivery, functions.receipts);
    }

    /** Runs {@code work} alone (no request, no other instant meanwhile). */
    <T> T exclusively(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs {@code work} alongside other requests, between the clock's instants. */
    <T> T shared(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
