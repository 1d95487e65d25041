package io.periodic.functions.deliveryevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.lambda.SqsBatch;
import io.periodic.billing.service.DeliveryFeedback;
import io.periodic.billing.wiring.Periodic;

/**
 * Lambda entry point of the delivery-events queue (SES configuration set → SNS → SQS; partial batch responses):
 * reads each SES record and records it (docs/delivery-status.md). Idempotent on SES's feedback id (the message id
 * for deliveries), never on the SQS message id. A record that cannot be read is recorded as malformed and
 * acknowledged - never retried forever; only a failing store makes a message come back, and after maxReceiveCount
 * land on the alarmed dead-letter queue. Each address that gets no more mail logs {@code delivery_problem}, which
 * the DeliveryProblems metric counts.
 */
public final class DeliveryEventsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final DeliveryFeedback feedback;

    public DeliveryEventsHandler() {
        this(Periodic.fromEnvironment().deliveryFeedback());
        // SnapStart: the parser and the read path, for an address nobody has; nothing written.
        Priming.register("delivery-events", this::prime);
    }

    public DeliveryEventsHandler(DeliveryFeedback feedback) {
        this.feedback = feedback;
    }

    /** SnapStart priming: a record parsed, an address's status read; nothing written. */
    public void prime() {
        SesEvents.read("{\"eventType\":\"Send\",\"mail\":{\"messageId\":\"priming\"}}");
        feedback.statusOf("priming@periodic.invalid");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, message -> {
            DeliveryFeedback.Notification notification;
            try {
                notification = SesEvents.read(message.getBody());
            } catch (IllegalArgumentException malformed) {
                DeliveryFeedback.Recorded kept = feedback.malformed(String.valueOf(message.getBody()),
                        malformed.getMessage());
                Log.event("delivery_event_malformed", "id", kept.event().id(), "error", malformed.getMessage());
                return;
            }
            if (notification == null) {
                return; // Send, Open, DeliveryDelay...: not subscribed, nothing to record
            }
            for (DeliveryFeedback.Recorded r : feedback.record(notification)) {
                Log.event("delivery_event", "id", r.event().id(), "kind", r.event().kind().name(), "handling",
                        r.event().handling().name(), "duplicate", Boolean.toString(r.duplicate()));
                if (r.newlySuppressed()) {
                    Log.event("delivery_problem", "kind", r.event().kind().name(), "suppressed",
                            r.status().suppressed().name(), "invoiceId", String.valueOf(r.event().invoiceId()));
                }
            }
        }, (message, failure) -> Log.event("delivery_event_failed", "messageId", message.getMessageId(),
                "error", failure.toString()));
    }
}
