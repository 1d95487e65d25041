package io.periodic.functions.generator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.periodic.billing.invoicing.BillingJob;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.SqsBatch;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.persistence.MissingSettingsException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Lambda entry point of the billing-job queue (partial batch responses). Thin: parse the job, let the generator
 * decide and write, sort failures:
 * <ul>
 *   <li>transient (AWS errors, write conflicts that outlasted the retries, missing configuration): the message is
 *       reported as failed and SQS redelivers it; after maxReceiveCount it lands on the alarmed dead-letter queue;
 *   <li>a message that is not a billing job: reported as failed, so it ends on the dead-letter queue as a record;
 *   <li>anything else is a fault retrying cannot fix: the subscription is parked with the reason and the message
 *       is done.
 * </ul>
 */
public final class InvoiceGeneratorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final InvoiceGenerator generator;

    /** Used by Lambda: clients and the store are built once per execution environment. */
    public InvoiceGeneratorHandler() {
        this(GeneratorWiring.fromEnvironment());
        // SnapStart: a job for a subscription that does not exist (reads only) and a document rendered in memory.
        io.periodic.billing.lambda.Priming.register("invoice-generator", this::prime);
    }

    public InvoiceGeneratorHandler(InvoiceGenerator generator) {
        this.generator = generator;
    }

    /** SnapStart priming: a job for a subscription that does not exist (reads only), a document rendered in memory. */
    public void prime() {
        generator.process("sub_priming_probe");
        io.periodic.billing.lambda.PrimingSamples.invoiceHtml(new io.periodic.billing.rendering.DocumentRenderer());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, this::handle, (message, failure) -> Log.event("billing_job_failed",
                "messageId", message.getMessageId(), "error", failure.toString()));
    }

    private void handle(SQSEvent.SQSMessage message) {
        BillingJob job = BillingJob.fromJson(message.getBody());
        Outcome outcome;
        try {
            outcome = generator.process(job.subscriptionId());
        } catch (SdkException | ConcurrentUpdateException | UncheckedIOException | MissingSettingsException e) {
            throw e;
        } catch (RuntimeException e) {
            outcome = generator.parkAfterFailure(job.subscriptionId(), e);
        }
        Log.event("billing_job_done", "subscriptionId", job.subscriptionId(), "outcome", outcome.kind().name(),
                "invoices", String.join(",", outcome.invoiceIds()), "reason", outcome.reason());
    }
}
