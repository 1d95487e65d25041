package io.periodic.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A plain HTTP client of the local runner, as any caller of the API would use it: JSON in and out, Standard
 * Webhooks signatures computed as the specification says. Used by the demo and the end-to-end tests.
 */
public final class LocalClient {
    /** An answer: status, body text, parsed JSON (null when the body is not JSON), and headers. */
    public record Reply(int status, String body, JsonNode json, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    public LocalClient(URI base) {
        this.base = base;
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    public byte[] bytes(String path) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply post(String path, String json) {
        return post(path, json, null);
    }

    public Reply post(String path, String json, String idempotencyKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b.build());
    }

    public Reply send(String method, String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Sends raw bytes (a Zengin file in Shift_JIS, say), exactly as given. */
    public Reply send(String method, String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Moves the simulated clock and waits until everything due has run. */
    public Reply advance(Instant to) {
        return post("/_local/clock", "{\"now\":\"" + to + "\"}");
    }

    public Instant now() {
        return Instant.parse(get("/_local/clock").json().get("now").textValue());
    }

    /** Sends a Standard Webhooks event signed with {@code secret} (whsec_...) at the simulated clock's time. */
    public Reply standardWebhook(String secret, String webhookId, String body) {
        long timestamp = now().getEpochSecond();
        String signature;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                    "HmacSHA256"));
            signature = Base64.getEncoder().encodeToString(mac.doFinal(
                    (webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return send(HttpRequest.newBuilder(base.resolve("/webhooks/standard"))
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", "v1," + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !r.body().isEmpty()) {
                json = LocalSystem.JSON.readTree(r.body());
            }
            return new Reply(r.statusCode(), r.body(), json, r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
