package io.periodic.billing.webhooks;

import static io.periodic.billing.webhooks.WebhookTesting.NOW;
import static io.periodic.billing.webhooks.WebhookTesting.REFUSAL_TYPES;
import static io.periodic.billing.webhooks.WebhookTesting.assertRefused;
import static io.periodic.billing.webhooks.WebhookTesting.bytes;
import static io.periodic.billing.webhooks.WebhookTesting.clockAt;
import static io.periodic.billing.webhooks.WebhookTesting.tree;
import static io.periodic.billing.webhooks.WebhookTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link StandardEvents}: our own payment events (docs/payment-events.md). */
class StandardEventsTest {
    private static final String WEBHOOK_ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    /** The connector whose secret verified the deliveries below. */
    private static final String CONNECTOR = "acme-pay";
    private static final String RECEIVED = """
            {"type": "payment.received",
             "timestamp": "2026-11-05T09:30:00Z",
             "data": {"provider": "acme-pay", "paymentId": "pay_8812", "amount": "12.30", "currency": "EUR",
                      "payer": {"name": "Jane Doe", "email": "jane@example.com", "reference": "C-1001",
                                "account": "DE89370400440532013000"},
                      "invoiceNumber": "INV-2026-000123", "remittance": "Invoice INV-2026-000123, thank you"}}""";
    private static final String REFUNDED = """
            {"type": "payment.refunded",
             "timestamp": "2026-11-12T14:05:09+09:00",
             "data": {"provider": "acme-pay", "paymentId": "pay_8812", "refundId": "ref_311",
                      "amount": "2.30", "currency": "EUR"}}""";

    private static PaymentNotification only(byte[] body) {
        Parsed.Notifications parsed = assertInstanceOf(Parsed.Notifications.class, StandardEvents.parse(CONNECTOR, WEBHOOK_ID, body));
        assertEquals(1, parsed.notifications().size());
        return parsed.notifications().get(0);
    }

