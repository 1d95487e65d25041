package io.periodic.billing.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.payments.IntakeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.function.Executable;

/** Fixtures, clocks, an independent test signer and refusal assertions for the webhook tests. */
final class WebhookTesting {
    /** 2025-11-05T09:30:00Z: "now" for the verifiers. */
    static final long NOW = 1_762_335_000L;
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Set<String> REFUSAL_TYPES = Set.of("signature-missing", "signature-malformed", "signature-mismatch",
            "timestamp-out-of-tolerance", "malformed-json", "invalid-field", "invalid-amount");

    private WebhookTesting() {}

    static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static byte[] fixture(String name) {
        try (InputStream in = WebhookTesting.class.getResourceAsStream("/webhooks/" + name)) {
            assertNotNull(in, "fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixtureText(String name) {
        return new String(fixture(name), StandardCharsets.UTF_8);
    }

    static ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Asserts a refusal with this status and problem type; returns it for further checks. */
    static IntakeException assertRefused(int status, String type, Executable action) {
        IntakeException e = assertThrows(IntakeException.class, action);
        assertEquals(type, e.type(), () -> "type of: " + e.getMessage());
        assertEquals(status, e.status(), () -> "status of: " + e.getMessage());
        return e;
    }

    // --- Our own signer, written from the two specifications with JDK crypto only, independent of main code ---

    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A Stripe-Signature header: {@code t=<t>,v1=<hex HMAC of "<t>." + body keyed by the secret's UTF-8>}. */
    static String stripeHeader(String secret, long t, byte[] body) {
        return "t=" + t + ",v1=" + stripeV1(secret, t, body);
    }

    static String stripeV1(String secret, long t, byte[] body) {
        return HexFormat.of().formatHex(hmacSha256(utf8(secret), concat(utf8(t + "."), body)));
    }

    /** A webhook-signature entry: {@code v1,<base64 HMAC of "<id>.<t>." + body keyed by the decoded secret>}. */
    static String standardSignature(String whsecSecret, String id, long t, byte[] body) {
        byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        return "v1," + Base64.getEncoder().encodeToString(hmacSha256(key, concat(utf8(id + "." + t + "."), body)));
    }
}
