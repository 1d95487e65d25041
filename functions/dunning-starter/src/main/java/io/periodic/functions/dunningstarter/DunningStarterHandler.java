package io.periodic.functions.dunningstarter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.periodic.billing.aws.AwsAdapters;
import io.periodic.billing.aws.AwsClients;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.WorkflowStarter;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.DunningService;
import io.periodic.billing.service.DunningStarter;
import io.periodic.billing.service.InvoiceNotifications;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/** Lambda entry point of the daily dunning sweep (EventBridge Scheduler); answers a JSON summary. */
public final class DunningStarterHandler implements RequestStreamHandler {
    private final DunningStarter starter;

    public DunningStarterHandler() {
        this(wire());
        // SnapStart: read the work index (nothing is due at the epoch) without starting or sending anything.
        Priming.register("dunning-starter", this::prime);
    }

    public DunningStarterHandler(DunningStarter starter) {
        this.starter = starter;
    }

    private static DunningStarter wire() {
        BillingStore store = new BillingStore(AwsClients.build(DynamoDbClient.builder()), AwsClients.env("TABLE_NAME"));
        // Clients built on first use: only courtesy notices (invoices not yet due) mail, store and publish.
        AwsAdapters out = AwsAdapters.fromEnvironment();
        DunningService dunning = new DunningService(store, new InvoiceNotifications(new DocumentRenderer(),
                out.documents(), out.events(), out.mailer()), out.mailer(), out.events(), Clock.system());
        return new DunningStarter(store, dunning, stepFunctions(AwsClients.build(SfnClient.builder()),
                AwsClients.env("DUNNING_STATE_MACHINE_ARN")), Clock.system());
    }

    /** StartExecution by name; a name that already ran or runs is ExecutionAlreadyExists: nothing new starts. */
    static WorkflowStarter stepFunctions(SfnClient sfn, String stateMachineArn) {
        return (name, input) -> {
            try {
                sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(input));
                return true;
            } catch (ExecutionAlreadyExistsException alreadyStarted) {
                return false;
            }
        };
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
