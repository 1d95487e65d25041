package io.periodic.functions.dunningstarter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.service.DunningStarter;
import io.periodic.billing.wiring.Periodic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Lambda entry point of the daily dunning sweep (EventBridge Scheduler); answers a JSON summary. */
public final class DunningStarterHandler implements RequestStreamHandler {
    private final DunningStarter starter;

    public DunningStarterHandler() {
        // Clients built on first use: only courtesy notices (invoices not yet due) mail, store and publish.
        this(Periodic.fromEnvironment().dunningStarter());
        // SnapStart: read the work index (nothing is due at the epoch) without starting or sending anything.
        Priming.register("dunning-starter", this::prime);
    }

    public DunningStarterHandler(DunningStarter starter) {
        this.starter = starter;
    }

    /** SnapStart priming: reads the work index as of the epoch; starts and sends nothing. */
    public void prime() {
        starter.prime();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        DunningStarter.Result r = starter.sweep();
        Log.event("dunning_sweep", "examined", Integer.toString(r.examined()), "courtesyNotices",
                Integer.toString(r.courtesyNotices()), "started", Integer.toString(r.started()), "alreadyRunning",
                Integer.toString(r.alreadyRunning()));
        output.write(("{\"examined\":" + r.examined() + ",\"courtesyNotices\":" + r.courtesyNotices() + ",\"started\":"
                + r.started() + ",\"alreadyRunning\":" + r.alreadyRunning() + "}").getBytes(StandardCharsets.UTF_8));
    }
}
