package io.periodic.billing.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming. With {@code SnapStart: ApplyOn: PublishedVersions}, Lambda initialises a function once,
 * snapshots the memory and restores it for each cold start; a function's first event then pays only for what
 * the snapshot lacks. A handler registers a <em>primer</em> — read-only work along its hot path (a DynamoDB read
 * of a key that does not exist, JSON parsing, a template render) — which runs in the CRaC {@code beforeCheckpoint}
 * hook, so the classes it loads, the code C1 compiled and the SDK's lazily built state are in the snapshot.
 *
 * <p>Primers must never write or send anything, and a primer that fails is logged and ignored: priming is an
 * optimisation, never a reason for a deployment to fail. Without SnapStart (locally, in tests, on-demand init) the
 * hook never runs; {@link #runAll()} lets the benchmark emulate it.
 */
public final class Priming implements Resource {
    /** CRaC holds resources weakly: these strong references keep them registered. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final String name;
    private final Runnable primer;

    private Priming(String name, Runnable primer) {
        this.name = name;
        this.primer = primer;
    }

    /** Registers a primer to run before the SnapStart snapshot. */
    public static void register(String name, Runnable primer) {
        Priming resource = new Priming(name, primer);
        REGISTERED.add(resource);
        Core.getGlobalContext().register(resource);
    }

    /** Runs every registered primer now (what the snapshot hook does); returns how many succeeded. */
    public static int runAll() {
        int ok = 0;
        for (Priming p : REGISTERED) {
            ok += p.prime() ? 1 : 0;
        }
        return ok;
    }

    private boolean prime() {
        long started = System.nanoTime();
        try {
            primer.run();
            Log.event("primed", "primer", name, "ms", Long.toString((System.nanoTime() - started) / 1_000_000));
            return true;
        } catch (RuntimeException | LinkageError failure) {
            Log.event("priming_failed", "primer", name, "error", failure.toString());
            return false;
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to reopen: SDK clients re-establish connections on their own.
    }
}
