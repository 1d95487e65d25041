package io.periodic.functions.invoicegenerator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.periodic.billing.aws.AwsAdapters;
import io.periodic.billing.aws.AwsClients;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.invoicing.BillingJob;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.lambda.PrimingSamples;
import io.periodic.billing.lambda.SqsBatch;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.persistence.MissingSettingsException;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.InvoiceIssuing;
import io.periodic.billing.service.InvoiceNotifications;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The billing-job queue's consumer (partial batch responses): {@link InvoiceIssuing} decides and writes. Transient
 * failures (AWS, conflicts beyond the retries, missing settings) and a message that is no billing job fail the
 * message (redelivered, then dead-lettered); any other fault parks the subscription with the reason.
 */
public final class InvoiceGeneratorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final InvoiceIssuing issuing;

    /** Used by Lambda: clients and the store are built once per execution environment, then primed. */
    public InvoiceGeneratorHandler() {
        this(wire());
        Priming.register("invoice-generator", this::prime);
    }

    public InvoiceGeneratorHandler(InvoiceIssuing issuing) {
        this.issuing = issuing;
    }

    /** From the environment the template sets; once per execution environment. */
    private static InvoiceIssuing wire() {
        BillingStore store = new BillingStore(AwsClients.build(DynamoDbClient.builder()), AwsClients.env("TABLE_NAME"));
        AwsAdapters out = AwsAdapters.fromEnvironment();
        var after = new InvoiceNotifications(new DocumentRenderer(), out.documents(), out.events(), out.mailer());
        int maxCatchUp = Optional.ofNullable(System.getenv("MAX_CATCH_UP_PERIODS")).map(Integer::parseInt)
                .orElse(BillingCycle.DEFAULT_MAX_CATCH_UP);
        return new InvoiceIssuing(store, after, Clock.system(), maxCatchUp);
    }

    /** SnapStart priming: a job for a subscription that does not exist (reads only), a document rendered in memory. */
    public void prime() {
        issuing.process("sub_priming_probe");
        PrimingSamples.invoiceHtml(new DocumentRenderer());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, this::handle, (message, failure) -> Log.event("billing_job_failed",
                "messageId", message.getMessageId(), "error", failure.toString()));
    }

    private void handle(SQSEvent.SQSMessage message) {
        BillingJob job = BillingJob.fromJson(message.getBody());
        InvoiceIssuing.Outcome outcome;
        try {
            outcome = issuing.process(job.subscriptionId());
        } catch (SdkException | ConcurrentUpdateException | UncheckedIOException | MissingSettingsException e) {
            throw e;
        } catch (RuntimeException e) {
            outcome = issuing.parkAfterFailure(job.subscriptionId(), e);
        }
        Log.event("billing_job_done", "subscriptionId", job.subscriptionId(), "outcome", outcome.kind().name(),
                "invoices", String.join(",", outcome.invoiceIds()), "reason", outcome.reason());
    }
}
