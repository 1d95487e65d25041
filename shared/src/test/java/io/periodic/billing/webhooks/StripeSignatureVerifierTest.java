package io.periodic.billing.webhooks;

import static io.periodic.billing.webhooks.WebhookTesting.MAPPER;
import static io.periodic.billing.webhooks.WebhookTesting.NOW;
import static io.periodic.billing.webhooks.WebhookTesting.REFUSAL_TYPES;
import static io.periodic.billing.webhooks.WebhookTesting.assertRefused;
import static io.periodic.billing.webhooks.WebhookTesting.clockAt;
import static io.periodic.billing.webhooks.WebhookTesting.fixtureText;
import static io.periodic.billing.webhooks.WebhookTesting.stripeHeader;
import static io.periodic.billing.webhooks.WebhookTesting.stripeV1;
import static io.periodic.billing.webhooks.WebhookTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.periodic.billing.payments.IntakeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link StripeSignatureVerifier}, proven against stripe-java's own signing and verification. */
class StripeSignatureVerifierTest {
    private static final String SECRET = "whsec_test_5Yx2qN8vR3mK7pL1sD4fG6hJ9kZ0cB";
    private static final String PREVIOUS_SECRET = "whsec_test_previous_Q1w2E3r4T5y6U7i8O9p0";
    private static final String STRANGER_SECRET = "whsec_test_stranger_Zz9Yy8Xx7Ww6Vv5Uu4";
    /** A real-shaped event with non-ASCII text (Müller), so bytes and characters differ. */
    private static final String PAYLOAD = fixtureText("stripe/charge.succeeded.json");
    private static final byte[] BODY = utf8(PAYLOAD);
    private static final Clock CLOCK = clockAt(NOW);

    private final StripeSignatureVerifier verifier = new StripeSignatureVerifier(List.of(SECRET), CLOCK);

    private static String stripeLibraryHeader(String secret, long t) throws Exception {
        return Webhook.Signature.generateSignatureHeader(PAYLOAD, secret, t);
    }

    @Test
    void acceptsAHeaderGeneratedByStripeJava() throws Exception {
        String header = stripeLibraryHeader(SECRET, NOW);
        assertTrue(header.startsWith("t=" + NOW + ",v1="), header);
        assertEquals(Instant.ofEpochSecond(NOW), verifier.verify(header, BODY));
    }

    @Test
    void acceptsASignatureFromStripeJavasComputeHmacSha256AndIgnoresOtherSchemes() throws Exception {
        String v1 = Webhook.Util.computeHmacSha256(SECRET, NOW + "." + PAYLOAD);
        String v0 = "6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";
        assertEquals(Instant.ofEpochSecond(NOW), verifier.verify("t=" + NOW + ",v0=" + v0 + ",v1=" + v1, BODY));
        assertEquals(Instant.ofEpochSecond(NOW), verifier.verify("t=" + NOW + ",v1=" + v1.toUpperCase(), BODY));
    }

    @Test
    void stripeJavaAcceptsHeadersOurTestSignerMakes() throws Exception {
        String header = stripeHeader(SECRET, NOW, BODY);
        assertEquals(stripeLibraryHeader(SECRET, NOW), header);
        Event event = Webhook.constructEvent(PAYLOAD, header, SECRET, 300, CLOCK);
        assertEquals("evt_3QcWm2LkdIwHu7ix1Jk2LmNo", event.getId());
        assertEquals("charge.succeeded", event.getType());
        assertEquals(Instant.ofEpochSecond(NOW), verifier.verify(header, BODY));
    }

    @Test
    void rejectsAOneByteTamperAnywhere() throws Exception {
        String header = stripeLibraryHeader(SECRET, NOW);
        int amount = PAYLOAD.indexOf("\"amount\": 1230") + "\"amount\": 1".length();
        for (int position : new int[] {0, amount, BODY.length / 2, BODY.length - 1}) {
            byte[] tampered = BODY.clone();
            tampered[position] ^= 0x01;
            assertRefused(401, "signature-mismatch", () -> verifier.verify(header, tampered));
        }
        byte[] amountTwo = utf8(PAYLOAD.replaceFirst("\"amount\": 1230", "\"amount\": 9230"));
        assertRefused(401, "signature-mismatch", () -> verifier.verify(header, amountTwo));
        byte[] extraNewline = utf8(PAYLOAD + "\n");
        assertRefused(401, "signature-mismatch", () -> verifier.verify(header, extraNewline));
    }

