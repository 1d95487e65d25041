package io.periodic.billing.webhooks;

import static io.periodic.billing.webhooks.WebhookTesting.MAPPER;
import static io.periodic.billing.webhooks.WebhookTesting.NOW;
import static io.periodic.billing.webhooks.WebhookTesting.REFUSAL_TYPES;
import static io.periodic.billing.webhooks.WebhookTesting.assertRefused;
import static io.periodic.billing.webhooks.WebhookTesting.clockAt;
import static io.periodic.billing.webhooks.WebhookTesting.standardSignature;
import static io.periodic.billing.webhooks.WebhookTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.ports.ConnectorSecrets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link StandardWebhooksVerifier}, proven against the Standard Webhooks reference library (Java). */
class StandardWebhooksVerifierTest {
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(utf8("periodic-connector-secret-32-byte"));
    private static final String PREVIOUS_SECRET = "whsec_" + Base64.getEncoder().encodeToString(utf8("the-previous-connector-secret!!"));
    private static final String STRANGER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(utf8("a-secret-we-have-never-configured"));
    private static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private static final String PAYLOAD = """
            {"type": "payment.received", "timestamp": "2025-11-05T09:29:58Z",
             "data": {"provider": "acme-pay", "paymentId": "pay_8812", "amount": "12.30", "currency": "EUR",
                      "payer": {"name": "Zoë Ångström"}, "remittance": "Rechnung INV-2026-000123 – danke"}}""";
    private static final byte[] BODY = utf8(PAYLOAD);
    private static final Clock CLOCK = clockAt(NOW);

    private static final String CONNECTOR = "acme-pay";
    private final StandardWebhooksVerifier verifier = single(CLOCK, SECRET);

    /** A verifier with one connector, {@value #CONNECTOR}, holding {@code secrets}. */
    private static StandardWebhooksVerifier single(Clock clock, String... secrets) {
        return new StandardWebhooksVerifier(List.of(new ConnectorSecrets.Connector(CONNECTOR, List.of(secrets))), clock);
    }

    private static String librarySignature(String secret, String id, long t) throws Exception {
        return new Webhook(secret).sign(id, t, PAYLOAD);
    }

    @Test
    void acceptsASignatureMadeByTheReferenceLibrary() throws Exception {
        String signature = librarySignature(SECRET, ID, NOW);
        assertTrue(signature.startsWith("v1,"), signature);
        assertEquals(new StandardWebhooksVerifier.Verified(ID, Instant.ofEpochSecond(NOW), CONNECTOR),
                verifier.verify(ID, Long.toString(NOW), signature, BODY));
    }

    @Test
    void matchesTheSpecificationsTestVector() {
        // The reference library's own signing test: secret, id, timestamp, payload and expected signature.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        byte[] payload = utf8("{\"test\": 2432232314}");
        String signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        StandardWebhooksVerifier atThatTime = single(clockAt(1614265330), secret);
        assertEquals(Instant.ofEpochSecond(1614265330),
                atThatTime.verify("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", signature, payload).timestamp());
        StandardWebhooksVerifier bare = single(clockAt(1614265330), "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertEquals("msg_p5jXN8AQM9LWM0D4loKWxJek",
                bare.verify("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", signature, payload).webhookId());
    }

    @Test
    void theReferenceLibraryAcceptsWhatOurTestSignerMakes() throws Exception {
        long now = Instant.now().getEpochSecond(); // the library reads the system clock
        String signature = standardSignature(SECRET, ID, now, BODY);
        assertEquals(librarySignature(SECRET, ID, now), signature);
        new Webhook(SECRET).verify(PAYLOAD, Map.of("webhook-id", List.of(ID),
                "webhook-timestamp", List.of(Long.toString(now)), "webhook-signature", List.of(signature)));
        StandardWebhooksVerifier live = single(Clock.systemUTC(), SECRET);
        assertEquals(ID, live.verify(ID, Long.toString(now), signature, BODY).webhookId());
        // and the library refuses what we refuse: a tampered body
        assertThrows(WebhookVerificationException.class, () -> new Webhook(SECRET).verify(PAYLOAD + " ",
                Map.of("webhook-id", List.of(ID), "webhook-timestamp", List.of(Long.toString(now)),
                        "webhook-signature", List.of(signature))));
    }

