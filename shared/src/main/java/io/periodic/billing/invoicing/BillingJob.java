package io.periodic.billing.invoicing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A billing job on the queue: "look at this subscription, it was due at this instant". The job carries no
 * decision: the generator re-reads the subscription and decides, so stale, duplicate or redriven jobs are
 * harmless. JSON via Jackson's streaming API (no reflection): {@code {"subscriptionId":"…","dueAt":"…"}}.
 */
public record BillingJob(String subscriptionId, Instant dueAt) {
    private static final JsonFactory JSON = new JsonFactory();

    public BillingJob {
        if (subscriptionId == null || subscriptionId.isBlank()) {
            throw new IllegalArgumentException("billing job without subscriptionId");
        }
    }

    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("subscriptionId", subscriptionId);
            if (dueAt != null) {
                g.writeStringField("dueAt", dueAt.toString());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Parses a job; anything else is an IllegalArgumentException saying what is wrong. */
    public static BillingJob fromJson(String json) {
        String subscriptionId = null;
        Instant dueAt = null;
        try (JsonParser p = JSON.createParser(json == null ? "" : json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("billing job is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "subscriptionId" -> subscriptionId = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "dueAt" -> dueAt = value == JsonToken.VALUE_STRING ? Instant.parse(p.getText()) : null;
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("billing job is not valid JSON: " + e.getMessage(), e);
        }
        return new BillingJob(subscriptionId, dueAt);
    }
}