    private static ObjectNode received() {
        return tree(utf8(RECEIVED));
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    private static IntakeException refused(int status, String type, ObjectNode event) {
        return assertRefused(status, type, () -> StandardEvents.parse(CONNECTOR, WEBHOOK_ID, bytes(event)));
    }

    @Test
    void paymentReceivedBecomesOneReceivedNotification() {
        Parsed parsed = StandardEvents.parse(CONNECTOR, WEBHOOK_ID, utf8(RECEIVED));
        assertEquals(WEBHOOK_ID, parsed.eventId());
        assertEquals("payment.received", parsed.eventType());
        assertEquals(new PaymentNotification(Kind.RECEIVED, "acme-pay", WEBHOOK_ID, "pay_8812", null,
                Money.of(1230, "EUR"), new Payer("Jane Doe", "jane@example.com", "C-1001", "DE89370400440532013000"),
                "INV-2026-000123", "Invoice INV-2026-000123, thank you", Instant.parse("2026-11-05T09:30:00Z")),
                only(utf8(RECEIVED)));
    }

    @Test
    void paymentRefundedBecomesOneRefundedNotification() {
        assertEquals(new PaymentNotification(Kind.REFUNDED, "acme-pay", WEBHOOK_ID, "pay_8812", "ref_311",
                Money.of(230, "EUR"), Payer.UNKNOWN, null, null, Instant.parse("2026-11-12T05:05:09Z")),
                only(utf8(REFUNDED)));
    }

    @ParameterizedTest
    @CsvSource({"EUR, 12.30, 1230", "EUR, 12.3, 1230", "EUR, 007.50, 750", "USD, 0.01, 1", "JPY, 1200, 1200",
        "KWD, 1.234, 1234", "KWD, 1.2, 1200", "CLF, 0.0001, 1"})
    void amountsAreDecimalStringsInMajorUnits(String currency, String amount, long minor) {
        ObjectNode event = received();
        data(event).put("currency", currency).put("amount", amount);
        assertEquals(Money.of(minor, currency), only(bytes(event)).amount());
    }

    @Test
    void onePointFiveYenIsRefusedNamingTheField() {
        ObjectNode event = received();
        data(event).put("currency", "JPY").put("amount", "1.5");
        IntakeException e = refused(422, "invalid-amount", event);
        assertEquals("data.amount: 1.5 has more decimals than JPY allows", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"JPY|1.0", "USD|10.005", "KWD|1.2345", "EUR|1e3", "EUR|1,000.00", "EUR|+5",
        "EUR|' 5'", "EUR|'5 '", "EUR|.5", "EUR|5.", "EUR|0", "EUR|0.00", "EUR|-5.00", "EUR|-0", "EUR|١٢",
        "EUR|92233720368547758.08", "EUR|11111111111111111111111111111111111111111", "EUR|''", "EUR|NaN",
        "EUR|Infinity", "EUR|0x10", "EUR|12.30 EUR"})
    void refusesAmountsThatAreNotStrictPositiveDecimals(String currency, String amount) {
        ObjectNode event = received();
        data(event).put("currency", currency).put("amount", amount);
        IntakeException e = refused(422, "invalid-amount", event);
        assertTrue(e.getMessage().startsWith("data.amount: "), e.getMessage());
    }

    @Test
    void refusesAnAmountThatIsAJsonNumberOrMissing() {
        ObjectNode number = received();
        data(number).put("amount", new java.math.BigDecimal("12.30"));
        assertEquals("data.amount: must be a decimal string such as \"12.30\", got a number",
                refused(422, "invalid-amount", number).getMessage());
        ObjectNode missing = received();
        data(missing).remove("amount");
        assertTrue(refused(422, "invalid-amount", missing).getMessage().startsWith("data.amount: required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"eur\"", "\"XXX\"", "\"XAU\"", "\"EURO\"", "\"\"", "978", "null", "\"ZZZ\""})
    void refusesCurrenciesThatAreNotUpperCaseMonetaryIsoCodes(String currency) {
        byte[] body = utf8(RECEIVED.replace("\"currency\": \"EUR\"", "\"currency\": " + currency));
        IntakeException e = assertRefused(422, "invalid-amount", () -> StandardEvents.parse(CONNECTOR, WEBHOOK_ID, body));
        assertTrue(e.getMessage().startsWith("data.currency: "), e.getMessage());
    }

    static Stream<Arguments> missingOrInvalidFields() {
        return Stream.of(
                Arguments.of("type", (Consumer<ObjectNode>) e -> e.remove("type")),
                Arguments.of("type", (Consumer<ObjectNode>) e -> e.put("type", 7)),
                Arguments.of("timestamp", (Consumer<ObjectNode>) e -> e.remove("timestamp")),
                Arguments.of("timestamp", (Consumer<ObjectNode>) e -> e.put("timestamp", "2026-11-05T09:30:00")),
                Arguments.of("timestamp", (Consumer<ObjectNode>) e -> e.put("timestamp", "2026-11-05")),
                Arguments.of("timestamp", (Consumer<ObjectNode>) e -> e.put("timestamp", 1762335000)),
                Arguments.of("data", (Consumer<ObjectNode>) e -> e.remove("data")),
                Arguments.of("data", (Consumer<ObjectNode>) e -> e.put("data", "pay_8812")),
                Arguments.of("data.provider", (Consumer<ObjectNode>) e -> data(e).put("provider", "beta-bank")),
                Arguments.of("data.provider", (Consumer<ObjectNode>) e -> data(e).put("provider", 7)),
                Arguments.of("data.provider", (Consumer<ObjectNode>) e -> data(e).put("provider", "Acme Pay")),
                Arguments.of("data.provider", (Consumer<ObjectNode>) e -> data(e).put("provider", "p".repeat(41))),
                Arguments.of("data.provider", (Consumer<ObjectNode>) e -> data(e).put("provider", "stripe")),
                Arguments.of("data.provider", (Consumer<ObjectNode>) e -> data(e).put("provider", "bank")),
                Arguments.of("data.paymentId", (Consumer<ObjectNode>) e -> data(e).remove("paymentId")),
                Arguments.of("data.paymentId", (Consumer<ObjectNode>) e -> data(e).put("paymentId", "")),
                Arguments.of("data.paymentId", (Consumer<ObjectNode>) e -> data(e).put("paymentId", " pay_8812")),
                Arguments.of("data.paymentId", (Consumer<ObjectNode>) e -> data(e).put("paymentId", "pay\n8812")),
                Arguments.of("data.paymentId", (Consumer<ObjectNode>) e -> data(e).put("paymentId", "p".repeat(256))),
                Arguments.of("data.paymentId", (Consumer<ObjectNode>) e -> data(e).put("paymentId", 8812)),
                Arguments.of("data.refundId", (Consumer<ObjectNode>) e -> data(e).put("refundId", "ref_1")),
                Arguments.of("data.refundId", (Consumer<ObjectNode>) e -> e.put("type", "payment.refunded")),
                Arguments.of("data.payer", (Consumer<ObjectNode>) e -> data(e).put("payer", "Jane Doe")),
                Arguments.of("data.payer.name", (Consumer<ObjectNode>) e -> ((ObjectNode) data(e).get("payer")).put("name", "N".repeat(301))),
                Arguments.of("data.payer.name", (Consumer<ObjectNode>) e -> ((ObjectNode) data(e).get("payer")).put("name", "Jane\u0000Doe")),
                Arguments.of("data.payer.email", (Consumer<ObjectNode>) e -> ((ObjectNode) data(e).get("payer")).put("email", 42)),
                Arguments.of("data.payer.account", (Consumer<ObjectNode>) e -> ((ObjectNode) data(e).get("payer")).put("account", "A".repeat(65))),
                Arguments.of("data.invoiceNumber", (Consumer<ObjectNode>) e -> data(e).put("invoiceNumber", "I".repeat(129))),
                Arguments.of("data.invoiceNumber", (Consumer<ObjectNode>) e -> data(e).putArray("invoiceNumber")),
                Arguments.of("data.remittance", (Consumer<ObjectNode>) e -> data(e).put("remittance", "r".repeat(1001))));
    }

    @ParameterizedTest
    @MethodSource("missingOrInvalidFields")
    void refusesMissingOrInvalidFieldsWith422NamingThePath(String path, Consumer<ObjectNode> breakIt) {
        ObjectNode event = received();
        breakIt.accept(event);
        IntakeException e = refused(422, "invalid-field", event);
        assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    }

    @Test
    void messagesAreTheOnesTheDocumentShows() {
        ObjectNode noPayment = received();
        data(noPayment).remove("paymentId");
        assertEquals("data.paymentId: required", refused(422, "invalid-field", noPayment).getMessage());
        ObjectNode refundOnReceipt = received();
        data(refundOnReceipt).put("refundId", "ref_1");
        assertEquals("data.refundId: only allowed for payment.refunded",
                refused(422, "invalid-field", refundOnReceipt).getMessage());
        ObjectNode badDate = received();
        badDate.put("timestamp", "05/11/2026");
        assertEquals("timestamp: \"05/11/2026\" is not an ISO-8601 date-time with an offset, e.g. 2026-11-05T09:30:00Z",
                refused(422, "invalid-field", badDate).getMessage());
    }

    @Test
    void timestampsWithAnOffsetAreConvertedToInstants() {
        ObjectNode event = received();
        event.put("timestamp", "2026-11-05T18:30:00.250+09:00");
        assertEquals(Instant.parse("2026-11-05T09:30:00.250Z"), only(bytes(event)).occurredAt());
    }

    @Test
    void optionalFieldsMayBeMissingBlankOrNullAndUnknownMembersAreIgnored() {
        ObjectNode event = received();
        ObjectNode payer = (ObjectNode) data(event).get("payer");
        payer.remove("name");
        payer.put("email", "   ");
        payer.putNull("reference");
        data(event).remove("invoiceNumber");
        data(event).put("remittance", "Line one\nINV-2026-000123");
        data(event).put("connectorSpecific", 42);
        event.put("version", "1");
        PaymentNotification n = only(bytes(event));
        assertEquals(new Payer(null, null, null, "DE89370400440532013000"), n.payer());
        assertNull(n.invoiceReference());
        assertEquals("Line one\nINV-2026-000123", n.remittanceText());
        ObjectNode noPayer = received();
        data(noPayer).remove("payer");
        assertEquals(Payer.UNKNOWN, only(bytes(noPayer)).payer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"payment.disputed", "payment.pending", "invoice.paid", "test"})
    void ignoresOtherTypesWithTheWebhookIdAsEventId(String type) {
        ObjectNode event = received();
        event.put("type", type);
        data(event).remove("amount"); // not looked at
        assertEquals(new Parsed.Ignored(WEBHOOK_ID, type), StandardEvents.parse(CONNECTOR, WEBHOOK_ID, bytes(event)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "null", "\"payment.received\"", "{\"type\": \"payment.received\"",
        "{\"type\": \"payment.received\", \"type\": \"invoice.paid\"}", "{} []"})
    void refusesBodiesThatAreNotJsonObjectsWith400(String body) {
        assertRefused(400, "malformed-json", () -> StandardEvents.parse(CONNECTOR, WEBHOOK_ID, utf8(body)));
    }

    @Test
    void refusesADuplicatedAmountKey() {
        byte[] body = utf8(RECEIVED.replace("\"amount\": \"12.30\"", "\"amount\": \"12.30\", \"amount\": \"1230.00\""));
        assertRefused(400, "malformed-json", () -> StandardEvents.parse(CONNECTOR, WEBHOOK_ID, body));
    }

    @Test
    void aWebhookIdTheVerifierWouldRefuseIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> StandardEvents.parse(CONNECTOR, "", utf8(RECEIVED)));
        assertThrows(IllegalArgumentException.class, () -> StandardEvents.parse(CONNECTOR, "msg 1", utf8(RECEIVED)));
        assertThrows(NullPointerException.class, () -> StandardEvents.parse(CONNECTOR, null, utf8(RECEIVED)));
        assertThrows(NullPointerException.class, () -> StandardEvents.parse(null, WEBHOOK_ID, utf8(RECEIVED)));
        assertThrows(IllegalArgumentException.class, () -> StandardEvents.parse("stripe", WEBHOOK_ID, utf8(RECEIVED)));
    }

    @Test
    void aDeliverySignedByTheReferenceLibraryVerifiesAndParses() throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(utf8("acme-pay-connector-secret-0001"));
        String signature = new Webhook(secret).sign(WEBHOOK_ID, NOW, REFUNDED);
        StandardWebhooksVerifier.Verified verified = new StandardWebhooksVerifier(List.of(
                new io.periodic.billing.ports.ConnectorSecrets.Connector(CONNECTOR, List.of(secret))), clockAt(NOW))
                .verify(WEBHOOK_ID, Long.toString(NOW), signature, utf8(REFUNDED));
        assertEquals(CONNECTOR, verified.connector());
        PaymentNotification n = only(utf8(REFUNDED));
        assertEquals(verified.webhookId(), n.eventId());
        assertEquals("ref_311", n.refundId());
    }

