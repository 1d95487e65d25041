package io.periodic.billing.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * RFC 9457 problem details ({@code application/problem+json}) for every refusal of an HTTP function - the one
 * renderer of the project: a type URI under {@code https://periodic.dev/problems/}, the status's title, the
 * status, a detail saying exactly what is wrong and, when one field is at fault, an {@code errors} entry naming it
 * (a JSON pointer into the body, or a query, path or header parameter).
 */
public final class Problem {
    private static final JsonFactory JSON = new JsonFactory();
    public static final String BASE = "https://periodic.dev/problems/";
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problem() {}

    /** A problem+json response (API Gateway payload format 2.0) with no field at fault. */
    public static APIGatewayV2HTTPResponse response(int status, String type, String detail) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", CONTENT_TYPE))
                .withBody(body(status, type, detail, null, null))
                .build();
    }

    /** The body of a problem with no field at fault. */
    public static String body(int status, String type, String detail) {
        return body(status, type, detail, null, null);
    }

    /**
     * The body of a problem. {@code pointer} (a JSON pointer into the request body) or else {@code parameter} (the
     * name of a query, path or header parameter) names the one field at fault; both null: the request as a whole.
     */
    public static String body(int status, String type, String detail, String pointer, String parameter) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", BASE + type);
            g.writeStringField("title", title(status));
            g.writeNumberField("status", status);
            g.writeStringField("detail", detail);
            if (pointer != null || parameter != null) {
                g.writeArrayFieldStart("errors");
                g.writeStartObject();
                g.writeStringField("detail", detail);
                g.writeStringField(pointer != null ? "pointer" : "parameter", pointer != null ? pointer : parameter);
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The usual title of a status. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
