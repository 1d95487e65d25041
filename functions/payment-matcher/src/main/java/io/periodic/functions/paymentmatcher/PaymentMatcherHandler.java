package io.periodic.functions.paymentmatcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.lambda.SqsBatch;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotificationJson;
import io.periodic.billing.service.PaymentService;
import io.periodic.billing.wiring.Periodic;
import java.util.List;

/**
 * Lambda entry point of the payment queue (partial batch responses). Thin: parse the notification, let the
 * service match and write. Deduplication is the service's, on the provider's payment id - never on the SQS message
 * id, which a redrive changes. A notification that can never be applied is not thrown: the service holds it with its
 * reason (a refund in another currency than its payment is stored as rejected, listed and alarmed). A message that
 * fails - writes that keep conflicting, a service that is down, or a body this version cannot read (a newer intake
 * during a deployment: the redrive after the deployment reads it) - is reported on its own, comes back, and after
 * maxReceiveCount lands on the alarmed dead-letter queue; the rest of the batch goes on.
 */
public final class PaymentMatcherHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final PaymentService service;

    public PaymentMatcherHandler() {
        this(Periodic.fromEnvironment().paymentService());
        // SnapStart: a batch whose one message is not a payment notification: parsed, refused, nothing written.
        Priming.register("payment-matcher", this::prime);
    }

    public PaymentMatcherHandler(PaymentService service) {
        this.service = service;
    }

    /**
     * SnapStart priming: the matching cascade's reads for a payment nobody made, and a batch whose one message is not
     * a payment notification (parsed, refused); nothing written.
     */
    public void prime() {
        service.prime();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("priming");
        message.setBody("{\"kind\":\"RECEIVED\",\"provider\":\"priming\"}");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        handleRequest(event, null);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, message -> {
            PaymentNotification notification = PaymentNotificationJson.read(message.getBody());
            PaymentService.Outcome outcome = service.handle(notification);
            Log.event("payment_notification_done", "provider", notification.provider(), "paymentId",
                    notification.providerPaymentId(), "kind", notification.kind().name(), "outcome", outcome.name());
            if (outcome == PaymentService.Outcome.REJECTED) {
                // Held for a person (GET /refunds?status=rejected); the RefundRejectedAlarm counts these lines.
                Log.event("refund_rejected", "provider", notification.provider(), "paymentId",
                        notification.providerPaymentId(), "refundId", notification.refundId());
            }
        }, (message, failure) -> Log.event("payment_notification_failed", "messageId", message.getMessageId(),
                "error", failure.toString()));
    }
}
