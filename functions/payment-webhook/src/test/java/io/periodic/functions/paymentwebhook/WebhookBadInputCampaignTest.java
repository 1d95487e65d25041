package io.periodic.functions.paymentwebhook;

import static io.periodic.functions.paymentwebhook.Intake.NOW;
import static io.periodic.functions.paymentwebhook.Intake.STANDARD_CONNECTOR;
import static io.periodic.functions.paymentwebhook.Intake.STANDARD_SECRET;
import static io.periodic.functions.paymentwebhook.Intake.STRIPE_PREVIOUS;
import static io.periodic.functions.paymentwebhook.Intake.STRIPE_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.net.Webhook;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.InboundEvent;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotificationJson;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.ElasticMqExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The bad-input campaign of issue 12 for the webhook and statement routes, through the real
 * {@link PaymentWebhookHandler} (API Gateway v2 events) on DynamoDB Local and ElasticMQ: {@code POST /webhooks/stripe},
 * {@code POST /webhooks/standard} and {@code POST /bank-statements} (camt.053/camt.054 XML and the CSV of
 * docs/bank-statement-csv.md).
 *
 * <p>Malformed payloads are <em>validly signed</em> (the signature is computed over exactly the bytes intake reads),
 * so that the payload checks behind the signature are what is exercised; signature and header malformations have
 * their own rows. Every row of {@link #refusals()} must be a 4xx {@code application/problem+json} with the expected
 * status and type whose detail names the field (path, header, line and column, entry and element) at fault where
 * one is, never a 5xx, and must leave nothing behind: no inbound event stored (in any status), nothing on the
 * payment queue.
 *
 * <p>What intake deliberately accepts (unknown event types, authorisations, failed refunds, statements whose entries
 * are all skipped, informational Stripe fields it cannot use, ids that only look like paths) is in
 * {@link #acceptances()}, each row asserting what was recorded, so the campaign documents both sides.
 *
 * <p>One world is shared by every row (ids are unique per row); a row finds the queue empty and leaves it empty.
 */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class WebhookBadInputCampaignTest {
    static final String STRIPE = "POST /webhooks/stripe";
    static final String STANDARD = "POST /webhooks/standard";
    static final String STATEMENTS = "POST /bank-statements";

    static final String BETA = "beta-bank";
    static final String BETA_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "beta-bank-connector-secret-002".getBytes(StandardCharsets.UTF_8));
    /** A well-formed secret nobody configured: 32 bytes. */
    static final String STRANGER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "a-secret-nobody-has-configured!!".getBytes(StandardCharsets.UTF_8));

    private static final String JSON = "application/json";
    private static final String XML = "application/xml";
    private static final String CSV = "text/csv";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CSV_HEADER = "reference,booking_date,amount,currency,payer_name,payer_account,remittance";

    private static Intake w;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void world(DynamoDbLocalEngine engine, ElasticMqEngine mq) throws Exception {
        dynamo = engine.client();
        w = new Intake(engine, mq, ConnectorSecrets.of(
                new ConnectorSecrets.Connector(STANDARD_CONNECTOR, List.of(STANDARD_SECRET)),
                new ConnectorSecrets.Connector(BETA, List.of(BETA_SECRET))));
    }

    // ================================================================================================ the rows

    /**
     * One request. {@code text} is the body as API Gateway hands a text media type to Lambda; {@code bytes}, when
     * set, the body as it hands any other (base64-encoded).
     */
    record Request(String method, String path, Map<String, String> headers, String text, byte[] bytes,
            boolean base64Flag) {
        Request(String method, String path, Map<String, String> headers, String text, byte[] bytes) {
            this(method, path, headers, text, bytes, bytes != null);
        }

        APIGatewayV2HTTPEvent event() {
            APIGatewayV2HTTPEvent event = Intake.request(path, headers, bytes != null
                    ? Base64.getEncoder().encodeToString(bytes) : text);
            event.setIsBase64Encoded(base64Flag);
            event.getRequestContext().getHttp().setMethod(method);
            return event;
        }
    }

    /**
     * A malformed request and what it must be answered.
     *
     * @param at a pattern the problem's detail must contain: the field, header, line or element at fault (null for a
     *     request wrong as a whole: its media type, its size, its path)
     */
    record Refusal(String route, String name, Request request, int status, String type, String at) {
        @Override
        public String toString() {
            return route + " · " + name;
        }
    }

    /** A request intake accepts on purpose, and what it must have recorded. */
    record Acceptance(String route, String name, Request request, Check check) {
        @Override
        public String toString() {
            return route + " · " + name;
        }
    }

    @FunctionalInterface
    interface Check {
        void verify(APIGatewayV2HTTPResponse response, JsonNode answer, Set<String> stored, List<PaymentNotification> queued)
                throws Exception;
    }

    static Stream<Arguments> refusals() {
        return refusalList().stream().map(r -> Arguments.of(r.toString(), r));
    }

    static Stream<Arguments> acceptances() {
        return acceptanceList().stream().map(a -> Arguments.of(a.toString(), a));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void everyMalformedRequestIsA4xxProblemNamingWhatIsWrongAndStoresNothing(String name, Refusal row)
            throws Exception {
        takeQueued(); // what an earlier row left, if it failed: every row starts from an empty queue
        Set<String> before = storedEvents();
        APIGatewayV2HTTPResponse response = w.post(row.request().event());
        String shown = response.getStatusCode() + " " + abbreviated(response.getBody());

        assertTrue(response.getStatusCode() >= 400 && response.getStatusCode() < 500, "a 4xx, never a 5xx: " + shown);
        assertEquals(row.status(), response.getStatusCode(), shown);
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"), shown);
        JsonNode problem = MAPPER.readTree(response.getBody());
        assertEquals("https://periodic.dev/problems/" + row.type(), problem.path("type").asText(), shown);
        assertEquals(row.status(), problem.path("status").asInt(), shown);
        assertFalse(problem.path("title").asText().isBlank(), shown);
        String detail = problem.path("detail").asText();
        assertFalse(detail.isBlank(), shown);
        if (row.at() != null) {
            assertTrue(Pattern.compile(row.at()).matcher(detail).find(), "the detail names /" + row.at() + "/: "
                    + shown);
        }
        Set<String> after = storedEvents();
        after.removeAll(before);
        assertEquals(Set.of(), after, "nothing stored");
        assertEquals(0, queueDepth(), () -> "nothing enqueued: " + takeQueued());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptances")
    void whatIntakeAcceptsOnPurposeIsRecordedAsSuch(String name, Acceptance row) throws Exception {
        takeQueued();
        Set<String> before = storedEvents();
        APIGatewayV2HTTPResponse response = w.post(row.request().event());
        String shown = response.getStatusCode() + " " + abbreviated(response.getBody());
        assertEquals(200, response.getStatusCode(), shown);
        assertEquals("application/json", response.getHeaders().get("Content-Type"), shown);
        Set<String> stored = storedEvents();
        stored.removeAll(before);
        row.check().verify(response, MAPPER.readTree(response.getBody()), stored, takeQueued());
        assertEquals(0, queueDepth(), "the queue is left empty");
    }

    @Test
    void theCampaignCoversEveryRouteWithAtLeast150MalformedRequests() {
        Map<String, Integer> perRoute = new TreeMap<>();
        refusalList().forEach(r -> perRoute.merge(r.route(), 1, Integer::sum));
        assertEquals(Set.of(STRIPE, STANDARD, STATEMENTS), perRoute.keySet());
        perRoute.forEach((route, n) -> assertTrue(n >= 50, route + " has only " + n + " malformed requests"));
        assertTrue(perRoute.values().stream().mapToInt(Integer::intValue).sum() >= 150, perRoute.toString());
        Set<String> names = new HashSet<>();
        refusalList().forEach(r -> assertTrue(names.add(r.toString()), "two rows named " + r));
        acceptanceList().forEach(a -> assertTrue(names.add(a.toString()), "two rows named " + a));
    }

    /** The campaign signs with its own HMAC code (it must sign bytes, not strings): it agrees with both libraries. */
    @Test
    void theCampaignsSignaturesAreTheLibrariesSignatures() throws Exception {
        String body = "{\"id\": \"evt_1\", \"note\": \"Jürgen\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertEquals("t=" + NOW + ",v1=" + Webhook.Util.computeHmacSha256(STRIPE_SECRET, NOW + "." + body),
                stripeSignature(STRIPE_SECRET, NOW, bytes));
        assertEquals(new com.standardwebhooks.Webhook(BETA_SECRET).sign("msg_1", NOW, body),
                standardSignature(BETA_SECRET, "msg_1", NOW, bytes));
    }

    // ================================================================================================ Stripe

    private static List<Refusal> refusalList() {
        List<Refusal> rows = new ArrayList<>();
        stripeEnvelope(rows);
        stripeSignatures(rows);
        stripePayloads(rows);
        standardEnvelope(rows);
        standardHeaders(rows);
        standardPayloads(rows);
        statementTransport(rows);
        camt(rows);
        csv(rows);
        return rows;
    }

    /** A payment_intent.succeeded of 12,000 JPY; every mutation below replaces one fragment of it. */
    static String stripeIntent() {
        return "{\"id\": \"evt_" + unique() + "\", \"object\": \"event\", \"api_version\": \"2024-06-20\", "
                + "\"created\": " + NOW + ", \"livemode\": false, \"type\": \"payment_intent.succeeded\", "
                + "\"data\": {\"object\": {\"id\": \"pi_" + unique() + "\", \"object\": \"payment_intent\", "
                + "\"amount\": 12000, \"amount_received\": 12000, \"currency\": \"jpy\", \"customer\": \"cus_1\", "
                + "\"receipt_email\": \"payer@example.com\", \"description\": \"Subscription payment\", "
                + "\"status\": \"succeeded\", \"metadata\": {\"invoice_number\": \"INV-2025-000001\"}}}}";
    }

    static String stripeCharge(String type) {
        return "{\"id\": \"evt_" + unique() + "\", \"object\": \"event\", \"created\": " + NOW + ", \"type\": \""
                + type + "\", \"data\": {\"object\": {\"id\": \"ch_" + unique() + "\", \"object\": \"charge\", "
                + "\"amount\": 3000, \"amount_captured\": 3000, \"amount_refunded\": 1000, \"captured\": true, "
                + "\"currency\": \"usd\", \"payment_intent\": \"pi_" + unique() + "\", "
                + "\"billing_details\": {\"name\": \"Jane Doe\", \"email\": \"jane@example.com\"}}}}";
    }

    static String stripeRefund(String status) {
        return "{\"id\": \"evt_" + unique() + "\", \"object\": \"event\", \"created\": " + NOW
                + ", \"type\": \"refund.created\", \"data\": {\"object\": {\"id\": \"re_" + unique() + "\", "
                + "\"object\": \"refund\", \"amount\": 1000, \"currency\": \"usd\", \"status\": \"" + status + "\", "
                + "\"charge\": \"ch_" + unique() + "\", \"payment_intent\": \"pi_" + unique() + "\"}}}";
    }

    static String stripeDispute() {
        return "{\"id\": \"evt_" + unique() + "\", \"object\": \"event\", \"created\": " + NOW
                + ", \"type\": \"charge.dispute.created\", \"data\": {\"object\": {\"id\": \"dp_" + unique() + "\", "
                + "\"object\": \"dispute\", \"amount\": 3000, \"currency\": \"usd\", \"charge\": \"ch_" + unique()
                + "\"}}}";
    }

    /** Malformations of the body and its transport, each signed over exactly the bytes sent. */
    private static void stripeEnvelope(List<Refusal> rows) {
        jsonEnvelope(rows, STRIPE, WebhookBadInputCampaignTest::stripeIntent, WebhookBadInputCampaignTest::stripe,
                WebhookBadInputCampaignTest::stripeBytes, "\"amount_received\": 12000",
                "\"currency\": \"jpy\"");
    }

    private static void stripeSignatures(List<Refusal> rows) {
        String h = "Stripe-Signature";
        rows.add(stripeHeader("no Stripe-Signature header", null, 400, "signature-missing", h));
        rows.add(stripeHeader("an empty Stripe-Signature", "", 400, "signature-malformed", h));
        rows.add(stripeHeader("a blank Stripe-Signature", "   ", 400, "signature-malformed", h));
        String v1 = "v1=" + "ab".repeat(32);
        rows.add(stripeHeader("t is not a number", "t=abc," + v1, 400, "signature-malformed", "t is not"));
        rows.add(stripeHeader("no t", v1, 400, "signature-malformed", "no t"));
        rows.add(stripeHeader("t twice", "t=" + NOW + ",t=" + NOW + "," + v1, 400, "signature-malformed",
                "more than one t"));
        rows.add(stripeHeader("t of 13 digits", "t=1764000000000," + v1, 400, "signature-malformed", "t is not"));
        rows.add(stripeHeader("a negative t", "t=-1764000000," + v1, 400, "signature-malformed", "t is not"));
        rows.add(stripeHeader("t in milliseconds with a fraction", "t=1764000000.5," + v1, 400,
                "signature-malformed", "t is not"));
        rows.add(stripeHeader("only a v0 signature", "t=" + NOW + ",v0=" + "ab".repeat(32), 400,
                "signature-malformed", "no v1"));
        rows.add(stripeHeader("v1 is not hex", "t=" + NOW + ",v1=" + "zz".repeat(32), 400, "signature-malformed",
                "64 hex"));
        rows.add(stripeHeader("v1 of 63 hex digits", "t=" + NOW + ",v1=" + "a".repeat(63), 400,
                "signature-malformed", "64 hex"));
        rows.add(stripeHeader("an item without =", "t=" + NOW + "," + v1 + ",garbage", 400, "signature-malformed",
                "key=value"));
        rows.add(stripeHeader("nine v1 signatures", "t=" + NOW + ("," + v1).repeat(9), 400, "signature-malformed",
                "more than 8"));
        rows.add(stripeHeader("a header of 5,000 characters", "t=" + NOW + "," + v1 + ",v0=" + "a".repeat(5_000),
                400, "signature-malformed", "longer than 4096"));
        String body = stripeIntent();
        Map<String, String> twice = stripeHeaders(body);
        twice.put("STRIPE-SIGNATURE", "t=" + NOW + "," + v1);
        rows.add(new Refusal(STRIPE, "Stripe-Signature twice with different values",
                new Request("POST", "/webhooks/stripe", twice, body, null), 400, "signature-malformed",
                "more than once"));
        rows.add(stripeSigned("signed with a secret nobody configured", "whsec_someone_else", NOW, 401,
                "signature-mismatch"));
        rows.add(stripeSigned("signed with the Standard Webhooks secret", STANDARD_SECRET, NOW, 401,
                "signature-mismatch"));
        rows.add(stripeSigned("signed 301 s ago", STRIPE_SECRET, NOW - 301, 401, "timestamp-out-of-tolerance"));
        rows.add(stripeSigned("signed 301 s in the future", STRIPE_SECRET, NOW + 301, 401,
                "timestamp-out-of-tolerance"));
        rows.add(stripeSigned("signed at t=0", STRIPE_SECRET, 0, 401, "timestamp-out-of-tolerance"));
        String tampered = stripeIntent();
        Map<String, String> signed = stripeHeaders(tampered);
        rows.add(new Refusal(STRIPE, "the amount changed after signing", new Request("POST", "/webhooks/stripe",
                signed, tampered.replace("\"amount_received\": 12000", "\"amount_received\": 12001"), null), 401,
                "signature-mismatch", null));
        String spaced = stripeIntent();
        rows.add(new Refusal(STRIPE, "the body re-serialised after signing", new Request("POST",
                "/webhooks/stripe", stripeHeaders(spaced), spaced.replace(", ", ","), null), 401,
                "signature-mismatch", null));
        String moved = stripeIntent();
        Map<String, String> otherT = stripeHeaders(moved);
        otherT.put("stripe-signature", otherT.get("stripe-signature").replace("t=" + NOW, "t=" + (NOW + 1)));
        rows.add(new Refusal(STRIPE, "t changed after signing", new Request("POST", "/webhooks/stripe", otherT,
                moved, null), 401, "signature-mismatch", null));
    }

    private static Refusal stripeHeader(String name, String header, int status, String type, String at) {
        String body = stripeIntent();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", JSON);
        if (header != null) {
            headers.put("stripe-signature", header);
        }
        return new Refusal(STRIPE, name, new Request("POST", "/webhooks/stripe", headers, body, null), status, type,
                Pattern.quote(at));
    }

    private static Refusal stripeSigned(String name, String secret, long t, int status, String type) {
        String body = stripeIntent();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", JSON);
        headers.put("stripe-signature", stripeSignature(secret, t, body.getBytes(StandardCharsets.UTF_8)));
        return new Refusal(STRIPE, name, new Request("POST", "/webhooks/stripe", headers, body, null), status, type,
                null);
    }

    private static void stripePayloads(List<Refusal> rows) {
        // The envelope: id, type, created, data.object.
        stripeMalformed(rows, "no id", stripeIntent().replaceFirst("\"id\": \"evt_[A-Z]+\", ", ""), "no id");
        stripeMalformed(rows, "id a number", stripeIntent().replaceFirst("\"evt_[A-Z]+\"", "42"), "no id");
        stripeMalformed(rows, "id empty", stripeIntent().replaceFirst("\"evt_[A-Z]+\"", "\"\""), "no id");
        stripeMalformed(rows, "id of 256 characters", stripeIntent().replaceFirst("\"evt_[A-Z]+\"",
                "\"evt_" + "x".repeat(252) + "\""), "no id");
        stripeMalformed(rows, "id of 1 KB", stripeIntent().replaceFirst("\"evt_[A-Z]+\"",
                "\"evt_" + "x".repeat(1_020) + "\""), "no id");
        stripeMalformed(rows, "id with a space", stripeIntent().replaceFirst("\"evt_([A-Z]+)\"", "\"evt_$1 x\""),
                "no id");
        stripeMalformed(rows, "id with an escaped NUL", stripeIntent().replaceFirst("\"evt_([A-Z]+)\"",
                "\"evt_$1\\\\u0000\""), "no id");
        stripeMalformed(rows, "id with a lone surrogate escape", stripeIntent().replaceFirst("\"evt_([A-Z]+)\"",
                "\"evt_$1\\\\ud800\""), "no id");
        stripeMalformed(rows, "id with a right-to-left override", stripeIntent().replaceFirst("\"evt_([A-Z]+)\"",
                "\"evt_\\\\u202e$1\""), "no id");
        stripeMalformed(rows, "no type", swap(stripeIntent(), "\"type\": \"payment_intent.succeeded\", ", ""),
                "no type");
        stripeMalformed(rows, "type a number", swap(stripeIntent(), "\"payment_intent.succeeded\"", "7"), "no type");
        stripeMalformed(rows, "type with a space", swap(stripeIntent(), "\"payment_intent.succeeded\"",
                "\"payment_intent succeeded\""), "no type");
        stripeMalformed(rows, "type of 101 characters", swap(stripeIntent(), "\"payment_intent.succeeded\"",
                "\"" + "t".repeat(101) + "\""), "no type");
        String created = "\"created\": " + NOW;
        stripeField(rows, "created missing", swap(stripeIntent(), created + ", ", ""), "created");
        stripeField(rows, "created a string", swap(stripeIntent(), created, "\"created\": \"" + NOW + "\""),
                "created");
        stripeField(rows, "created negative", swap(stripeIntent(), created, "\"created\": -" + NOW), "created");
        stripeField(rows, "created with a fraction", swap(stripeIntent(), created, created + ".5"), "created");
        stripeField(rows, "created in milliseconds (13 digits)", swap(stripeIntent(), created, created + "000"),
                "created");
        stripeField(rows, "created in year 10000", swap(stripeIntent(), created, "\"created\": 253402300800"),
                "created");
        stripeField(rows, "data missing", stripeIntent().replaceFirst(", \"data\": .*", "}"), "data.object");
        stripeField(rows, "data.object an array", stripeIntent().replaceFirst("\"data\": \\{\"object\": \\{.*",
                "\"data\": {\"object\": [1]}}"), "data.object");
        stripeField(rows, "data.object of another kind", swap(stripeIntent(), "\"object\": \"payment_intent\"",
                "\"object\": \"charge\""), "data.object.object");
        // The payment intent's id.
        stripeField(rows, "payment intent id missing", stripeIntent().replaceFirst("\"id\": \"pi_[A-Z]+\", ", ""),
                "data.object.id");
        stripeField(rows, "payment intent id a number", stripeIntent().replaceFirst("\"pi_[A-Z]+\"", "123"),
                "data.object.id");
        stripeField(rows, "payment intent id of 256 characters", stripeIntent().replaceFirst("\"pi_[A-Z]+\"",
                "\"pi_" + "9".repeat(253) + "\""), "data.object.id");
        stripeField(rows, "payment intent id with a line break", stripeIntent().replaceFirst("\"pi_([A-Z]+)\"",
                "\"pi_$1\\\\n\""), "data.object.id");
        stripeField(rows, "payment intent id non-ASCII", stripeIntent().replaceFirst("\"pi_([A-Z]+)\"",
                "\"pi_$1\u00e9\""), "data.object.id");
        // amount_received: a positive whole number of Stripe minor units, at most 12 digits.
        String amount = "\"amount_received\": 12000";
        Map<String, String> amounts = new LinkedHashMap<>();
        amounts.put("negative", "-12000");
        amounts.put("zero", "0");
        amounts.put("minus zero", "-0");
        amounts.put("13 digits", "1000000000000");
        amounts.put("beyond 64 bits", "99999999999999999999999");
        amounts.put("beyond 64 bits, negative", "-99999999999999999999999");
        amounts.put("with a fraction", "12000.5");
        amounts.put("12000.0", "12000.0");
        amounts.put("an exponent 1.2e4", "1.2e4");
        amounts.put("a string", "\"12000\"");
        amounts.put("true", "true");
        amounts.put("an object", "{\"value\": 12000}");
        amounts.put("an array", "[12000]");
        amounts.put("null", "null");
        amounts.forEach((what, value) -> stripeAmount(rows, "amount_received " + what,
                swap(stripeIntent(), amount, "\"amount_received\": " + value), "data.object.amount_received"));
        stripeAmount(rows, "amount_received missing", swap(stripeIntent(), amount + ", ", ""),
                "data.object.amount_received");
        // The currency: a lower- (or upper-) case ISO 4217 code of a monetary currency Stripe can represent.
        String currency = "\"currency\": \"jpy\"";
        Map<String, String> currencies = new LinkedHashMap<>();
        currencies.put("unknown", "\"xyz\"");
        currencies.put("no minor unit (XXX)", "\"xxx\"");
        currencies.put("gold (XAU)", "\"xau\"");
        currencies.put("4 decimals without a Stripe exponent (CLF)", "\"clf\"");
        currencies.put("two letters", "\"jp\"");
        currencies.put("with a space", "\"jpy \"");
        currencies.put("a number", "392");
        currencies.put("full-width letters", "\"\uff4a\uff50\uff59\"");
        currencies.put("with an escaped NUL", "\"jp\\u0000\"");
        currencies.forEach((what, value) -> stripeAmount(rows, "currency " + what,
                swap(stripeIntent(), currency, "\"currency\": " + value), "data.object.currency"));
        stripeAmount(rows, "currency missing", swap(stripeIntent(), currency + ", ", ""), "data.object.currency");
        stripeAmount(rows, "ISK not in whole krónur (Stripe sends ISK with 2 decimals)", swap(swap(stripeIntent(),
                currency, "\"currency\": \"isk\""), amount, "\"amount_received\": 50050"),
                "data.object.amount_received");
        // The other handled types.
        stripeField(rows, "charge.succeeded with captured a string", swap(stripeCharge("charge.succeeded"),
                "\"captured\": true", "\"captured\": \"yes\""), "data.object.captured");
        stripeAmount(rows, "charge.succeeded with amount_captured negative", swap(stripeCharge("charge.succeeded"),
                "\"amount_captured\": 3000", "\"amount_captured\": -3000"), "data.object.amount_captured");
        stripeField(rows, "charge.succeeded whose payment_intent is an object without id",
                stripeCharge("charge.succeeded").replaceFirst("\"payment_intent\": \"pi_[A-Z]+\"",
                        "\"payment_intent\": {\"object\": \"payment_intent\"}"), "data.object.payment_intent");
        stripeField(rows, "charge.succeeded whose payment_intent is a number",
                stripeCharge("charge.succeeded").replaceFirst("\"payment_intent\": \"pi_[A-Z]+\"",
                        "\"payment_intent\": 5"), "data.object.payment_intent");
        stripeAmount(rows, "charge.refunded without amount_refunded", swap(stripeCharge("charge.refunded"),
                "\"amount_refunded\": 1000, ", ""), "data.object.amount_refunded");
        stripeAmount(rows, "charge.refunded with amount_refunded 1e3", swap(stripeCharge("charge.refunded"),
                "\"amount_refunded\": 1000", "\"amount_refunded\": 1e3"), "data.object.amount_refunded");
        stripeField(rows, "charge.refunded without the charge id",
                stripeCharge("charge.refunded").replaceFirst("\"id\": \"ch_[A-Z]+\", ", ""), "data.object.id");
        stripeField(rows, "refund.created without status", swap(stripeRefund("succeeded"),
                "\"status\": \"succeeded\", ", ""), "data.object.status");
        stripeField(rows, "refund.created with status a number", swap(stripeRefund("succeeded"),
                "\"succeeded\"", "1"), "data.object.status");
        stripeField(rows, "refund.created without its charge",
                stripeRefund("succeeded").replaceFirst("\"charge\": \"ch_[A-Z]+\", ", ""), "data.object.charge");
        stripeAmount(rows, "refund.created of zero", swap(stripeRefund("succeeded"), "\"amount\": 1000",
                "\"amount\": 0"), "data.object.amount");
        stripeField(rows, "charge.dispute.created without its charge",
                stripeDispute().replaceFirst(", \"charge\": \"ch_[A-Z]+\"", ""), "data.object.charge");
        stripeAmount(rows, "charge.dispute.created of 13 digits", swap(stripeDispute(), "\"amount\": 3000",
                "\"amount\": 1000000000000"), "data.object.amount");
    }

    private static void stripeMalformed(List<Refusal> rows, String name, String body, String at) {
        rows.add(new Refusal(STRIPE, name, stripe(body), 400, "malformed-json", Pattern.quote(at)));
    }

    private static void stripeField(List<Refusal> rows, String name, String body, String path) {
        rows.add(new Refusal(STRIPE, name, stripe(body), 422, "invalid-field", field(path)));
    }

    private static void stripeAmount(List<Refusal> rows, String name, String body, String path) {
        rows.add(new Refusal(STRIPE, name, stripe(body), 422, "invalid-amount", field(path)));
    }

    static Request stripe(String body) {
        return new Request("POST", "/webhooks/stripe", stripeHeaders(body), body, null);
    }

    static Request stripeBytes(byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", JSON);
        headers.put("stripe-signature", stripeSignature(STRIPE_SECRET, NOW, body));
        return new Request("POST", "/webhooks/stripe", headers, null, body);
    }

    static Map<String, String> stripeHeaders(String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", JSON);
        headers.put("stripe-signature", stripeSignature(STRIPE_SECRET, NOW, utf8(body)));
        return headers;
    }

    // ================================================================================================ JSON bodies

    /**
     * The malformations any JSON webhook body can have, signed over the bytes sent.
     *
     * @param valid a fresh valid body
     * @param amountFragment a fragment of {@code valid} holding a number, to put NaN and friends in its place
     */
    private static void jsonEnvelope(List<Refusal> rows, String route, java.util.function.Supplier<String> valid,
            java.util.function.Function<String, Request> signed, java.util.function.Function<byte[], Request> raw,
            String amountFragment, String nestedFragment) {
        String key = amountFragment.substring(0, amountFragment.indexOf(':') + 1);
        java.util.function.BiConsumer<String, String> malformed = (name, body) ->
                rows.add(new Refusal(route, name, signed.apply(body), 400, "malformed-json", null));
        malformed.accept("an empty body", "");
        malformed.accept("a blank body", " \r\n\t ");
        malformed.accept("the literal null", "null");
        malformed.accept("a JSON array of the event", "[" + valid.get() + "]");
        malformed.accept("a JSON string", "\"payment\"");
        malformed.accept("a JSON number", "42");
        String truncated = valid.get();
        malformed.accept("truncated", truncated.substring(0, truncated.length() - 1));
        malformed.accept("trailing garbage", valid.get() + " garbage");
        malformed.accept("two events in one body", valid.get() + valid.get());
        String trailingComma = valid.get();
        malformed.accept("a trailing comma", trailingComma.substring(0, trailingComma.length() - 1) + ",}");
        malformed.accept("a comment", "/* hello */ " + valid.get());
        malformed.accept("single quotes", valid.get().replace('"', '\''));
        malformed.accept("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000));
        malformed.accept("10,000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
        String deep = valid.get();
        malformed.accept("1,001 nested arrays inside a valid event", deep.substring(0, deep.length() - 1)
                + ", \"extra\": " + "[".repeat(1_001) + "]".repeat(1_001) + "}");
        malformed.accept("NaN as a number", swap(valid.get(), amountFragment, key + " NaN"));
        malformed.accept("Infinity as a number", swap(valid.get(), amountFragment, key + " Infinity"));
        malformed.accept("-Infinity as a number", swap(valid.get(), amountFragment, key + " -Infinity"));
        malformed.accept("a number with a leading zero", swap(valid.get(), amountFragment, key + " 012"));
        malformed.accept("a hexadecimal number", swap(valid.get(), amountFragment, key + " 0x10"));
        malformed.accept("a raw NUL inside a string", valid.get().replaceFirst("\"(evt|msg|pay)_", "\"$1_\u0000"));
        malformed.accept("a raw line break inside a string", valid.get().replaceFirst("\"(evt|msg|pay)_", "\"$1_\n"));
        String top = valid.get();
        malformed.accept("a repeated top-level key", "{\"type\": \"x\", " + top.substring(1));
        String nested = valid.get();
        malformed.accept("a repeated nested key", swap(nested, nestedFragment, nestedFragment + ", "
                + nestedFragment.replaceFirst(": .*", ": \"EUR\"")));
        String same = valid.get();
        malformed.accept("a repeated nested key with the same value", swap(same, nestedFragment, nestedFragment
                + ", " + nestedFragment));
        byte[] bytes = utf8(valid.get());
        rows.add(new Refusal(route, "invalid UTF-8 (a lead byte without its continuation)", raw.apply(
                splice(bytes, 1, new byte[] {'"', 'x', (byte) 0xc3, '(', '"', ':', '1', ','})), 400,
                "malformed-json", null));
        rows.add(new Refusal(route, "overlong UTF-8 (C0 AF for '/')", raw.apply(
                splice(bytes, 1, new byte[] {'"', 'x', (byte) 0xc0, (byte) 0xaf, '"', ':', '1', ','})), 400,
                "malformed-json", null));
        rows.add(new Refusal(route, "UTF-8-encoded surrogates (CESU-8)", raw.apply(splice(bytes, 1, new byte[] {'"',
            (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xed, (byte) 0xb0, (byte) 0x80, '"', ':', '1', ','})), 400,
                "malformed-json", null));
        rows.add(new Refusal(route, "Latin-1 bytes (Jürgen)", raw.apply(splice(bytes, 1,
                "\"J\u00fcrgen\":1,".getBytes(StandardCharsets.ISO_8859_1))), 400, "malformed-json", null));
        rows.add(new Refusal(route, "UTF-16 with a byte-order mark", raw.apply(
                valid.get().getBytes(StandardCharsets.UTF_16)), 400, "malformed-json", null));
        rows.add(new Refusal(route, "UTF-16LE without a byte-order mark", raw.apply(
                valid.get().getBytes(StandardCharsets.UTF_16LE)), 400, "malformed-json", null));
        rows.add(new Refusal(route, "UTF-32", raw.apply(valid.get().getBytes(java.nio.charset.Charset.forName(
                "UTF-32"))), 400, "malformed-json", null));
        Request loneSurrogate = signed.apply(valid.get());
        rows.add(new Refusal(route, "a raw lone surrogate in the text body", new Request("POST",
                loneSurrogate.path(), loneSurrogate.headers(), loneSurrogate.text().replaceFirst("\\{",
                "{\"\ud800\": 1, "), null), 400, "malformed-body", null));
        Request notBase64 = signed.apply(valid.get());
        rows.add(new Refusal(route, "isBase64Encoded with a body that is not base64", new Request("POST",
                notBase64.path(), notBase64.headers(), "!!! not base64 !!!", null, true), 400, "malformed-body",
                null));
        String big = "{\"pad\": \"" + "x".repeat(1024 * 1024) + "\"}";
        rows.add(new Refusal(route, "a 1 MB body", signed.apply(big), 413, "payload-too-large", "at most 262144"));
        String justOver = "{\"pad\": \"" + "x".repeat(256 * 1024 - 10) + "\"}";
        rows.add(new Refusal(route, "256 KB + 1 byte", signed.apply(justOver), 413, "payload-too-large",
                "262145 bytes"));
        for (String type : new String[] {null, "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/jsonp", "application/json; charset=iso-8859-1",
            "application/json; charset=utf-16", "application/json; charset=no-such-charset"}) {
            Request r = signed.apply(valid.get());
            Map<String, String> headers = new LinkedHashMap<>(r.headers());
            headers.remove("content-type");
            if (type != null) {
                headers.put("content-type", type);
            }
            rows.add(new Refusal(route, "Content-Type " + (type == null ? "missing" : type), new Request("POST",
                    r.path(), headers, r.text(), null), 415, "unsupported-media-type", null));
        }
        Request get = signed.apply(valid.get());
        rows.add(new Refusal(route, "GET instead of POST", new Request("GET", get.path(), get.headers(), null, null),
                405, "method-not-allowed", null));
        for (String path : new String[] {get.path() + "/", get.path() + "/../../etc/passwd",
            get.path().toUpperCase(java.util.Locale.ROOT), get.path() + "%00", get.path() + "/" + "x".repeat(2_048)}) {
            Request r = signed.apply(valid.get());
            rows.add(new Refusal(route, "path " + (path.length() > 60 ? path.substring(0, 40) + "... ("
                    + path.length() + " characters)" : path), new Request("POST", path, r.headers(), r.text(), null),
                    404, "not-found", null));
        }
    }

    // ================================================================================================ Standard

    /** A payment.received of 8,000 JPY from acme-pay, with every optional member present. */
    static String standardReceived() {
        return "{\"type\": \"payment.received\", \"timestamp\": \"2025-11-24T15:59:00Z\", \"data\": {"
                + "\"provider\": \"acme-pay\", \"paymentId\": \"pay_" + unique() + "\", \"amount\": \"8000\", "
                + "\"currency\": \"JPY\", \"payer\": {\"name\": \"Test KK\", \"email\": \"payer@example.com\", "
                + "\"reference\": \"C-1001\", \"account\": \"DE89370400440532013000\"}, "
                + "\"invoiceNumber\": \"INV-2025-000002\", \"remittance\": \"Invoice INV-2025-000002\"}}";
    }

    static String standardRefunded() {
        return "{\"type\": \"payment.refunded\", \"timestamp\": \"2025-11-24T15:59:30Z\", \"data\": {"
                + "\"paymentId\": \"pay_" + unique() + "\", \"refundId\": \"ref_" + unique() + "\", "
                + "\"amount\": \"2000\", \"currency\": \"JPY\"}}";
    }

    private static void standardEnvelope(List<Refusal> rows) {
        jsonEnvelope(rows, STANDARD, WebhookBadInputCampaignTest::standardWithNumber,
                WebhookBadInputCampaignTest::standard, WebhookBadInputCampaignTest::standardBytes,
                "\"attempt\": 1", "\"currency\": \"JPY\"");
    }

    /** A valid event with a (ignored) numeric member, for the number malformations. */
    static String standardWithNumber() {
        return standardReceived().replaceFirst("\\{\"type\"", "{\"attempt\": 1, \"type\"");
    }

    private static void standardHeaders(List<Refusal> rows) {
        for (String header : new String[] {"webhook-id", "webhook-timestamp", "webhook-signature"}) {
            rows.add(standardHeader("no " + header + " header", header, null, 400, "signature-missing", header));
        }
        rows.add(standardHeader("webhook-id empty", "webhook-id", "", 400, "signature-malformed", "webhook-id"));
        rows.add(standardHeader("webhook-id of 256 characters", "webhook-id", "m".repeat(256), 400,
                "signature-malformed", "webhook-id"));
        rows.add(standardHeader("webhook-id of 1 KB", "webhook-id", "m".repeat(1_024), 400, "signature-malformed",
                "webhook-id"));
        rows.add(standardHeader("webhook-id with a space", "webhook-id", "msg 1", 400, "signature-malformed",
                "webhook-id"));
        rows.add(standardHeader("webhook-id non-ASCII", "webhook-id", "msg_\u00e9", 400, "signature-malformed",
                "webhook-id"));
        rows.add(standardHeader("webhook-id with a NUL", "webhook-id", "msg_\u0000", 400, "signature-malformed",
                "webhook-id"));
        rows.add(standardHeader("webhook-timestamp not a number", "webhook-timestamp", "yesterday", 400,
                "signature-malformed", "webhook-timestamp"));
        rows.add(standardHeader("webhook-timestamp of 13 digits", "webhook-timestamp", NOW + "000", 400,
                "signature-malformed", "webhook-timestamp"));
        rows.add(standardHeader("webhook-timestamp negative", "webhook-timestamp", "-" + NOW, 400,
                "signature-malformed", "webhook-timestamp"));
        rows.add(standardHeader("webhook-timestamp with an exponent", "webhook-timestamp", "1.764e9", 400,
                "signature-malformed", "webhook-timestamp"));
        String sig = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
        rows.add(standardHeader("webhook-signature without a version", "webhook-signature",
                Base64.getEncoder().encodeToString(new byte[32]), 400, "signature-malformed", "webhook-signature"));
        rows.add(standardHeader("a v1 signature that is not base64", "webhook-signature", "v1,***", 400,
                "signature-malformed", "base64 of 32"));
        rows.add(standardHeader("a v1 signature of 16 bytes", "webhook-signature",
                "v1," + Base64.getEncoder().encodeToString(new byte[16]), 400, "signature-malformed", "base64 of 32"));
        rows.add(standardHeader("only an asymmetric v1a signature", "webhook-signature",
                "v1a," + Base64.getEncoder().encodeToString(new byte[64]), 400, "signature-malformed", "no v1"));
        rows.add(standardHeader("nine v1 signatures", "webhook-signature", (sig + " ").repeat(9).strip(), 400,
                "signature-malformed", "more than 8"));
        rows.add(standardHeader("webhook-signature of 5,000 characters", "webhook-signature",
                sig + " " + "v2," + "a".repeat(5_000), 400, "signature-malformed", "longer than 4096"));
        String body = standardReceived();
        Map<String, String> twice = standardHeadersFor(STANDARD_SECRET, "msg_" + unique(), NOW, utf8(body));
        twice.put("Webhook-Id", "msg_" + unique());
        rows.add(new Refusal(STANDARD, "webhook-id twice with different values", new Request("POST",
                "/webhooks/standard", twice, body, null), 400, "signature-malformed", "more than once"));
        rows.add(standardSigned("signed with a secret nobody configured", STRANGER_SECRET, NOW, 401,
                "signature-mismatch"));
        rows.add(standardSigned("signed 301 s ago", STANDARD_SECRET, NOW - 301, 401, "timestamp-out-of-tolerance"));
        rows.add(standardSigned("signed 301 s in the future", STANDARD_SECRET, NOW + 301, 401,
                "timestamp-out-of-tolerance"));
        String other = standardReceived();
        Map<String, String> otherId = standardHeadersFor(STANDARD_SECRET, "msg_" + unique(), NOW, utf8(other));
        otherId.put("webhook-id", "msg_" + unique());
        rows.add(new Refusal(STANDARD, "signed for another webhook-id", new Request("POST", "/webhooks/standard",
                otherId, other, null), 401, "signature-mismatch", null));
        String tampered = standardReceived();
        rows.add(new Refusal(STANDARD, "the amount changed after signing", new Request("POST", "/webhooks/standard",
                standardHeadersFor(STANDARD_SECRET, "msg_" + unique(), NOW, utf8(tampered)),
                swap(tampered, "\"8000\"", "\"80000\""), null), 401, "signature-mismatch", null));
    }

    private static Refusal standardHeader(String name, String header, String value, int status, String type,
            String at) {
        String body = standardReceived();
        Map<String, String> headers = standardHeadersFor(STANDARD_SECRET, "msg_" + unique(), NOW, utf8(body));
        headers.remove(header);
        if (value != null) {
            headers.put(header, value);
        }
        return new Refusal(STANDARD, name, new Request("POST", "/webhooks/standard", headers, body, null), status,
                type, Pattern.quote(at));
    }

    private static Refusal standardSigned(String name, String secret, long t, int status, String type) {
        String body = standardReceived();
        return new Refusal(STANDARD, name, new Request("POST", "/webhooks/standard",
                standardHeadersFor(secret, "msg_" + unique(), t, utf8(body)), body, null), status, type, null);
    }

    private static void standardPayloads(List<Refusal> rows) {
        String type = "\"type\": \"payment.received\"";
        standardField(rows, "type missing", swap(standardReceived(), type + ", ", ""), "type");
        standardField(rows, "type a number", swap(standardReceived(), type, "\"type\": 1"), "type");
        standardField(rows, "type with a space", swap(standardReceived(), type, "\"type\": \"payment received\""),
                "type");
        standardField(rows, "type of 101 characters", swap(standardReceived(), type,
                "\"type\": \"" + "p".repeat(101) + "\""), "type");
        String ts = "\"timestamp\": \"2025-11-24T15:59:00Z\"";
        Map<String, String> timestamps = new LinkedHashMap<>();
        timestamps.put("missing", null);
        timestamps.put("a number", String.valueOf(NOW));
        timestamps.put("30 February", "\"2027-02-30T10:00:00Z\"");
        timestamps.put("29 February of a common year", "\"2026-02-29T10:00:00Z\"");
        timestamps.put("hour 25", "\"2026-11-05T25:00:00Z\"");
        timestamps.put("minute 60", "\"2026-11-05T09:60:00Z\"");
        timestamps.put("month 13", "\"2026-13-05T09:30:00Z\"");
        timestamps.put("without an offset", "\"2026-11-05T09:30:00\"");
        timestamps.put("a date only", "\"2026-11-05\"");
        timestamps.put("offset +25:00", "\"2026-11-05T09:30:00+25:00\"");
        timestamps.put("in US notation", "\"11/05/2026 09:30\"");
        timestamps.put("of 65 characters", "\"2026-11-05T09:30:00." + "0".repeat(50) + "Z\"");
        timestamps.put("year 10000", "\"+10000-01-01T00:00:00Z\"");
        timestamps.put("year -1", "\"-0001-01-01T00:00:00Z\"");
        timestamps.put("1969, before any payment this system can hold", "\"1969-12-31T23:59:59Z\"");
        timestamps.forEach((what, value) -> standardField(rows, "timestamp " + what, value == null
                ? swap(standardReceived(), ts + ", ", "") : swap(standardReceived(), ts, "\"timestamp\": " + value),
                "timestamp"));
        String data = "\"data\": {";
        standardField(rows, "data missing", standardReceived().replaceFirst(", \"data\": .*", "}"), "data");
        standardField(rows, "data an array", standardReceived().replaceFirst("\"data\": \\{.*",
                "\"data\": [1]}"), "data");
        standardField(rows, "data a string", standardReceived().replaceFirst("\"data\": \\{.*",
                "\"data\": \"pay\"}"), "data");
        String provider = "\"provider\": \"acme-pay\"";
        standardField(rows, "data.provider naming another connector", swap(standardReceived(), provider,
                "\"provider\": \"beta-bank\""), "data.provider");
        standardField(rows, "data.provider stripe", swap(standardReceived(), provider, "\"provider\": \"stripe\""),
                "data.provider");
        standardField(rows, "data.provider a number", swap(standardReceived(), provider, "\"provider\": 1"),
                "data.provider");
        rows.add(new Refusal(STANDARD, "data.provider acme-pay signed with beta-bank's secret",
                standard(standardReceived(), BETA_SECRET), 422, "invalid-field", field("data.provider")));
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("missing", null);
        ids.put("a number", "42");
        ids.put("empty", "\"\"");
        ids.put("blank", "\"   \"");
        ids.put("with surrounding spaces", "\" pay_1 \"");
        ids.put("of 256 characters", "\"" + "p".repeat(256) + "\"");
        ids.put("of 1 KB", "\"" + "p".repeat(1_024) + "\"");
        ids.put("with an escaped NUL", "\"pay\\u0000\"");
        ids.put("with a line break", "\"pay\\n1\"");
        ids.put("with a lone surrogate escape", "\"pay\\ud800\"");
        ids.put("with a right-to-left override", "\"pay\\u202e1\"");
        ids.put("with U+FFFF", "\"pay\\uffff\"");
        ids.put("with an escaped U+FFFD", "\"pay\\ufffd\"");
        ids.forEach((what, value) -> standardField(rows, "data.paymentId " + what, value == null
                ? standardReceived().replaceFirst("\"paymentId\": \"pay_[A-Z]+\", ", "")
                : standardReceived().replaceFirst("\"paymentId\": \"pay_[A-Z]+\"", "\"paymentId\": "
                        + value.replace("\\", "\\\\")), "data.paymentId"));
        standardField(rows, "data.refundId on a payment.received", swap(standardReceived(), "\"amount\": \"8000\"",
                "\"refundId\": \"ref_1\", \"amount\": \"8000\""), "data.refundId");
        standardField(rows, "data.refundId missing on a payment.refunded",
                standardRefunded().replaceFirst("\"refundId\": \"ref_[A-Z]+\", ", ""), "data.refundId");
        standardField(rows, "data.refundId a number on a payment.refunded",
                standardRefunded().replaceFirst("\"ref_[A-Z]+\"", "7"), "data.refundId");
        standardField(rows, "data.refundId of 256 characters on a payment.refunded",
                standardRefunded().replaceFirst("\"ref_[A-Z]+\"", "\"" + "r".repeat(256) + "\""), "data.refundId");
        // Amounts: a positive plain decimal string, no more decimals than the currency has, at most MAX_MINOR.
        String amount = "\"amount\": \"8000\", \"currency\": \"JPY\"";
        Map<String, String[]> amounts = new LinkedHashMap<>();
        amounts.put("a JSON number", new String[] {"8000", "JPY"});
        amounts.put("a JSON number with decimals", new String[] {"12.30", "USD"});
        amounts.put("negative", new String[] {"\"-8000\"", "JPY"});
        amounts.put("zero", new String[] {"\"0\"", "JPY"});
        amounts.put("0.00 USD", new String[] {"\"0.00\"", "USD"});
        amounts.put("minus zero", new String[] {"\"-0\"", "JPY"});
        amounts.put("one over the maximum (JPY 10^15)", new String[] {"\"1000000000000000\"", "JPY"});
        amounts.put("one cent over the maximum (USD)", new String[] {"\"10000000000000.00\"", "USD"});
        amounts.put("beyond 64 bits", new String[] {"\"99999999999999999999999\"", "JPY"});
        amounts.put("of 41 digits", new String[] {"\"" + "1".repeat(41) + "\"", "JPY"});
        amounts.put("3 decimals in USD", new String[] {"\"10.005\"", "USD"});
        amounts.put("1.5 JPY", new String[] {"\"1.5\"", "JPY"});
        amounts.put("1.0 JPY", new String[] {"\"1.0\"", "JPY"});
        amounts.put("4 decimals in KWD", new String[] {"\"1.2345\"", "KWD"});
        amounts.put("an exponent", new String[] {"\"1e3\"", "USD"});
        amounts.put("a thousands separator", new String[] {"\"1,000\"", "USD"});
        amounts.put("a decimal comma", new String[] {"\"12,30\"", "EUR"});
        amounts.put("a plus sign", new String[] {"\"+5\"", "USD"});
        amounts.put("a leading space", new String[] {"\" 5\"", "USD"});
        amounts.put("no integer part", new String[] {"\".5\"", "USD"});
        amounts.put("no fraction after the point", new String[] {"\"5.\"", "USD"});
        amounts.put("NaN", new String[] {"\"NaN\"", "USD"});
        amounts.put("Infinity", new String[] {"\"Infinity\"", "USD"});
        amounts.put("hexadecimal", new String[] {"\"0x1F\"", "USD"});
        amounts.put("full-width digits", new String[] {"\"\uff11\uff12\"", "JPY"});
        amounts.put("Arabic-Indic digits", new String[] {"\"\u0661\u0662\"", "JPY"});
        amounts.put("empty", new String[] {"\"\"", "JPY"});
        amounts.put("true", new String[] {"true", "JPY"});
        amounts.put("with a currency symbol", new String[] {"\"$5.00\"", "USD"});
        amounts.forEach((what, v) -> standardAmount(rows, "data.amount " + what, swap(standardReceived(), amount,
                "\"amount\": " + v[0] + ", \"currency\": \"" + v[1] + "\""), "data.amount"));
        standardAmount(rows, "data.amount missing", swap(standardReceived(), "\"amount\": \"8000\", ", ""),
                "data.amount");
        Map<String, String> currencies = new LinkedHashMap<>();
        currencies.put("missing", null);
        currencies.put("lower case", "\"jpy\"");
        currencies.put("unknown (ZZZ)", "\"ZZZ\"");
        currencies.put("no minor unit (XXX)", "\"XXX\"");
        currencies.put("gold (XAU)", "\"XAU\"");
        currencies.put("a number", "392");
        currencies.put("two letters", "\"JP\"");
        currencies.put("four letters", "\"EURO\"");
        currencies.put("full-width letters", "\"\uff2a\uff30\uff39\"");
        currencies.forEach((what, value) -> standardAmount(rows, "data.currency " + what, value == null
                ? swap(standardReceived(), ", \"currency\": \"JPY\"", "")
                : swap(standardReceived(), "\"currency\": \"JPY\"", "\"currency\": " + value), "data.currency"));
        // The payer and the free text.
        String payer = "\"payer\": {\"name\": \"Test KK\", \"email\": \"payer@example.com\", \"reference\": \"C-1001\", "
                + "\"account\": \"DE89370400440532013000\"}";
        standardField(rows, "data.payer a string", swap(standardReceived(), payer, "\"payer\": \"Test KK\""),
                "data.payer");
        standardField(rows, "data.payer an array", swap(standardReceived(), payer, "\"payer\": [\"Test KK\"]"),
                "data.payer");
        Map<String, String[]> members = new LinkedHashMap<>();
        members.put("name a number", new String[] {"name", "1"});
        members.put("name of 301 characters", new String[] {"name", "\"" + "n".repeat(301) + "\""});
        members.put("name with an escaped NUL", new String[] {"name", "\"Test\\u0000KK\""});
        members.put("name with a line break", new String[] {"name", "\"Test\\nKK\""});
        members.put("name with a C1 control", new String[] {"name", "\"Test\\u0085KK\""});
        members.put("name with a lone surrogate escape", new String[] {"name", "\"Test \\ud800 KK\""});
        members.put("name with a lone low surrogate escape", new String[] {"name", "\"Test \\udc00\""});
        members.put("name with a right-to-left override", new String[] {"name", "\"Test \\u202eKK\""});
        members.put("name with a left-to-right isolate", new String[] {"name", "\"Test \\u2066KK\""});
        members.put("name with U+FFFF", new String[] {"name", "\"Test\\uffffKK\""});
        members.put("name with U+FFFE", new String[] {"name", "\"Test\\ufffeKK\""});
        members.put("name with an escaped U+FFFD", new String[] {"name", "\"M\\ufffdller\""});
        members.put("email of 255 characters", new String[] {"email", "\"" + "e".repeat(243) + "@example.com\""});
        members.put("email an object", new String[] {"email", "{}"});
        members.put("reference with a tab", new String[] {"reference", "\"C-\\t1001\""});
        members.put("reference of 129 characters", new String[] {"reference", "\"" + "r".repeat(129) + "\""});
        members.put("account of 65 characters", new String[] {"account", "\"" + "9".repeat(65) + "\""});
        members.put("account with a lone surrogate escape", new String[] {"account", "\"DE89\\udbff\""});
        members.forEach((what, v) -> standardField(rows, "data.payer." + what, standardReceived().replaceFirst(
                "\"" + v[0] + "\": \"[^\"]*\"", java.util.regex.Matcher.quoteReplacement("\"" + v[0] + "\": " + v[1])),
                "data.payer." + v[0]));
        String invoice = "\"invoiceNumber\": \"INV-2025-000002\"";
        standardField(rows, "data.invoiceNumber a number", swap(standardReceived(), invoice,
                "\"invoiceNumber\": 2025000002"), "data.invoiceNumber");
        standardField(rows, "data.invoiceNumber of 129 characters", swap(standardReceived(), invoice,
                "\"invoiceNumber\": \"" + "I".repeat(129) + "\""), "data.invoiceNumber");
        standardField(rows, "data.invoiceNumber with a line break", swap(standardReceived(), invoice,
                "\"invoiceNumber\": \"INV-2025-\\n000002\""), "data.invoiceNumber");
        standardField(rows, "data.invoiceNumber with a right-to-left override", swap(standardReceived(), invoice,
                "\"invoiceNumber\": \"INV-2025-\\u202e200000\""), "data.invoiceNumber");
        String remittance = "\"remittance\": \"Invoice INV-2025-000002\"";
        standardField(rows, "data.remittance of 1,001 characters", swap(standardReceived(), remittance,
                "\"remittance\": \"" + "x".repeat(1_001) + "\""), "data.remittance");
        standardField(rows, "data.remittance an array", swap(standardReceived(), remittance,
                "\"remittance\": [\"INV-2025-000002\"]"), "data.remittance");
        standardField(rows, "data.remittance with an escaped NUL", swap(standardReceived(), remittance,
                "\"remittance\": \"Invoice\\u0000INV-2025-000002\""), "data.remittance");
        standardField(rows, "data.remittance with a lone surrogate escape", swap(standardReceived(), remittance,
                "\"remittance\": \"Invoice \\ud83d INV-2025-000002\""), "data.remittance");
        standardField(rows, "data.remittance with U+FFFF", swap(standardReceived(), remittance,
                "\"remittance\": \"Invoice \\uffff INV-2025-000002\""), "data.remittance");
        standardField(rows, "data.remittance with a right-to-left override", swap(standardReceived(), remittance,
                "\"remittance\": \"Invoice \\u202e200000-5202-VNI\""), "data.remittance");
    }

    private static void standardField(List<Refusal> rows, String name, String body, String path) {
        rows.add(new Refusal(STANDARD, name, standard(body), 422, "invalid-field", field(path)));
    }

    private static void standardAmount(List<Refusal> rows, String name, String body, String path) {
        rows.add(new Refusal(STANDARD, name, standard(body), 422, "invalid-amount", field(path)));
    }

    static Request standard(String body) {
        return standard(body, STANDARD_SECRET);
    }

    static Request standard(String body, String secret) {
        return new Request("POST", "/webhooks/standard",
                standardHeadersFor(secret, "msg_" + unique(), NOW, utf8(body)), body, null);
    }

    static Request standardBytes(byte[] body) {
        return new Request("POST", "/webhooks/standard",
                standardHeadersFor(STANDARD_SECRET, "msg_" + unique(), NOW, body), null, body);
    }

    static Map<String, String> standardHeadersFor(String secret, String id, long t, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", JSON);
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(t));
        headers.put("webhook-signature", standardSignature(secret, id, t, body));
        return headers;
    }

    // ================================================================================================ statements

    /** A camt.054 v08 notification with one booked credit of EUR 12.30 from Jane Doe, reference {@code ref}. */
    static String camt054(String ref) {
        return camt054Entries(camtEntry(ref));
    }

    static String camtEntry(String ref) {
        return "<Ntry>\n<Amt Ccy=\"EUR\">12.30</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n<Sts><Cd>BOOK</Cd></Sts>\n"
                + "<BookgDt><Dt>2025-11-24</Dt></BookgDt>\n<AcctSvcrRef>" + ref + "</AcctSvcrRef>\n"
                + "<NtryDtls><TxDtls>\n<RltdPties><Dbtr><Pty><Nm>Jane Doe</Nm></Pty></Dbtr>"
                + "<DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct></RltdPties>\n"
                + "<RmtInf><Ustrd>INV-2025-000003</Ustrd></RmtInf>\n</TxDtls></NtryDtls>\n</Ntry>";
    }

    static String camt054Entries(String entries) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\">\n<BkToCstmrDbtCdtNtfctn>\n"
                + "<GrpHdr><MsgId>M-" + unique() + "</MsgId><CreDtTm>2025-11-24T15:00:00Z</CreDtTm></GrpHdr>\n"
                + "<Ntfctn>\n<Id>N-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>\n"
                + entries + "\n</Ntfctn>\n</BkToCstmrDbtCdtNtfctn>\n</Document>\n";
    }

    static String camt() {
        return camt054("R-" + unique());
    }

    static String csv(String... rows) {
        return CSV_HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    static String csvRow() {
        return "C-" + unique() + ",2025-11-24,12.30,EUR,Jane Doe,DE02120300000000202051,INV-2025-000004";
    }

    static Request statement(String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return new Request("POST", "/bank-statements", headers, body, null);
    }

    static Request statementBytes(String contentType, byte[] body) {
        return new Request("POST", "/bank-statements", Map.of("content-type", contentType), null, body);
    }

    private static void statementTransport(List<Refusal> rows) {
        rows.add(new Refusal(STATEMENTS, "XML: an empty body", statement(XML, ""), 400, "malformed-xml", "empty"));
        rows.add(new Refusal(STATEMENTS, "XML: no body at all", statement(XML, null), 400, "malformed-xml", "empty"));
        rows.add(new Refusal(STATEMENTS, "CSV: an empty body", statement(CSV, ""), 400, "malformed-csv",
                "header row is missing"));
        rows.add(new Refusal(STATEMENTS, "CSV: a blank body", statement(CSV, " \r\n\r\n  "), 400, "malformed-csv",
                "header row is missing"));
        for (String type : new String[] {null, "application/pdf", "application/json", "text/plain",
            "application/vnd.ms-excel", "application/octet-stream", "multipart/form-data; boundary=x"}) {
            rows.add(new Refusal(STATEMENTS, "Content-Type " + (type == null ? "missing" : type),
                    statement(type, camt()), 415, "unsupported-media-type", null));
        }
        rows.add(new Refusal(STATEMENTS, "CSV: charset=iso-8859-1", statementBytes("text/csv; charset=iso-8859-1",
                csv(csvRow()).getBytes(StandardCharsets.ISO_8859_1)), 415, "unsupported-media-type", "UTF-8"));
        rows.add(new Refusal(STATEMENTS, "XML: a charset no one knows", statement("application/xml; charset=x-klingon",
                camt()), 415, "unsupported-media-type", "unknown charset"));
        rows.add(new Refusal(STATEMENTS, "XML: a charset contradicting the declaration",
                statement("application/xml; charset=iso-8859-1", camt()), 415, "unsupported-media-type",
                "encoding=UTF-8"));
        String big = camt().replace("<Id>N-1</Id>", "<Id>N-1</Id><!-- " + "x".repeat(1024 * 1024) + " -->");
        rows.add(new Refusal(STATEMENTS, "XML: a 1 MB statement", statement(XML, big), 413, "payload-too-large",
                "at most 262144"));
        rows.add(new Refusal(STATEMENTS, "CSV: a 1 MB statement", statement(CSV, csv(csvRow()) + ",,,,,,\n".repeat(
                150_000)), 413, "payload-too-large", "at most 262144"));
        StringBuilder many = new StringBuilder("reference,booking_date,amount,currency\n");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i).append(",2025-11-24,0,JPY\n");
        }
        rows.add(new Refusal(STATEMENTS, "CSV: 10,001 rows", statement(CSV, many.toString()), 413,
                "statement-too-large", "more than 10000 rows"));
        rows.add(new Refusal(STATEMENTS, "PUT instead of POST", new Request("PUT", "/bank-statements",
                Map.of("content-type", XML), camt(), null), 405, "method-not-allowed", null));
        rows.add(new Refusal(STATEMENTS, "path /bank-statements/../webhooks/stripe", new Request("POST",
                "/bank-statements/../webhooks/stripe", Map.of("content-type", XML), camt(), null), 404, "not-found",
                null));
        rows.add(new Refusal(STATEMENTS, "path /bank-statements/2025-11-24", new Request("POST",
                "/bank-statements/2025-11-24", Map.of("content-type", XML), camt(), null), 404, "not-found", null));
    }

    private static void camt(List<Refusal> rows) {
        // Not a well-formed, DTD-free document: 400 malformed-xml.
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("not XML at all", "this is not XML");
        String truncated = camt();
        malformed.put("truncated", truncated.substring(0, truncated.length() / 2));
        malformed.put("trailing content after the root", camt() + "garbage");
        malformed.put("a second root element", camt() + "<Document/>");
        malformed.put("a mismatched end tag", camt().replace("</Ustrd>", "</Ustrdx>"));
        malformed.put("an unquoted attribute", camt().replace("Ccy=\"EUR\"", "Ccy=EUR"));
        malformed.put("a repeated attribute", camt().replace("Ccy=\"EUR\"", "Ccy=\"EUR\" Ccy=\"JPY\""));
        malformed.put("a DOCTYPE", camt().replace("<Document ", "<!DOCTYPE Document>\n<Document "));
        malformed.put("XXE: an external entity reading /etc/passwd", camt().replace("<Document ",
                "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Document ").replace("Jane Doe", "&x;"));
        malformed.put("XXE: an external entity over HTTP", camt().replace("<Document ",
                "<!DOCTYPE d [<!ENTITY x SYSTEM \"http://169.254.169.254/latest/meta-data/\">]>\n<Document ")
                .replace("Jane Doe", "&x;"));
        malformed.put("an external DTD", camt().replace("<Document ",
                "<!DOCTYPE Document SYSTEM \"http://example.com/camt.dtd\">\n<Document "));
        malformed.put("a parameter entity", camt().replace("<Document ",
                "<!DOCTYPE d [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n<Document "));
        malformed.put("billion laughs", camt().replace("<Document ", "<!DOCTYPE d [<!ENTITY a \"lol\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>\n<Document ").replace("Jane Doe", "&d;"));
        malformed.put("an undeclared entity", camt().replace("Jane Doe", "Jane&nbsp;Doe"));
        malformed.put("65 nested elements", camt().replace("<GrpHdr>", "<X>".repeat(62) + "<GrpHdr>")
                .replace("</GrpHdr>", "</GrpHdr>" + "</X>".repeat(62)));
        malformed.put("10,000 nested elements", camt().replace("<GrpHdr>", "<X>".repeat(10_000) + "<GrpHdr>")
                .replace("</GrpHdr>", "</GrpHdr>" + "</X>".repeat(10_000)));
        malformed.put("a character reference to NUL", camt().replace("Jane Doe", "Jane&#0;Doe"));
        malformed.put("a character reference to a lone surrogate", camt().replace("Jane Doe", "Jane&#xD800;Doe"));
        malformed.put("a character reference to U+FFFF", camt().replace("Jane Doe", "Jane&#xFFFF;Doe"));
        malformed.put("a raw control character", camt().replace("Jane Doe", "Jane\u0001Doe"));
        malformed.put("U+FFFD left by a lenient decoder", camt().replace("Jane Doe", "J\ufffdrgen"));
        malformed.forEach((what, xml) -> rows.add(new Refusal(STATEMENTS, "camt: " + what, statement(XML, xml), 400,
                "malformed-xml", null)));
        rows.add(new Refusal(STATEMENTS, "camt: an encoding no one knows", statement(XML, camt().replace(
                "encoding=\"UTF-8\"", "encoding=\"x-klingon\"")), 415, "unsupported-media-type", "unknown charset"));
        byte[] bytes = utf8(camt());
        int name = indexOf(bytes, utf8("Jane Doe"));
        rows.add(new Refusal(STATEMENTS, "camt: invalid UTF-8", statementBytes(XML, splice(bytes, name,
                new byte[] {(byte) 0xc3, '('})), 400, "malformed-xml", "not valid UTF-8"));
        rows.add(new Refusal(STATEMENTS, "camt: overlong UTF-8", statementBytes(XML, splice(bytes, name,
                new byte[] {(byte) 0xc0, (byte) 0xaf})), 400, "malformed-xml", "not valid UTF-8"));
        rows.add(new Refusal(STATEMENTS, "camt: UTF-8-encoded surrogates (CESU-8)", statementBytes(XML, splice(bytes,
                name, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xed, (byte) 0xb0, (byte) 0x80})), 400,
                "malformed-xml", "not valid UTF-8"));
        rows.add(new Refusal(STATEMENTS, "camt: Latin-1 bytes in a UTF-8 document", statementBytes(XML,
                camt().replace("Jane Doe", "J\u00fcrgen").getBytes(StandardCharsets.ISO_8859_1)), 400, "malformed-xml",
                "not valid UTF-8"));
        // Well-formed, but not a camt.053/camt.054 v02-v13 Document: 422 unsupported-statement.
        String ns = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08";
        Map<String, String> unsupported = new LinkedHashMap<>();
        unsupported.put("no namespace", camt().replace(" xmlns=\"" + ns + "\"", ""));
        unsupported.put("a pain.001 namespace", camt().replace(ns, "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"));
        unsupported.put("camt.052", camt().replace(ns, "urn:iso:std:iso:20022:tech:xsd:camt.052.001.08"));
        unsupported.put("camt.054 version 01", camt().replace(ns, "urn:iso:std:iso:20022:tech:xsd:camt.054.001.01"));
        unsupported.put("camt.054 version 14", camt().replace(ns, "urn:iso:std:iso:20022:tech:xsd:camt.054.001.14"));
        unsupported.put("a namespace with a path-traversal suffix", camt().replace(ns, ns + "/../../etc"));
        unsupported.put("a root other than Document", camt().replace("<Document ", "<Doc ")
                .replace("</Document>", "</Doc>"));
        unsupported.put("a camt.053 message in a camt.054 Document", camt().replace("BkToCstmrDbtCdtNtfctn",
                "BkToCstmrStmt"));
        unsupported.put("a Document without a message", "<?xml version=\"1.0\"?><Document xmlns=\"" + ns + "\"/>");
        unsupported.forEach((what, xml) -> rows.add(new Refusal(STATEMENTS, "camt: " + what, statement(XML, xml),
                422, "unsupported-statement", null)));
        // A camt document with a bad entry: 422 invalid-statement naming the entry, its line and the element.
        Map<String, String[]> entries = new LinkedHashMap<>();
        entries.put("Amt missing", new String[] {"<Amt Ccy=\"EUR\">12.30</Amt>", "", "Amt"});
        entries.put("Amt empty", new String[] {"<Amt Ccy=\"EUR\">12.30</Amt>", "<Amt Ccy=\"EUR\"></Amt>", "Amt"});
        entries.put("Amt without Ccy", new String[] {"<Amt Ccy=\"EUR\">", "<Amt>", "Amt"});
        entries.put("Amt with Ccy in lower case", new String[] {"Ccy=\"EUR\"", "Ccy=\"eur\"", "Amt"});
        entries.put("Amt in an unknown currency", new String[] {"Ccy=\"EUR\"", "Ccy=\"ZZZ\"", "Amt"});
        entries.put("Amt in XXX", new String[] {"Ccy=\"EUR\"", "Ccy=\"XXX\"", "Amt"});
        entries.put("Amt 1500.5 JPY", new String[] {"<Amt Ccy=\"EUR\">12.30</Amt>", "<Amt Ccy=\"JPY\">1500.5</Amt>",
            "Amt"});
        entries.put("Amt 10.005 USD", new String[] {"<Amt Ccy=\"EUR\">12.30</Amt>", "<Amt Ccy=\"USD\">10.005</Amt>",
            "Amt"});
        entries.put("Amt 1.2345 KWD", new String[] {"<Amt Ccy=\"EUR\">12.30</Amt>", "<Amt Ccy=\"KWD\">1.2345</Amt>",
            "Amt"});
        entries.put("Amt negative", new String[] {">12.30<", ">-12.30<", "Amt"});
        entries.put("Amt with an exponent", new String[] {">12.30<", ">1.23e1<", "Amt"});
        entries.put("Amt with a thousands separator", new String[] {">12.30<", ">1,012.30<", "Amt"});
        entries.put("Amt with a decimal comma", new String[] {">12.30<", ">12,30<", "Amt"});
        entries.put("Amt NaN", new String[] {">12.30<", ">NaN<", "Amt"});
        entries.put("Amt one cent over the maximum", new String[] {">12.30<", ">10000000000000.00<", "Amt"});
        entries.put("Amt beyond 64 bits", new String[] {">12.30<", ">99999999999999999999999.00<", "Amt"});
        entries.put("Amt of 1,001 digits", new String[] {">12.30<", ">" + "1".repeat(1_001) + "<", "Amt"});
        entries.put("CdtDbtInd missing", new String[] {"<CdtDbtInd>CRDT</CdtDbtInd>", "", "CdtDbtInd"});
        entries.put("CdtDbtInd CREDIT", new String[] {">CRDT<", ">CREDIT<", "CdtDbtInd"});
        entries.put("Sts missing", new String[] {"<Sts><Cd>BOOK</Cd></Sts>", "", "Sts"});
        entries.put("RvslInd maybe", new String[] {"<CdtDbtInd>", "<RvslInd>maybe</RvslInd><CdtDbtInd>", "RvslInd"});
        entries.put("BookgDt 30 February", new String[] {"2025-11-24</Dt>", "2027-02-30</Dt>", "BookgDt/Dt"});
        entries.put("BookgDt 2026-13-01", new String[] {"2025-11-24</Dt>", "2026-13-01</Dt>", "BookgDt/Dt"});
        entries.put("BookgDt 24.11.2025", new String[] {"2025-11-24</Dt>", "24.11.2025</Dt>", "BookgDt/Dt"});
        entries.put("BookgDt in year 10000", new String[] {"2025-11-24</Dt>", "+10000-11-24</Dt>", "BookgDt/Dt"});
        entries.put("BookgDt/DtTm in year 0", new String[] {"<Dt>2025-11-24</Dt>", "<DtTm>0000-11-24T10:00:00</DtTm>",
            "BookgDt/DtTm"});
        entries.put("BookgDt/DtTm at 25:00", new String[] {"<Dt>2025-11-24</Dt>", "<DtTm>2025-11-24T25:00:00</DtTm>",
            "BookgDt/DtTm"});
        entries.put("BookgDt/DtTm with offset +25:00", new String[] {"<Dt>2025-11-24</Dt>",
            "<DtTm>2025-11-24T10:00:00+25:00</DtTm>", "BookgDt/DtTm"});
        entries.put("no booking date", new String[] {"<BookgDt><Dt>2025-11-24</Dt></BookgDt>", "", "BookgDt"});
        entries.put("AcctSvcrRef missing", new String[] {"AcctSvcrRef>", "NtryRef>", "AcctSvcrRef"});
        entries.put("AcctSvcrRef of 256 characters", new String[] {"<AcctSvcrRef>",
            "<AcctSvcrRef>" + "R".repeat(250), "AcctSvcrRef"});
        entries.put("AcctSvcrRef of 1,001 characters", new String[] {"<AcctSvcrRef>",
            "<AcctSvcrRef>" + "R".repeat(1_001), "AcctSvcrRef"});
        entries.put("remittance of 1,001 characters", new String[] {"<Ustrd>INV-2025-000003</Ustrd>",
            "<Ustrd>" + "x".repeat(600) + "</Ustrd><Ustrd>" + "y".repeat(401) + "</Ustrd>", "TxDtls/RmtInf"});
        entries.put("payer name of 301 characters", new String[] {"Jane Doe", "J".repeat(301), "TxDtls"});
        entries.put("payer name with a right-to-left override", new String[] {"Jane Doe", "Jane &#x202E;eoD",
            "NtryDtls/TxDtls/RltdPties/Dbtr/Pty/Nm"});
        entries.put("payer name with a C1 control", new String[] {"Jane Doe", "Jane&#x85;Doe",
            "NtryDtls/TxDtls/RltdPties/Dbtr/Pty/Nm"});
        entries.put("payer name with a line break", new String[] {"Jane Doe", "Jane&#xA;Doe",
            "NtryDtls/TxDtls/RltdPties/Dbtr/Pty/Nm"});
        entries.put("payer IBAN with a tab", new String[] {"DE02120300000000202051", "DE02&#x9;120300000000202051",
            "NtryDtls/TxDtls/RltdPties/DbtrAcct/Id/IBAN"});
        entries.put("remittance with a left-to-right isolate", new String[] {"INV-2025-000003",
            "INV-2025-&#x2066;000003", "NtryDtls/TxDtls/RmtInf/Ustrd"});
        entries.put("AcctSvcrRef with a right-to-left override", new String[] {"<AcctSvcrRef>",
            "<AcctSvcrRef>&#x202E;", "AcctSvcrRef"});
        entries.forEach((what, v) -> {
            String xml = camt();
            rows.add(new Refusal(STATEMENTS, "camt: " + what, statement(XML, swap(xml, v[0], v[1])), 422,
                    "invalid-statement", "entry 1 \\(line \\d+\\), " + Pattern.quote(v[2]) + "[:/ ]"));
        });
        String ref = "R-" + unique();
        rows.add(new Refusal(STATEMENTS, "camt: the same AcctSvcrRef twice", statement(XML, camt054Entries(
                camtEntry(ref) + "\n" + camtEntry(ref))), 422, "invalid-statement",
                "entry 2 \\(line \\d+\\), AcctSvcrRef: duplicate"));
        String batch = "<NtryDtls><TxDtls><Refs><EndToEndId>E1</EndToEndId></Refs><Amt Ccy=\"EUR\">5.00</Amt></TxDtls>"
                + "<TxDtls><Refs><EndToEndId>E2</EndToEndId></Refs><Amt Ccy=\"EUR\">%s</Amt></TxDtls></NtryDtls>";
        String entry = camtEntry("B-" + unique());
        String single = entry.substring(entry.indexOf("<NtryDtls>"), entry.indexOf("</NtryDtls>") + 11);
        rows.add(new Refusal(STATEMENTS, "camt: a batch whose transactions do not add up", statement(XML,
                camt054Entries(swap(entry, single, batch.formatted("7.31")))), 422, "invalid-statement",
                "NtryDtls/TxDtls: the transaction amounts add up"));
        rows.add(new Refusal(STATEMENTS, "camt: a batch transaction in another currency", statement(XML,
                camt054Entries(swap(entry, single, batch.formatted("7.30").replace("<Amt Ccy=\"EUR\">7.30",
                        "<Amt Ccy=\"USD\">7.30")))), 422, "invalid-statement", "transaction 2 \\(line \\d+\\), "
                + "TxDtls/Amt: currency"));
    }

    private static void csv(List<Refusal> rows) {
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("header without amount", csv(csvRow()).replace("booking_date,amount,", "booking_date,"));
        malformed.put("semicolon separated", csv(csvRow()).replace(',', ';'));
        malformed.put("a column named twice", csv(csvRow()).replace("payer_name", "amount"));
        malformed.put("a row with 3 fields", csv("C-" + unique() + ",2025-11-24,12.30"));
        malformed.put("a row with 8 fields", csv(csvRow() + ",extra"));
        malformed.put("a thousands separator without quotes", csv(csvRow().replace("12.30", "1,012.30")));
        malformed.put("an unterminated quote", csv(csvRow().replace("Jane Doe", "\"Jane Doe")));
        malformed.put("a quote inside an unquoted field", csv(csvRow().replace("Jane Doe", "Jane \"JD\" Doe")));
        malformed.put("text after a closing quote", csv(csvRow().replace("Jane Doe", "\"Jane\" Doe")));
        malformed.put("U+FFFD left by a lenient decoder", csv(csvRow().replace("Jane Doe", "J\ufffdrgen")));
        malformed.forEach((what, text) -> rows.add(new Refusal(STATEMENTS, "CSV: " + what, statement(CSV, text),
                400, "malformed-csv", what.startsWith("U+FFFD") ? null : "line \\d+: ")));
        byte[] bytes = utf8(csv(csvRow()));
        int name = indexOf(bytes, utf8("Jane Doe"));
        rows.add(new Refusal(STATEMENTS, "CSV: invalid UTF-8", statementBytes(CSV, splice(bytes, name,
                new byte[] {(byte) 0xc3, '('})), 400, "malformed-csv", "not valid UTF-8"));
        rows.add(new Refusal(STATEMENTS, "CSV: overlong UTF-8", statementBytes(CSV, splice(bytes, name,
                new byte[] {(byte) 0xc0, (byte) 0xaf})), 400, "malformed-csv", "not valid UTF-8"));
        rows.add(new Refusal(STATEMENTS, "CSV: Latin-1 (Jürgen)", statementBytes(CSV, csv(csvRow().replace("Jane Doe",
                "J\u00fcrgen")).getBytes(StandardCharsets.ISO_8859_1)), 400, "malformed-csv", "not valid UTF-8"));
        rows.add(new Refusal(STATEMENTS, "CSV: UTF-16", statementBytes(CSV, csv(csvRow()).getBytes(
                StandardCharsets.UTF_16)), 400, "malformed-csv", null));
        // Values: 422 invalid-statement naming the line and the column.
        Map<String, String[]> values = new LinkedHashMap<>();
        values.put("amount 1.5 JPY", new String[] {"12.30,EUR", "1.5,JPY", "amount"});
        values.put("amount 1.0 JPY", new String[] {"12.30,EUR", "1.0,JPY", "amount"});
        values.put("amount 10.005 USD", new String[] {"12.30,EUR", "10.005,USD", "amount"});
        values.put("amount 1.2345 KWD", new String[] {"12.30,EUR", "1.2345,KWD", "amount"});
        values.put("amount with an exponent", new String[] {"12.30,", "1e3,", "amount"});
        values.put("amount with a decimal comma", new String[] {"12.30,", "\"12,30\",", "amount"});
        values.put("amount with a plus sign", new String[] {"12.30,", "+12.30,", "amount"});
        values.put("amount with a currency symbol", new String[] {"12.30,", "€12.30,", "amount"});
        values.put("amount NaN", new String[] {"12.30,", "NaN,", "amount"});
        values.put("amount Infinity", new String[] {"12.30,", "Infinity,", "amount"});
        values.put("amount full-width digits", new String[] {"12.30,", "\uff11\uff12,", "amount"});
        values.put("amount one cent over the maximum", new String[] {"12.30,", "10000000000000.00,", "amount"});
        values.put("amount -10^13 EUR (a debit over the maximum)", new String[] {"12.30,", "-10000000000000.00,",
            "amount"});
        values.put("amount empty", new String[] {"12.30,", ",", "amount"});
        values.put("currency lower case", new String[] {",EUR,", ",eur,", "currency"});
        values.put("currency unknown", new String[] {",EUR,", ",ZZZ,", "currency"});
        values.put("currency XXX", new String[] {",EUR,", ",XXX,", "currency"});
        values.put("currency EURO", new String[] {",EUR,", ",EURO,", "currency"});
        values.put("currency empty", new String[] {",EUR,", ",,", "currency"});
        values.put("booking_date 30 February", new String[] {"2025-11-24", "2027-02-30", "booking_date"});
        values.put("booking_date 29 February of a common year", new String[] {"2025-11-24", "2026-02-29",
            "booking_date"});
        values.put("booking_date 24.11.2025", new String[] {"2025-11-24", "24.11.2025", "booking_date"});
        values.put("booking_date 2025-11-4", new String[] {"2025-11-24", "2025-11-4", "booking_date"});
        values.put("booking_date with a time", new String[] {"2025-11-24", "2025-11-24T10:00:00Z", "booking_date"});
        values.put("booking_date empty", new String[] {"2025-11-24", "", "booking_date"});
        values.put("booking_date in year 0", new String[] {"2025-11-24", "0000-01-01", "booking_date"});
        values.put("reference of 256 characters", new String[] {"C-", "C" + "-".repeat(250), "reference"});
        values.put("reference of 1,001 characters", new String[] {"C-", "C" + "-".repeat(1_000), "reference"});
        values.put("payer_name of 301 characters", new String[] {"Jane Doe", "J".repeat(301), "payer_name"});
        values.put("payer_account of 65 characters", new String[] {"DE02120300000000202051", "D".repeat(65),
            "payer_account"});
        values.put("remittance of 1,001 characters", new String[] {"INV-2025-000004", "\"" + "x".repeat(1_001) + "\"",
            "remittance"});
        values.put("payer_name with a NUL", new String[] {"Jane Doe", "Jane\u0000Doe", "payer_name"});
        values.put("payer_name with an escape character", new String[] {"Jane Doe", "Jane\u001b[31mDoe",
            "payer_name"});
        values.put("payer_name with a C1 control", new String[] {"Jane Doe", "Jane\u0085Doe", "payer_name"});
        values.put("payer_name with a right-to-left override", new String[] {"Jane Doe", "Jane \u202eeoD",
            "payer_name"});
        values.put("payer_name with U+FFFF", new String[] {"Jane Doe", "Jane\uffffDoe", "payer_name"});
        values.put("payer_account with a line break", new String[] {"DE02120300000000202051",
            "\"DE02\n120300000000202051\"", "payer_account"});
        values.put("remittance with U+FFFE", new String[] {"INV-2025-000004", "INV\ufffe-2025-000004", "remittance"});
        values.put("reference with a NUL", new String[] {"C-", "C-\u0000", "reference"});
        values.forEach((what, v) -> rows.add(new Refusal(STATEMENTS, "CSV: " + what, statement(CSV,
                csv(swap(csvRow(), v[0], v[1]))), 422, "invalid-statement", "line 2, " + Pattern.quote(v[2]) + ": ")));
        rows.add(new Refusal(STATEMENTS, "CSV: reference empty", statement(CSV, csv(csvRow().replaceFirst("^C-[A-Z]+",
                ""))), 422, "invalid-statement", "line 2, reference: "));
        rows.add(new Refusal(STATEMENTS, "CSV: a debit row with an impossible date", statement(CSV, csv(csvRow(),
                swap(swap(csvRow(), "12.30", "-12.30"), "2025-11-24", "2025-11-31"))), 422, "invalid-statement",
                "line 3, booking_date: "));
        String row = csvRow();
        rows.add(new Refusal(STATEMENTS, "CSV: the same reference twice", statement(CSV, csv(row, row)), 422,
                "invalid-statement", "line 3, reference: duplicate"));
    }

    // ================================================================================================ accepted

    private static List<Acceptance> acceptanceList() {
        List<Acceptance> rows = new ArrayList<>();
        String unknownType = "{\"id\": \"evt_" + unique() + "\", \"object\": \"event\", \"type\": \"customer.created\", "
                + "\"created\": " + NOW + ", \"data\": {\"object\": {\"id\": \"cus_1\"}}}";
        rows.add(new Acceptance(STRIPE, "an event type intake does not use: ignored, recorded as IGNORED",
                stripe(unknownType), (r, answer, stored, queued) -> {
                    assertEquals("ignored", answer.path("status").asText());
                    assertEquals(Set.of(key("stripe", answer) + "=IGNORED"), stored);
                    assertEquals(List.of(), queued);
                }));
        rows.add(new Acceptance(STRIPE, "a charge that was only authorised (captured false): stored, no payment",
                stripe(swap(stripeCharge("charge.succeeded"), "\"captured\": true", "\"captured\": false")),
                (r, answer, stored, queued) -> {
                    assertEquals("accepted", answer.path("status").asText());
                    assertEquals(0, answer.path("notifications").asInt());
                    assertEquals(Set.of(key("stripe", answer) + "=ENQUEUED"), stored);
                    assertEquals(List.of(), queued);
                }));
        rows.add(new Acceptance(STRIPE, "a refund that failed: stored, nothing refunded",
                stripe(stripeRefund("failed")), (r, answer, stored, queued) -> {
                    assertEquals(0, answer.path("notifications").asInt());
                    assertEquals(Set.of(key("stripe", answer) + "=ENQUEUED"), stored);
                    assertEquals(List.of(), queued);
                }));
        String lenient = swap(swap(swap(stripeIntent(), "\"receipt_email\": \"payer@example.com\"",
                "\"receipt_email\": 42"), "\"invoice_number\": \"INV-2025-000001\"", "\"invoice_number\": [1]"),
                "\"customer\": \"cus_1\"", "\"customer\": \"cus_" + "x".repeat(300) + "\"");
        rows.add(new Acceptance(STRIPE, "informational fields Stripe sent in another shape are left out, the payment"
                + " is not refused", stripe(lenient), (r, answer, stored, queued) -> {
                    assertEquals(Set.of(key("stripe", answer) + "=ENQUEUED"), stored);
                    PaymentNotification n = single(queued);
                    assertEquals(Money.of(12_000, "JPY"), n.amount());
                    assertNull(n.payer().email());
                    assertNull(n.payer().account());
                    assertNull(n.invoiceReference());
                }));
        String unicode = swap(swap(stripeIntent(), "\"description\": \"Subscription payment\"",
                "\"description\": \"Subscription \\ud800 payment \\uffff\""), "\"invoice_number\": \"INV-2025-000001\"",
                "\"invoice_number\": \"INV-2025-\\u202e100000\"");
        rows.add(new Acceptance(STRIPE, "informational text that is not text (lone surrogate, U+FFFF, bidi override) is"
                + " left out, the payment is not refused", stripe(unicode), (r, answer, stored, queued) -> {
                    assertEquals(Set.of(key("stripe", answer) + "=ENQUEUED"), stored);
                    PaymentNotification n = single(queued);
                    assertEquals(Money.of(12_000, "JPY"), n.amount());
                    assertNull(n.remittanceText());
                    assertNull(n.invoiceReference());
                }));
        rows.add(new Acceptance(STRIPE, "KWD 1005 from Stripe (three decimals) is KWD 1.005, not rounded",
                stripe(swap(swap(stripeIntent(), "\"currency\": \"jpy\"", "\"currency\": \"kwd\""),
                        "\"amount_received\": 12000", "\"amount_received\": 1005")), (r, answer, stored, queued) -> {
                    assertEquals(Money.of(1_005, "KWD"), single(queued).amount());
                    assertEquals("1.005", single(queued).amount().toDecimalString());
                }));
        String traversal = stripeIntent().replaceFirst("\"evt_[A-Z]+\"", "\"../../etc/" + unique() + "\"");
        rows.add(new Acceptance(STRIPE, "an event id that looks like a path is an opaque key, stored as sent",
                stripe(traversal), (r, answer, stored, queued) -> {
                    assertTrue(answer.path("eventId").asText().startsWith("../../etc/"), answer.toString());
                    assertEquals(Set.of(key("stripe", answer) + "=ENQUEUED"), stored);
                    assertEquals(1, queued.size());
                }));
        String rotated = unknownType.replaceFirst("evt_[A-Z]+", "evt_" + unique());
        String bom = stripeIntent();
        rows.add(new Acceptance(STRIPE, "a UTF-8 byte-order mark before the JSON is ignored (RFC 8259 allows it)",
                stripeBytes(concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8(bom))),
                (r, answer, stored, queued) -> {
                    assertEquals(Set.of(key("stripe", answer) + "=ENQUEUED"), stored);
                    assertEquals(Money.of(12_000, "JPY"), single(queued).amount());
                }));
        rows.add(new Acceptance(STRIPE, "signed with the previous secret during a rotation", new Request("POST",
                "/webhooks/stripe", Map.of("content-type", JSON, "stripe-signature", stripeSignature(STRIPE_PREVIOUS,
                        NOW, utf8(rotated))), rotated, null), (r, answer, stored, queued) -> {
                    assertEquals("ignored", answer.path("status").asText());
                    assertEquals(Set.of(key("stripe", answer) + "=IGNORED"), stored);
                }));
        String unknownStandard = swap(standardReceived(), "\"payment.received\"", "\"payment.authorised\"");
        rows.add(new Acceptance(STANDARD, "an event type intake does not use: ignored, recorded as IGNORED for the"
                + " connector", standard(unknownStandard), (r, answer, stored, queued) -> {
                    assertEquals("ignored", answer.path("status").asText());
                    assertEquals(Set.of(key(STANDARD_CONNECTOR, answer) + "=IGNORED"), stored);
                    assertEquals(List.of(), queued);
                }));
        String pathLike = standardReceived().replaceFirst("\"pay_[A-Z]+\"", "\"../../etc/" + unique() + "\"");
        rows.add(new Acceptance(STANDARD, "a payment id that looks like a path is an opaque key, passed on as sent",
                standard(pathLike), (r, answer, stored, queued) -> {
                    assertEquals(Set.of(key(STANDARD_CONNECTOR, answer) + "=ENQUEUED"), stored);
                    assertTrue(single(queued).providerPaymentId().startsWith("../../etc/"));
                }));
        rows.add(new Acceptance(STANDARD, "beta-bank's delivery without data.provider belongs to beta-bank",
                standard(swap(standardReceived(), "\"provider\": \"acme-pay\", ", ""), BETA_SECRET),
                (r, answer, stored, queued) -> {
                    assertEquals(Set.of(key(BETA, answer) + "=ENQUEUED"), stored);
                    assertEquals(BETA, single(queued).provider());
                }));
        String skipped = camt054Entries(String.join("\n",
                swap(camtEntry("D-" + unique()), ">CRDT<", ">DBIT<"),
                swap(camtEntry("P-" + unique()), ">BOOK<", ">PDNG<"),
                swap(camtEntry("V-" + unique()), "<CdtDbtInd>", "<RvslInd>true</RvslInd><CdtDbtInd>"),
                swap(camtEntry("Z-" + unique()), ">12.30<", ">0.00<")));
        rows.add(new Acceptance(STATEMENTS, "camt: a debit, a pending entry, a reversal and a zero amount are skipped"
                + " with their reasons", statement(XML, skipped), (r, answer, stored, queued) -> {
                    assertEquals(0, answer.path("notifications").asInt());
                    assertEquals(List.of("debit", "not booked: PDNG", "unsupported: reversal", "zero amount"),
                            reasons(answer));
                    assertEquals(Set.of(key("bank", answer) + "=ENQUEUED"), stored);
                    assertEquals(List.of(), queued);
                }));
        rows.add(new Acceptance(STATEMENTS, "CSV: a debit and a zero row are skipped with their reasons",
                statement(CSV, csv(swap(csvRow(), "12.30", "-49.90"), swap(csvRow(), "12.30", "0.00"))),
                (r, answer, stored, queued) -> {
                    assertEquals(List.of("debit", "zero amount"), reasons(answer));
                    assertEquals(Set.of(key("bank", answer) + "=ENQUEUED"), stored);
                    assertEquals(List.of(), queued);
                }));
        rows.add(new Acceptance(STATEMENTS, "CSV: a byte-order mark and only a header: nothing to take",
                statement(CSV, "\ufeff" + CSV_HEADER + "\r\n"), (r, answer, stored, queued) -> {
                    assertEquals(0, answer.path("notifications").asInt());
                    assertEquals(Set.of(key("bank", answer) + "=ENQUEUED"), stored);
                    assertEquals(List.of(), queued);
                }));
        String formula = "=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"click\"\")";
        rows.add(new Acceptance(STATEMENTS, "CSV: a payer name that looks like a spreadsheet formula is text (no"
                + " spreadsheet is ever made of it)", statement(CSV, csv(swap(csvRow(), "Jane Doe",
                        "\"" + formula + "\""))), (r, answer, stored, queued) ->
                assertEquals(formula.replace("\"\"", "\""), single(queued).payer().name())));
        rows.add(new Acceptance(STATEMENTS, "camt: a UTF-8 byte-order mark before the declaration",
                statementBytes(XML, concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8(camt()))),
                (r, answer, stored, queued) -> assertEquals(Money.of(1_230, "EUR"), single(queued).amount())));
        return rows;
    }

    // ================================================================================================ helpers

    /** Every stored inbound event, as {@code pk=status}. */
    private static Set<String> storedEvents() {
        Set<String> keys = new HashSet<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(ScanRequest.builder().tableName(BillingTable.LOGICAL_ID)
                    .filterExpression("begins_with(pk, :evt)")
                    .expressionAttributeValues(Map.of(":evt", AttributeValue.fromS("EVT#")))
                    .projectionExpression("pk, #s").expressionAttributeNames(Map.of("#s", "status"))
                    .exclusiveStartKey(from).build());
            page.items().forEach(i -> keys.add(i.get("pk").s() + "=" + (i.containsKey("status")
                    ? i.get("status").s() : "?")));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    private static int queueDepth() {
        Map<QueueAttributeName, String> attributes = w.sqs.getQueueAttributes(r -> r.queueUrl(w.queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** Takes (receives and deletes) every message on the payment queue. */
    private static List<PaymentNotification> takeQueued() {
        List<PaymentNotification> taken = new ArrayList<>();
        for (List<Message> batch; !(batch = w.sqs.receiveMessage(r -> r.queueUrl(w.queueUrl)
                .maxNumberOfMessages(10).waitTimeSeconds(0)).messages()).isEmpty(); ) {
            for (Message m : batch) {
                taken.add(PaymentNotificationJson.read(m.body()));
                w.sqs.deleteMessage(r -> r.queueUrl(w.queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        return taken;
    }

    private static String key(String provider, JsonNode answer) {
        return "EVT#" + provider + "#" + answer.path("eventId").asText();
    }

    private static PaymentNotification single(List<PaymentNotification> queued) {
        assertEquals(1, queued.size(), queued.toString());
        return queued.get(0);
    }

    private static List<String> reasons(JsonNode answer) {
        List<String> reasons = new ArrayList<>();
        answer.path("skipped").forEach(s -> reasons.add(s.path("reason").asText()));
        return reasons;
    }

    /** The detail starts with the field's path and a colon, as every field refusal of the JSON routes does. */
    private static String field(String path) {
        return "^" + Pattern.quote(path) + ": ";
    }

    /** {@code text} with {@code from} replaced by {@code to}; {@code from} must be there (a row that mutates nothing
     * would test nothing). */
    static String swap(String text, String from, String to) {
        assertTrue(text.contains(from), "the fixture holds " + from);
        return text.replace(from, to);
    }

    private static byte[] splice(byte[] bytes, int at, byte[] inserted) {
        return concat(java.util.Arrays.copyOfRange(bytes, 0, at), inserted,
                java.util.Arrays.copyOfRange(bytes, at, bytes.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String unique() {
        return Ids.randomLetters(10);
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() <= 400 ? body : body.substring(0, 400) + "…";
    }

    /** {@code Stripe-Signature} over exactly {@code body}: HMAC-SHA256 keyed with the secret's UTF-8 bytes. */
    static String stripeSignature(String secret, long t, byte[] body) {
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
                (t + ".").getBytes(StandardCharsets.US_ASCII), body));
    }

    /** {@code webhook-signature} over exactly {@code body}: HMAC-SHA256 keyed with the decoded secret. */
    static String standardSignature(String secret, String id, long t, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, (id + "." + t + ".").getBytes(
                StandardCharsets.US_ASCII), body));
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            mac.update(body);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