    @Test
    void fuzzedEventsOnlyEverGiveIntakeExceptions() {
        Random random = new Random(7);
        JsonNode[] replacements = {JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode(""),
                JsonNodeFactory.instance.textNode("1.5"), JsonNodeFactory.instance.textNode("JPY"),
                JsonNodeFactory.instance.textNode("payment.refunded"), JsonNodeFactory.instance.textNode("x\u0007"),
                JsonNodeFactory.instance.numberNode(-1), JsonNodeFactory.instance.booleanNode(false),
                JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode()};
        int parsed = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] body;
            if (random.nextBoolean()) {
                ObjectNode event = tree(utf8(random.nextBoolean() ? RECEIVED : REFUNDED));
                for (int n = 1 + random.nextInt(2); n > 0; n--) {
                    StripeEventsTest.replaceRandomValue(event, replacements[random.nextInt(replacements.length)], random);
                }
                body = bytes(event);
            } else {
                body = utf8(RECEIVED);
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                StandardEvents.parse(CONNECTOR, WEBHOOK_ID, body);
                parsed++;
            } catch (IntakeException e) {
                assertTrue(REFUSAL_TYPES.contains(e.type()), e.type());
                assertTrue(e.status() == 400 || e.status() == 422, () -> e.status() + " " + e.getMessage());
            } catch (RuntimeException e) {
                fail(new String(body, java.nio.charset.StandardCharsets.UTF_8) + "\nthrew " + e);
            }
        }
        assertTrue(parsed > 100 && parsed < 2900, "fuzzing both accepts and refuses: " + parsed);
    }

    @Test
    void theProviderIsTheConnectorThatVerifiedTheDeliveryNeverTheBody() {
        assertEquals(CONNECTOR, only(utf8(RECEIVED)).provider(), "data.provider naming the connector is accepted");
        ObjectNode unnamed = tree(utf8(RECEIVED));
        data(unnamed).remove("provider");
        assertEquals(CONNECTOR, only(bytes(unnamed)).provider(), "data.provider may be left out");
        Parsed.Notifications beta = assertInstanceOf(Parsed.Notifications.class,
                StandardEvents.parse("beta-bank", WEBHOOK_ID, bytes(unnamed)));
        assertEquals("beta-bank", beta.notifications().get(0).provider());
        IntakeException forged = assertRefused(422, "invalid-field",
                () -> StandardEvents.parse("beta-bank", WEBHOOK_ID, utf8(RECEIVED)));
        assertTrue(forged.getMessage().startsWith("data.provider: \"acme-pay\" is not the connector"),
                forged.getMessage());
    }
}