    @Test
    void rejectsTheSameJsonReserialised() throws Exception {
        String header = stripeLibraryHeader(SECRET, NOW);
        JsonNode tree = MAPPER.readTree(BODY);
        byte[] reserialised = MAPPER.writeValueAsBytes(tree);
        assertEquals(tree, MAPPER.readTree(reserialised), "same content");
        assertFalse(Arrays.equals(BODY, reserialised), "different bytes");
        assertRefused(401, "signature-mismatch", () -> verifier.verify(header, reserialised));
        // Characters instead of bytes: Latin-1 bytes of the same text also differ (ü is 1 byte, not 2).
        byte[] latin1 = PAYLOAD.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertRefused(401, "signature-mismatch", () -> verifier.verify(header, latin1));
    }

    @Test
    void rejectsAWrongSecret() throws Exception {
        String header = stripeLibraryHeader(STRANGER_SECRET, NOW);
        assertRefused(401, "signature-mismatch", () -> verifier.verify(header, BODY));
    }

    @Test
    void rejectsStaleAndFutureTimestampsBeyond300SecondsEitherWay() throws Exception {
        assertEquals(Instant.ofEpochSecond(NOW - 300), verifier.verify(stripeLibraryHeader(SECRET, NOW - 300), BODY));
        assertEquals(Instant.ofEpochSecond(NOW + 300), verifier.verify(stripeLibraryHeader(SECRET, NOW + 300), BODY));
        String stale = stripeLibraryHeader(SECRET, NOW - 301);
        assertRefused(401, "timestamp-out-of-tolerance", () -> verifier.verify(stale, BODY));
        assertThrows(SignatureVerificationException.class,
                () -> Webhook.Signature.verifyHeader(PAYLOAD, stale, SECRET, 300, CLOCK));
        String future = stripeLibraryHeader(SECRET, NOW + 301);
        assertRefused(401, "timestamp-out-of-tolerance", () -> verifier.verify(future, BODY));
        // The gap we close: stripe-java alone accepts a future timestamp.
        assertTrue(Webhook.Signature.verifyHeader(PAYLOAD, future, SECRET, 300, CLOCK));
    }

    @Test
    void checksTheSignatureBeforeTheTimestamp() throws Exception {
        String staleForgery = stripeLibraryHeader(STRANGER_SECRET, NOW - 10_000);
        assertRefused(401, "signature-mismatch", () -> verifier.verify(staleForgery, BODY));
    }

    @Test
    void aConfiguredToleranceIsHonoured() throws Exception {
        StripeSignatureVerifier strict = new StripeSignatureVerifier(List.of(SECRET), CLOCK, Duration.ofSeconds(60));
        assertEquals(Instant.ofEpochSecond(NOW - 60), strict.verify(stripeLibraryHeader(SECRET, NOW - 60), BODY));
        String late = stripeLibraryHeader(SECRET, NOW - 61);
        assertRefused(401, "timestamp-out-of-tolerance", () -> strict.verify(late, BODY));
    }

    @Test
    void acceptsAHeaderWithTwoV1WhereOnlyTheSecondMatches() throws Exception {
        String fromRolledSecret = Webhook.Util.computeHmacSha256(STRANGER_SECRET, NOW + "." + PAYLOAD);
        String fromOurSecret = Webhook.Util.computeHmacSha256(SECRET, NOW + "." + PAYLOAD);
        String header = "t=" + NOW + ",v1=" + fromRolledSecret + ",v1=" + fromOurSecret;
        assertEquals(Instant.ofEpochSecond(NOW), verifier.verify(header, BODY));
        assertTrue(Webhook.Signature.verifyHeader(PAYLOAD, header, SECRET, 300, CLOCK), "stripe-java agrees");
        String neither = "t=" + NOW + ",v1=" + fromRolledSecret + ",v1=" + fromRolledSecret;
        assertRefused(401, "signature-mismatch", () -> verifier.verify(neither, BODY));
    }

    @Test
    void acceptsTwoSecretsWhereOnlyThePreviousOneMatches() throws Exception {
        String header = stripeLibraryHeader(PREVIOUS_SECRET, NOW);
        StripeSignatureVerifier rotating = new StripeSignatureVerifier(List.of(SECRET, PREVIOUS_SECRET), CLOCK);
        assertEquals(Instant.ofEpochSecond(NOW), rotating.verify(header, BODY));
        assertRefused(401, "signature-mismatch", () -> verifier.verify(header, BODY));
    }

    @Test
    void aMissingHeaderIs400SignatureMissing() {
        assertRefused(400, "signature-missing", () -> verifier.verify((String) null, BODY));
        assertRefused(400, "signature-missing", () -> verifier.verify(Map.of("Content-Type", "application/json"), BODY));
    }

