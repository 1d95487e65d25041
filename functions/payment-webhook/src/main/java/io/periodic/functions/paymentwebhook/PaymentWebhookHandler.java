package io.periodic.functions.paymentwebhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.lambda.Problem;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.service.PaymentIntake;
import io.periodic.billing.wiring.Periodic;
import java.util.Map;

/**
 * HTTP API entry point for {@code POST /webhooks/stripe}, {@code POST /webhooks/standard} and
 * {@code POST /bank-statements}. Thin: take the bytes that were sent ({@link IntakeResponses#body}), hand them to
 * {@link PaymentIntake}, answer. Refusals are problem+json with their 4xx status; an unexpected failure (a service
 * that is down) answers 503 so the sender retries - never 500, and never 2xx for something not stored.
 */
public final class PaymentWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final PaymentIntake intake;

    public PaymentWebhookHandler() {
        this(Periodic.fromEnvironment().paymentIntake());
        // SnapStart: the delivery path without any secret (see prime()).
        Priming.register("payment-webhook", this::prime);
    }

    public PaymentWebhookHandler(PaymentIntake intake) {
        this.intake = intake;
    }

    /**
     * SnapStart priming, without reading any secret (a secret read now would live in the snapshot): a request to a
     * path that has no intake (routing, body decoding, the problem+json answer), then {@link PaymentIntake#prime}
     * (both signature checks under a throwaway secret, both parsers, a read of the event store).
     */
    public void prime() {
        handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath("/webhooks/priming")
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody("{\"id\":\"evt_priming\",\"type\":\"payment_intent.succeeded\"}")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build())
                        .build())
                .build(), null);
        intake.prime();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        try {
            if (!"POST".equalsIgnoreCase(IntakeResponses.method(event))) {
                return Problem.response(405, "method-not-allowed", "only POST is accepted here");
            }
            Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
            byte[] body = IntakeResponses.body(event, headers);
            PaymentIntake.Accepted accepted = switch (path) {
                case "/webhooks/stripe" -> intake.stripe(headers, body);
                case "/webhooks/standard" -> intake.standard(headers, body);
                case "/bank-statements" -> intake.bankStatement(headers, event.getQueryStringParameters(), body);
                default -> throw new IntakeException(404, "not-found",
                        "no intake at " + IntakeResponses.printable(path));
            };
            Log.event("intake_accepted", "path", path, "status", accepted.status(), "eventId", accepted.eventId(),
                    "eventType", accepted.eventType(), "notifications", Integer.toString(accepted.notifications()));
            return IntakeResponses.ok(accepted);
        } catch (IntakeException refused) {
            Log.event("intake_refused", "path", path, "status", Integer.toString(refused.status()), "type",
                    refused.type(), "detail", refused.getMessage());
            return Problem.response(refused.status(), refused.type(), refused.getMessage());
        } catch (RuntimeException failure) {
            Log.event("intake_unavailable", "path", path, "error", failure.toString());
            return Problem.response(503, "temporarily-unavailable",
                    "the delivery could not be stored right now; nothing was accepted, please retry");
        }
    }
}