    @Test
    void rejectsAOneByteTamperAndATamperedIdOrTimestamp() throws Exception {
        String signature = librarySignature(SECRET, ID, NOW);
        int amount = PAYLOAD.indexOf("12.30");
        for (int position : new int[] {0, amount, BODY.length / 2, BODY.length - 1}) {
            byte[] tampered = BODY.clone();
            tampered[position] ^= 0x01;
            assertRefused(401, "signature-mismatch", () -> verifier.verify(ID, Long.toString(NOW), signature, tampered));
        }
        assertRefused(401, "signature-mismatch", () -> verifier.verify(ID + "x", Long.toString(NOW), signature, BODY));
        assertRefused(401, "signature-mismatch", () -> verifier.verify(ID, Long.toString(NOW - 1), signature, BODY));
    }

    @Test
    void rejectsTheSameJsonReserialised() throws Exception {
        String signature = librarySignature(SECRET, ID, NOW);
        JsonNode tree = MAPPER.readTree(BODY);
        byte[] reserialised = MAPPER.writeValueAsBytes(tree);
        assertEquals(tree, MAPPER.readTree(reserialised), "same content");
        assertFalse(Arrays.equals(BODY, reserialised), "different bytes");
        assertRefused(401, "signature-mismatch", () -> verifier.verify(ID, Long.toString(NOW), signature, reserialised));
    }

    @Test
    void rejectsAWrongSecret() throws Exception {
        String signature = librarySignature(STRANGER_SECRET, ID, NOW);
        assertRefused(401, "signature-mismatch", () -> verifier.verify(ID, Long.toString(NOW), signature, BODY));
    }

    @Test
    void rejectsStaleAndFutureTimestampsBeyond300SecondsEitherWay() throws Exception {
        for (long t : new long[] {NOW - 300, NOW + 300}) {
            assertEquals(Instant.ofEpochSecond(t),
                    verifier.verify(ID, Long.toString(t), librarySignature(SECRET, ID, t), BODY).timestamp());
        }
        for (long t : new long[] {NOW - 301, NOW + 301, 0}) {
            String signature = librarySignature(SECRET, ID, t);
            assertRefused(401, "timestamp-out-of-tolerance", () -> verifier.verify(ID, Long.toString(t), signature, BODY));
        }
    }

    @Test
    void acceptsAHeaderWithTwoV1WhereOnlyTheSecondMatches() throws Exception {
        String header = librarySignature(STRANGER_SECRET, ID, NOW) + " " + librarySignature(SECRET, ID, NOW);
        assertEquals(ID, verifier.verify(ID, Long.toString(NOW), header, BODY).webhookId());
        String neither = librarySignature(STRANGER_SECRET, ID, NOW) + " " + librarySignature(STRANGER_SECRET, ID, NOW);
        assertRefused(401, "signature-mismatch", () -> verifier.verify(ID, Long.toString(NOW), neither, BODY));
    }

    @Test
    void acceptsTwoSecretsWhereOnlyThePreviousOneMatches() throws Exception {
        String signature = librarySignature(PREVIOUS_SECRET, ID, NOW);
        StandardWebhooksVerifier rotating = single(CLOCK, SECRET, PREVIOUS_SECRET);
        assertEquals(ID, rotating.verify(ID, Long.toString(NOW), signature, BODY).webhookId());
        assertRefused(401, "signature-mismatch", () -> verifier.verify(ID, Long.toString(NOW), signature, BODY));
    }

