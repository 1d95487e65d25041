package io.periodic.functions.paymentwebhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.periodic.billing.bankstatements.StatementParseResult;
import io.periodic.billing.service.PaymentIntake;
import io.periodic.billing.webhooks.RequestBodies;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** The intake's HTTP edge: the request's method and bytes in, the acceptance as JSON out. */
final class IntakeResponses {
    private static final JsonFactory JSON = new JsonFactory();

    private IntakeResponses() {}

    /** The request's method (POST when API Gateway did not say). */
    static String method(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? "POST"
                : event.getRequestContext().getHttp().getMethod();
    }

    /**
     * The bytes the sender sent: an HTTP API base64-encodes every body but the text media types (text/*,
     * application/json, application/xml, application/javascript), which it passes as a string; a string is turned
     * back into bytes in the charset the sender declared ({@link RequestBodies#bytes}), never re-encoded as UTF-8
     * regardless.
     */
    static byte[] body(APIGatewayV2HTTPEvent event, Map<String, String> headers) {
        return RequestBodies.bytes(event.getBody(), event.getIsBase64Encoded(), headers);
    }

    /**
     * 200 with what was accepted: status, event id and type, notifications, for a Zengin file the counts (accepted,
     * duplicate, cancelled, ignored), and the skipped statement lines.
     */
    static APIGatewayV2HTTPResponse ok(PaymentIntake.Accepted accepted) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", accepted.status());
            g.writeStringField("eventId", accepted.eventId());
            g.writeStringField("eventType", accepted.eventType());
            g.writeNumberField("notifications", accepted.notifications());
            if (accepted.counts() != null) {
                g.writeNumberField("accepted", accepted.counts().accepted());
                g.writeNumberField("duplicate", accepted.counts().duplicate());
                g.writeNumberField("cancelled", accepted.counts().cancelled());
                g.writeNumberField("ignored", accepted.counts().ignored());
            }
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

    /** A path as it may appear in a problem's detail: printable ASCII, at most 80 characters. */
    static String printable(String path) {
        String p = path.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "…" : p;
    }
}
