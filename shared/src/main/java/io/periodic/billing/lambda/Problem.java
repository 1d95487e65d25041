package io.periodic.billing.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * RFC 9457 problem details ({@code application/problem+json}) for every refusal of an HTTP function: a type URI
 * under {@code https://periodic.dev/problems/}, a title, the status, and a detail saying exactly what is wrong.
 */
public final class Problem {
    private static final JsonFactory JSON = new JsonFactory();
    public static final String BASE = "https://periodic.dev/problems/";

    private Problem() {}

    public static APIGatewayV2HTTPResponse response(int status, String type, String title, String detail) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", BASE + type);
            g.writeStringField("title", title);
            g.writeNumberField("status", status);
            g.writeStringField("detail", detail);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/problem+json"))
                .withBody(out.toString())
                .build();
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