    @Test
    void ignoresOtherSignatureVersionsAndExtraSpaces() throws Exception {
        String good = librarySignature(SECRET, ID, NOW);
        String header = "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg== "
                + "v2," + good.substring(3) + "  " + good + " ";
        assertEquals(ID, verifier.verify(ID, Long.toString(NOW), header, BODY).webhookId());
        assertRefused(400, "signature-malformed", () -> verifier.verify(ID, Long.toString(NOW), "v2," + good.substring(3), BODY));
    }

    @Test
    void eachMissingHeaderIs400SignatureMissing() throws Exception {
        String t = Long.toString(NOW);
        String signature = librarySignature(SECRET, ID, NOW);
        assertRefused(400, "signature-missing", () -> verifier.verify(null, t, signature, BODY));
        assertRefused(400, "signature-missing", () -> verifier.verify(ID, null, signature, BODY));
        assertRefused(400, "signature-missing", () -> verifier.verify(ID, t, null, BODY));
        assertRefused(400, "signature-missing", () -> verifier.verify(Map.of("webhook-id", ID, "webhook-timestamp", t), BODY));
    }

    @Test
    void findsTheHeadersInAMapInAnyLetterCase() throws Exception {
        String signature = librarySignature(SECRET, ID, NOW);
        Map<String, String> headers = Map.of("Webhook-Id", ID, "WEBHOOK-TIMESTAMP", Long.toString(NOW),
                "webhook-signature", signature, "Content-Type", "application/json");
        assertEquals(ID, verifier.verify(headers, BODY).webhookId());
    }

    static Stream<List<String>> malformedHeaders() {
        String t = Long.toString(NOW);
        String v1 = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        return Stream.of(
                List.of("", t, v1), List.of("msg 1", t, v1), List.of("msg\n1", t, v1), List.of("mség", t, v1),
                List.of("m".repeat(256), t, v1),
                List.of(ID, "", v1), List.of(ID, "abc", v1), List.of(ID, "-1", v1), List.of(ID, "+1762335000", v1),
                List.of(ID, "1762335000.5", v1), List.of(ID, "1762335000000000", v1), List.of(ID, " " + t, v1),
                List.of(ID, t, ""), List.of(ID, t, " "), List.of(ID, t, "v1"), List.of(ID, t, ",abc"),
                List.of(ID, t, "v1,"), List.of(ID, t, "v1,!!!!"), List.of(ID, t, "v1,AAAA"),
                List.of(ID, t, "v1," + Base64.getEncoder().encodeToString(new byte[31])),
                List.of(ID, t, "v1," + Base64.getEncoder().encodeToString(new byte[33])),
                List.of(ID, t, v1.replace('+', '-')), List.of(ID, t, "v1a,abc"),
                List.of(ID, t, (v1 + " ").repeat(9)), List.of(ID, t, v1 + " x".repeat(3000)));
    }

    @ParameterizedTest
    @MethodSource("malformedHeaders")
    void refusesMalformedHeadersWith400(List<String> headers) {
        assertRefused(400, "signature-malformed", () -> verifier.verify(headers.get(0), headers.get(1), headers.get(2), BODY));
    }

    @Test
    void fuzzedHeadersOnlyEverGiveIntakeExceptions() throws Exception {
        Random random = new Random(20261106);
        String signature = librarySignature(SECRET, ID, NOW);
        String[] pieces = {"v1", "v1a", ",", " ", "=", "+", "/", "-", "_", "A", "0", "1762335000", "é", "\u0000",
                "\uDC00", signature, signature.substring(0, 10), "99999999999999999999"};
        int accepted = 0;
        int tries = 0;
        for (int i = 0; i < 3000; i++) {
            String[] values = {ID, Long.toString(NOW), signature};
            int which = random.nextInt(3);
            if (random.nextBoolean()) {
                StringBuilder b = new StringBuilder();
                for (int n = random.nextInt(10); n > 0; n--) {
                    b.append(pieces[random.nextInt(pieces.length)]);
                }
                values[which] = b.toString();
            } else {
                values[which] = StripeSignatureVerifierTest.mutate(values[which], random);
            }
            tries++;
            try {
                verifier.verify(values[0], values[1], values[2], BODY);
                accepted++;
            } catch (IntakeException e) {
                assertTrue(REFUSAL_TYPES.contains(e.type()), e.type());
                assertTrue(e.status() == 400 || e.status() == 401, () -> e.status() + " " + e.type());
            } catch (RuntimeException e) {
                fail(Arrays.toString(values) + " threw " + e);
            }
        }
        assertTrue(accepted < tries / 5, "most fuzzed headers are refused: " + accepted);
    }

