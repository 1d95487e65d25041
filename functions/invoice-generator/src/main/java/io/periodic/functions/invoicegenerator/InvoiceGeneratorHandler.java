package io.periodic.functions.invoicegenerator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.periodic.billing.invoicing.BillingJob;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.lambda.PrimingSamples;
import io.periodic.billing.lambda.SqsBatch;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.InvoiceIssuing;
import io.periodic.billing.wiring.Periodic;

/**
 * The billing-job queue's consumer (partial batch responses): {@link InvoiceIssuing#processOrPark} decides and
 * writes. What a retry may cure (AWS, conflicts beyond the retries, missing settings) and a message that is no
 * billing job fail the message (redelivered, then dead-lettered); any other fault parks the subscription with the
 * reason.
 */
public final class InvoiceGeneratorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final InvoiceIssuing issuing;

    /** Used by Lambda: the use case from the container's composition root, then primed. */
    public InvoiceGeneratorHandler() {
        this(Periodic.fromEnvironment().invoiceIssuing());
        Priming.register("invoice-generator", this::prime);
    }

    public InvoiceGeneratorHandler(InvoiceIssuing issuing) {
        this.issuing = issuing;
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
        InvoiceIssuing.Outcome outcome = issuing.processOrPark(job.subscriptionId());
        Log.event("billing_job_done", "subscriptionId", job.subscriptionId(), "outcome", outcome.kind().name(),
                "invoices", String.join(",", outcome.invoiceIds()), "reason", outcome.reason());
    }
}
