package io.periodic.functions.paymentwebhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.periodic.billing.aws.AwsClients;
import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.aws.SsmSecrets;
import io.periodic.billing.bankstatements.StatementParseResult;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.lambda.Problem;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.service.PaymentIntake;
import io.periodic.billing.webhooks.RequestBodies;
import io.periodic.billing.webhooks.StandardConnectors;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * HTTP API entry point for {@code POST /webhooks/stripe}, {@code POST /webhooks/standard} and
 * {@code POST /bank-statements}. Thin: take the bytes that were sent (API Gateway's base64, or text in its declared
 * charset), hand them to
 * {@link PaymentIntake}, answer. Refusals are problem+json with their 4xx status; an unexpected failure (a service
 * that is down) answers 503 so the sender retries - never 500, and never 2xx for something not stored.
 */
public final class PaymentWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final JsonFactory JSON = new JsonFactory();
    private final PaymentIntake intake;

    public PaymentWebhookHandler() {
        this(new PaymentIntake(
                new BillingStore(AwsClients.build(DynamoDbClient.builder()), AwsClients.env("TABLE_NAME")),
                new SqsMessageQueue(AwsClients.build(SqsClient.builder()), AwsClients.env("PAYMENT_QUEUE_URL")),
                SsmSecrets.lines(Ssm.CLIENT, AwsClients.env("STRIPE_SECRETS_PARAMETER"))::get,
                SsmSecrets.of(Ssm.CLIENT, AwsClients.env("STANDARD_WEBHOOK_SECRETS_PARAMETER"),
                        StandardConnectors::parse)::get,
                Clock.systemUTC()));
        // SnapStart: the delivery path without any secret (see prime()).
        Priming.register("payment-webhook", this::prime);
    }

    public PaymentWebhookHandler(PaymentIntake intake) {
        this.intake = intake;
    }

    private static final class Ssm {
        static final SsmClient CLIENT = AwsClients.build(SsmClient.builder());
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
            String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? "POST"
                    : event.getRequestContext().getHttp().getMethod();
            if (!"POST".equalsIgnoreCase(method)) {
                return Problem.response(405, "method-not-allowed", "only POST is accepted here");
            }
            Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
            byte[] body = body(event, headers);
            PaymentIntake.Accepted accepted = switch (path) {
                case "/webhooks/stripe" -> intake.stripe(headers, body);
                case "/webhooks/standard" -> intake.standard(headers, body);
                case "/bank-statements" -> intake.bankStatement(headers, body);
                default -> throw new IntakeException(404, "not-found", "no intake at " + printable(path));
            };
            Log.event("intake_accepted", "path", path, "status", accepted.status(), "eventId", accepted.eventId(),
                    "eventType", accepted.eventType(), "notifications", Integer.toString(accepted.notifications()));
            return ok(accepted);
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

    /**
     * The bytes the sender sent: an HTTP API base64-encodes every body but the text media types (text/*,
     * application/json, application/xml, application/javascript), which it passes as a string; a string is turned
     * back into bytes in the charset the sender declared ({@link RequestBodies#bytes}), never re-encoded as UTF-8
     * regardless.
     */
    private static byte[] body(APIGatewayV2HTTPEvent event, Map<String, String> headers) {
        return RequestBodies.bytes(event.getBody(), event.getIsBase64Encoded(), headers);
    }

    private static APIGatewayV2HTTPResponse ok(PaymentIntake.Accepted accepted) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", accepted.status());
            g.writeStringField("eventId", accepted.eventId());
            g.writeStringField("eventType", accepted.eventType());
            g.writeNumberField("notifications", accepted.notifications());
            if (!accepted.skipped().isEmpty()) {
                g.writeArrayFieldStart("skipped");
                for (StatementParseResult.Skipped s : accepted.skipped()) {
                    g.writeStartObject();
                    g.writeStringField("reference", s.reference());
                    g.writeStringField("reason", s.reason());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody(out.toString()).build();
    }

    private static String printable(String path) {
        String p = path.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "…" : p;
    }
}