    @Test
    void refusesUnusableSecretsWithoutQuotingThem() throws Exception {
        for (String secret : List.of("whsec_not base64!", "whsec_" + Base64.getEncoder().encodeToString(new byte[16]),
                "whsec_" + Base64.getEncoder().encodeToString(new byte[65]), "whsec_", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> single(CLOCK, secret));
            if (secret.length() > "whsec_".length()) {
                assertFalse(e.getMessage().contains(secret.substring(6)), e.getMessage());
            }
        }
        String signature = librarySignature(SECRET, ID, NOW);
        assertRefused(401, "signature-mismatch", () -> new StandardWebhooksVerifier(List.of(), CLOCK)
                .verify(ID, Long.toString(NOW), signature, BODY));
        List<String> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(SECRET);
        }
        assertThrows(IllegalArgumentException.class, () -> single(CLOCK, nine.toArray(String[]::new)));
        assertThrows(NullPointerException.class, () -> single(null, SECRET));
    }

    @Test
    void aDeliveryBelongsToTheConnectorWhoseSecretVerifiesIt() throws Exception {
        StandardWebhooksVerifier two = new StandardWebhooksVerifier(List.of(
                new ConnectorSecrets.Connector("acme-pay", List.of(SECRET, PREVIOUS_SECRET)),
                new ConnectorSecrets.Connector("beta-bank", List.of(STRANGER_SECRET))), CLOCK);
        assertEquals("acme-pay", two.verify(ID, Long.toString(NOW), librarySignature(SECRET, ID, NOW), BODY).connector());
        assertEquals("acme-pay",
                two.verify(ID, Long.toString(NOW), librarySignature(PREVIOUS_SECRET, ID, NOW), BODY).connector());
        assertEquals("beta-bank",
                two.verify(ID, Long.toString(NOW), librarySignature(STRANGER_SECRET, ID, NOW), BODY).connector());
        String unknown = "whsec_" + Base64.getEncoder().encodeToString(utf8("nobody-has-configured-this-one"));
        assertRefused(401, "signature-mismatch",
                () -> two.verify(ID, Long.toString(NOW), librarySignature(unknown, ID, NOW), BODY));
    }

    @Test
    void refusesConfigurationsThatCannotTellConnectorsApart() {
        String other = "whsec_" + Base64.getEncoder().encodeToString(utf8("another-connector-secret-000"));
        for (List<ConnectorSecrets.Connector> invalid : List.of(
                List.of(new ConnectorSecrets.Connector("acme-pay", List.of(SECRET)),
                        new ConnectorSecrets.Connector("beta-bank", List.of(other, SECRET))),
                List.of(new ConnectorSecrets.Connector("acme-pay", List.of(SECRET)),
                        new ConnectorSecrets.Connector("acme-pay", List.of(other))),
                List.of(new ConnectorSecrets.Connector("stripe", List.of(SECRET))),
                List.of(new ConnectorSecrets.Connector("standard", List.of(SECRET))),
                List.of(new ConnectorSecrets.Connector("Acme Pay", List.of(SECRET))),
                List.of(new ConnectorSecrets.Connector("acme-pay", List.of())))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new StandardWebhooksVerifier(invalid, CLOCK), invalid.toString());
            assertFalse(e.getMessage().contains(SECRET.substring(6, 20)), e.getMessage());
        }
        // The same secret twice for one connector is only redundant.
        single(CLOCK, SECRET, SECRET);
    }
}