    @Test
    void findsTheHeaderInAMapInAnyLetterCaseAndRefusesConflictingCopies() throws Exception {
        String header = stripeLibraryHeader(SECRET, NOW);
        assertEquals(Instant.ofEpochSecond(NOW), verifier.verify(Map.of("stripe-signature", header), BODY));
        assertEquals(Instant.ofEpochSecond(NOW), verifier.verify(Map.of("Stripe-Signature", header), BODY));
        Map<String, String> conflicting = new HashMap<>();
        conflicting.put("Stripe-Signature", header);
        conflicting.put("stripe-signature", stripeLibraryHeader(STRANGER_SECRET, NOW));
        assertRefused(400, "signature-malformed", () -> verifier.verify(conflicting, BODY));
    }

    static Stream<String> malformedHeaders() {
        String v1 = "5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd";
        return Stream.of(
                "", " ", ",", "=", "t", "v1", "t=", "t=,v1=" + v1, "t=abc,v1=" + v1, "t=12a,v1=" + v1,
                "t=-1762335000,v1=" + v1, "t=+1762335000,v1=" + v1, "t=1.5,v1=" + v1, "t=1e9,v1=" + v1,
                "t=99999999999999999999,v1=" + v1, "t=1762335000", "t=1762335000,v0=" + v1, "v1=" + v1,
                "t=1762335000,v1=", "t=1762335000,v1=xyz", "t=1762335000,v1=" + v1.substring(1),
                "t=1762335000,v1=" + v1 + "0", "t=1762335000,v1=" + v1.replace('a', 'g'),
                "t=1762335000,t=1762335001,v1=" + v1, "t=1762335000,,v1=" + v1, "t=1762335000,v1=" + v1 + ",",
                "t=1762335000;v1=" + v1, "t:1762335000,v1:" + v1, "t=١٧٦٢٣٣٥٠٠٠,v1=" + v1,
                "t=1762335000,v1=" + v1.replace('5', '５'), "t=1762335000,v1=" + "\u0000".repeat(64),
                "t=1762335000," + ("v1=" + v1 + ",").repeat(9) + "v0=1",
                "t=1762335000,v1=" + v1 + ",x=" + "a".repeat(5000));
    }

    @ParameterizedTest
    @MethodSource("malformedHeaders")
    void refusesAMalformedHeaderWith400(String header) {
        assertRefused(400, "signature-malformed", () -> verifier.verify(header, BODY));
    }

    @Test
    void fuzzedHeadersOnlyEverGiveIntakeExceptions() throws Exception {
        Random random = new Random(20261105);
        String valid = stripeLibraryHeader(SECRET, NOW);
        String[] pieces = {"t", "v1", "v0", "=", ",", " ", "\t", "-", "+", ".", "e", "0", "9", "1762335000",
                "99999999999999999999", "ff", "ZZ", "é", "\u0000", "\uD800", "٣", valid, valid.substring(0, 20),
                stripeV1(SECRET, NOW, BODY), "a".repeat(70)};
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            headers.add(b.toString());
            headers.add(mutate(valid, random));
        }
        int accepted = 0;
        for (String header : headers) {
            try {
                verifier.verify(header, BODY);
                accepted++;
            } catch (IntakeException e) {
                assertTrue(REFUSAL_TYPES.contains(e.type()), e.type());
                assertTrue(e.status() == 400 || e.status() == 401, () -> e.status() + " " + e.type());
            } catch (RuntimeException e) {
                fail("header " + header + " threw " + e);
            }
        }
        assertTrue(accepted < headers.size() / 10, "almost every fuzzed header is refused: " + accepted);
    }

    static String mutate(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        for (int n = 1 + random.nextInt(3); n > 0 && b.length() > 0; n--) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(3)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, (char) random.nextInt(0x80));
                default -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return b.toString();
    }

    @Test
    void refusesUnusableConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new StripeSignatureVerifier(List.of(), CLOCK));
        assertThrows(IllegalArgumentException.class, () -> new StripeSignatureVerifier(List.of(" "), CLOCK));
        assertThrows(NullPointerException.class, () -> new StripeSignatureVerifier(List.of(SECRET), null));
        assertThrows(IllegalArgumentException.class,
                () -> new StripeSignatureVerifier(List.of(SECRET), CLOCK, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new StripeSignatureVerifier(List.of(SECRET), CLOCK, Duration.ofSeconds(-300)));
    }

    @Test
    void aSecretReadWithATrailingNewlineStillVerifies() throws Exception {
        StripeSignatureVerifier fromEnvironment = new StripeSignatureVerifier(List.of(SECRET + "\n"), CLOCK);
        assertEquals(Instant.ofEpochSecond(NOW), fromEnvironment.verify(stripeLibraryHeader(SECRET, NOW), BODY));
    }

    @Test
    void theBodyIsNotModified() throws Exception {
        byte[] body = BODY.clone();
        verifier.verify(stripeLibraryHeader(SECRET, NOW), body);
        assertArrayEquals(BODY, body);
    }
}
