package io.periodic.functions.invoicescheduler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.periodic.billing.aws.AwsClients;
import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.service.DueSubscriptionSweep;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda entry point for the EventBridge Scheduler schedule: one run of {@link DueSubscriptionSweep}. The schedule's input is ignored (the run works from
 * "now"); the answer is a JSON summary. Stops with 20 seconds of Lambda time to spare.
 */
public final class InvoiceSchedulerHandler implements RequestStreamHandler {
    static final long SPARE_MILLIS = 20_000;
    private final DueSubscriptionSweep scheduler;

    public InvoiceSchedulerHandler() {
        this(new DueSubscriptionSweep(
                new BillingStore(AwsClients.build(DynamoDbClient.builder()), AwsClients.env("TABLE_NAME")),
                new SqsMessageQueue(AwsClients.build(SqsClient.builder()), AwsClients.env("BILLING_JOB_QUEUE_URL")),
                Clock.system()));
        // SnapStart: sweep as of the epoch (nothing is due then): reads the index, sends nothing.
        Priming.register("invoice-scheduler", this::prime);
    }

    public InvoiceSchedulerHandler(DueSubscriptionSweep scheduler) {
        this.scheduler = scheduler;
    }

    /** SnapStart priming: sweeps as of the epoch (nothing is due then); sends nothing. */
    public void prime() {
        scheduler.prime();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        DueSubscriptionSweep.Result result = scheduler.run(
                () -> context == null || context.getRemainingTimeInMillis() > SPARE_MILLIS);
        Log.event("scheduler_run", "now", result.now().toString(), "jobsSent", Integer.toString(result.jobsSent()),
                "pagesRead", Integer.toString(result.pagesRead()), "complete", Boolean.toString(result.complete()));
        output.write(("{\"now\":\"" + result.now() + "\",\"jobsSent\":" + result.jobsSent() + ",\"pagesRead\":"
                + result.pagesRead() + ",\"complete\":" + result.complete() + "}").getBytes(StandardCharsets.UTF_8));
    }
}
