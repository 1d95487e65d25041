package io.periodic.billing.webhooks;

import static io.periodic.billing.webhooks.WebhookTesting.NOW;
import static io.periodic.billing.webhooks.WebhookTesting.REFUSAL_TYPES;
import static io.periodic.billing.webhooks.WebhookTesting.assertRefused;
import static io.periodic.billing.webhooks.WebhookTesting.bytes;
import static io.periodic.billing.webhooks.WebhookTesting.clockAt;
import static io.periodic.billing.webhooks.WebhookTesting.fixture;
import static io.periodic.billing.webhooks.WebhookTesting.fixtureText;
import static io.periodic.billing.webhooks.WebhookTesting.tree;
import static io.periodic.billing.webhooks.WebhookTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link StripeEvents} on hand-written events in Stripe's documented shapes (src/test/resources/webhooks/stripe). */
class StripeEventsTest {
    private static final String PI = "stripe/payment_intent.succeeded.json";
    private static final String CHARGE = "stripe/charge.succeeded.json";
    private static final String REFUND = "stripe/charge.refunded.json";
    private static final String REFUND_LEGACY = "stripe/charge.refunded.legacy.json";
    private static final String DISPUTE = "stripe/charge.dispute.created.json";
    private static final String DISPUTE_CLOSED = "stripe/charge.dispute.closed.json";
    private static final String PAYMENT_INTENT_ID = "pi_3QcWm2LkdIwHu7ix1vXh0Jq8";
    private static final String CHARGE_ID = "ch_3QcWm2LkdIwHu7ix1c4Tn9Rz";

    private static PaymentNotification only(Parsed parsed) {
        Parsed.Notifications notifications = assertInstanceOf(Parsed.Notifications.class, parsed);
        assertEquals(1, notifications.notifications().size(), notifications.toString());
        return notifications.notifications().get(0);
    }

    private static PaymentNotification only(byte[] body) {
        return only(StripeEvents.parse(body));
    }

    private static ObjectNode object(ObjectNode event) {
        return (ObjectNode) event.get("data").get("object");
    }

    /** The fixture with one raw token replaced (for literals a tree cannot hold as written, like 1e3). */
    private static byte[] replacing(String fixture, String exactly, String with) {
        String text = fixtureText(fixture);
        assertTrue(text.contains(exactly), exactly);
        return utf8(text.replace(exactly, with));
    }

    @Test
    void paymentIntentSucceededIsOnePaymentReceived() {
        Parsed parsed = StripeEvents.parse(fixture(PI));
        assertEquals("evt_3QcWm2LkdIwHu7ix1pI7gZt4", parsed.eventId());
        assertEquals("payment_intent.succeeded", parsed.eventType());
        assertEquals(new PaymentNotification(Kind.RECEIVED, "stripe", "evt_3QcWm2LkdIwHu7ix1pI7gZt4", PAYMENT_INTENT_ID,
                null, Money.of(1230, "USD"), new Payer(null, "jane.mueller@example.com", null, "cus_R5fG7hJ8kL9mN0"),
                "INV-2026-000123", "Periodic invoice INV-2026-000123", Instant.ofEpochSecond(1762335000)), only(parsed));
    }

    @Test
    void chargeSucceededIsNamedByItsPaymentIntent() {
        assertEquals(new PaymentNotification(Kind.RECEIVED, "stripe", "evt_3QcWm2LkdIwHu7ix1Jk2LmNo", PAYMENT_INTENT_ID,
                null, Money.of(1230, "USD"), new Payer("Jane Müller", "jane.mueller@example.com", null, "cus_R5fG7hJ8kL9mN0"),
                "INV-2026-000123", "Periodic invoice INV-2026-000123", Instant.ofEpochSecond(1762334998)),
                only(fixture(CHARGE)));
    }

    @Test
    void bothEventsOfOnePaymentDeduplicateToOnePayment() {
        PaymentNotification fromIntent = only(fixture(PI));
        PaymentNotification fromCharge = only(fixture(CHARGE));
        assertTrue(!fromIntent.eventId().equals(fromCharge.eventId()), "two events");
        assertEquals(List.of(fromIntent.provider(), fromIntent.providerPaymentId(), fromIntent.amount()),
                List.of(fromCharge.provider(), fromCharge.providerPaymentId(), fromCharge.amount()));
        // and a refund or dispute of that money names the same payment
        assertEquals(fromIntent.providerPaymentId(), only(fixture(REFUND)).providerPaymentId());
        assertEquals(fromIntent.providerPaymentId(), only(fixture(DISPUTE)).providerPaymentId());
    }

    @Test
    void aChargeWithoutPaymentIntentIsNamedByTheChargeEverywhere() {
        ObjectNode charge = tree(fixture(CHARGE));
        object(charge).putNull("payment_intent");
        assertEquals(CHARGE_ID, only(bytes(charge)).providerPaymentId());
        ObjectNode refund = tree(fixture(REFUND));
        object(refund).remove("payment_intent");
        assertEquals(CHARGE_ID, only(bytes(refund)).providerPaymentId());
        ObjectNode dispute = tree(fixture(DISPUTE));
        object(dispute).putNull("payment_intent");
        assertEquals(CHARGE_ID, only(bytes(dispute)).providerPaymentId());
    }

    @Test
    void expandedPaymentIntentAndCustomerObjectsAreReadByTheirId() {
        ObjectNode charge = tree(fixture(CHARGE));
        object(charge).putObject("payment_intent").put("id", PAYMENT_INTENT_ID).put("object", "payment_intent");
        object(charge).putObject("customer").put("id", "cus_Expanded1").put("object", "customer");
        PaymentNotification n = only(bytes(charge));
        assertEquals(PAYMENT_INTENT_ID, n.providerPaymentId());
        assertEquals("cus_Expanded1", n.payer().account());
    }

    @Test
    void anUncapturedChargeMovesNoMoney() {
        ObjectNode charge = tree(fixture(CHARGE));
        object(charge).put("captured", false).put("amount_captured", 0);
        Parsed.Notifications parsed = assertInstanceOf(Parsed.Notifications.class, StripeEvents.parse(bytes(charge)));
        assertEquals(List.of(), parsed.notifications());
        assertEquals("charge.succeeded", parsed.eventType());
        object(charge).put("captured", "false");
        assertRefused(422, "invalid-field", () -> StripeEvents.parse(bytes(charge)));
    }

    @Test
    void aChargeRecordsTheCapturedAmountElseTheAmount() {
        ObjectNode charge = tree(fixture(CHARGE));
        object(charge).put("amount_captured", 1000);
        assertEquals(Money.of(1000, "USD"), only(bytes(charge)).amount());
        object(charge).remove("amount_captured");
        assertEquals(Money.of(1230, "USD"), only(bytes(charge)).amount());
    }

    @Test
    void aRefundWithTheRefundsListIsTheChargesRunningTotal() {
        // amount_refunded is 3000: the newest refund (re_…, 2000) and an earlier one; the list is not needed.
        assertEquals(new PaymentNotification(Kind.REFUNDED, "stripe", "evt_1Lb2Xy3LkdIwHu7ixQrStUvW",
                "pi_1Lb2Xv3LkdIwHu7ixI7j8K9l", "ch_1Lb2Xw3LkdIwHu7ixA1b2C3d:refunded:3000", Money.of(3000, "JPY"),
                new Payer("山田 太郎", "taro.yamada@example.jp", null, "cus_Q1aB2cD3eF4gH5"), "INV-2026-000124",
                "Periodic invoice INV-2026-000124", Instant.ofEpochSecond(1762421400), true),
                only(fixture(REFUND_LEGACY)));
    }

    @Test
    void aRefundWithoutTheListIsTheChargesRunningTotalWithOrWithoutThePreviousValue() {
        PaymentNotification n = only(fixture(REFUND));
        assertEquals(Kind.REFUNDED, n.kind());
        assertEquals(PAYMENT_INTENT_ID, n.providerPaymentId());
        assertEquals(CHARGE_ID + ":refunded:1230", n.refundId());
        assertEquals(Money.of(1230, "USD"), n.amount(), "everything refunded so far, not the 1000 of this refund");
        assertTrue(n.runningTotal());
        assertEquals("evt_3QcWm2LkdIwHu7ix1RfNd5Xa", n.eventId());

        ObjectNode withoutPrevious = tree(fixture(REFUND));
        ((ObjectNode) withoutPrevious.get("data")).remove("previous_attributes");
        assertEquals(n, only(bytes(withoutPrevious)), "the same total whatever else the event carries");
    }

    @Test
    void aRefundIsRefusedOnlyForWhatItsRunningTotalNeeds() {
        ObjectNode nothingRefunded = tree(fixture(REFUND));
        object(nothingRefunded).put("amount_refunded", 0);
        assertRefused(422, "invalid-amount", () -> StripeEvents.parse(bytes(nothingRefunded)));
        ObjectNode fraction = tree(fixture(REFUND));
        object(fraction).put("amount_refunded", 12.5);
        assertRefused(422, "invalid-amount", () -> StripeEvents.parse(bytes(fraction)));
        // The refunds list and previous_attributes are not read: inconsistent ones do not refuse the total.
        ObjectNode oddList = tree(fixture(REFUND_LEGACY));
        ((ObjectNode) object(oddList).get("refunds").get("data").get(0)).put("amount", 3001).remove("id");
        assertEquals(Money.of(3000, "JPY"), only(bytes(oddList)).amount());
        ObjectNode oddPrevious = tree(fixture(REFUND));
        ((ObjectNode) oddPrevious.get("data").get("previous_attributes")).put("amount_refunded", 99999);
        assertEquals(Money.of(1230, "USD"), only(bytes(oddPrevious)).amount());
    }

    @Test
    void aRefundObjectIsOneRefundCountedByItsId() {
        for (String type : List.of("refund.created", "refund.updated", "charge.refund.updated")) {
            for (String status : List.of("pending", "succeeded")) {
                PaymentNotification n = only(utf8(refundObject(type, status)));
                assertEquals(new PaymentNotification(Kind.REFUNDED, "stripe", "evt_refund_1", PAYMENT_INTENT_ID,
                        "re_3QcWm2LkdIwHu7ix1Ab2Cd3E", Money.of(500, "USD"), Payer.UNKNOWN, null, null,
                        Instant.ofEpochSecond(1762594300)), n, type + " " + status);
            }
            for (String status : List.of("failed", "canceled", "requires_action")) {
                assertEquals(new Parsed.Notifications("evt_refund_1", type, List.of()),
                        StripeEvents.parse(utf8(refundObject(type, status))), "no money moved: " + status);
            }
        }
        ObjectNode noIntent = tree(utf8(refundObject("refund.created", "succeeded")));
        object(noIntent).remove("payment_intent");
        assertEquals(CHARGE_ID, only(bytes(noIntent)).providerPaymentId(), "a legacy charge names its payment");
        ObjectNode noCharge = tree(utf8(refundObject("refund.created", "succeeded")));
        object(noCharge).remove("charge");
        assertRefused(422, "invalid-field", () -> StripeEvents.parse(bytes(noCharge)));
        ObjectNode notARefund = tree(utf8(refundObject("refund.created", "succeeded")));
        object(notARefund).put("object", "charge");
        assertRefused(422, "invalid-field", () -> StripeEvents.parse(bytes(notARefund)));
    }

    private static String refundObject(String type, String status) {
        return """
                {"id": "evt_refund_1", "object": "event", "api_version": "2024-06-20", "created": 1762594300,
                 "type": "%s",
                 "data": {"object": {"id": "re_3QcWm2LkdIwHu7ix1Ab2Cd3E", "object": "refund", "amount": 500,
                   "charge": "%s", "currency": "usd", "payment_intent": "%s", "reason": "requested_by_customer",
                   "status": "%s", "metadata": {}}}}""".formatted(type, CHARGE_ID, PAYMENT_INTENT_ID, status);
    }

    @Test
    void aDisputeIsDisputedForItsPayment() {
        assertEquals(new PaymentNotification(Kind.DISPUTED, "stripe", "evt_1QdA7bLkdIwHu7ixDpVt8Kw2", PAYMENT_INTENT_ID,
                "dp_1QdA7aLkdIwHu7ixW3xY4zA5", Money.of(1230, "USD"), Payer.UNKNOWN, null, null,
                Instant.ofEpochSecond(1763199000)), only(fixture(DISPUTE)));
        ObjectNode noCharge = tree(fixture(DISPUTE));
        object(noCharge).remove("charge");
        IntakeException e = assertRefused(422, "invalid-field", () -> StripeEvents.parse(bytes(noCharge)));
        assertTrue(e.getMessage().startsWith("data.object.charge:"), e.getMessage());
    }

    @Test
    void stripeJavaReadsTheFixturesAsWeDo() throws Exception {
        PaymentIntent intent = (PaymentIntent) stripeObject(PI);
        PaymentNotification received = only(fixture(PI));
        assertEquals(intent.getId(), received.providerPaymentId());
        assertEquals(intent.getAmountReceived(), received.amount().minor());
        assertEquals(intent.getCurrency().toUpperCase(), received.amount().currency().getCurrencyCode());
        assertEquals(intent.getReceiptEmail(), received.payer().email());
        assertEquals(intent.getMetadata().get("invoice_number"), received.invoiceReference());

        Charge charge = (Charge) stripeObject(CHARGE);
        PaymentNotification fromCharge = only(fixture(CHARGE));
        assertEquals(charge.getPaymentIntent(), fromCharge.providerPaymentId());
        assertEquals(charge.getAmountCaptured(), fromCharge.amount().minor());
        assertEquals(charge.getBillingDetails().getName(), fromCharge.payer().name());
        assertEquals(charge.getCustomer(), fromCharge.payer().account());

        Charge legacy = (Charge) stripeObject(REFUND_LEGACY);
        PaymentNotification refund = only(fixture(REFUND_LEGACY));
        assertEquals(legacy.getId() + ":refunded:" + legacy.getAmountRefunded(), refund.refundId());
        assertEquals(legacy.getAmountRefunded(), refund.amount().minor());

        Charge current = (Charge) stripeObject(REFUND);
        assertEquals(1230L, current.getAmountRefunded());
        assertNull(current.getRefunds(), "current API versions leave the refunds list out");

        Dispute dispute = (Dispute) stripeObject(DISPUTE);
        PaymentNotification disputed = only(fixture(DISPUTE));
        assertEquals(dispute.getId(), disputed.refundId());
        assertEquals(dispute.getPaymentIntent(), disputed.providerPaymentId());
        assertEquals(dispute.getAmount(), disputed.amount().minor());
    }

    private static StripeObject stripeObject(String fixture) throws Exception {
        Event event = Webhook.constructEventWithoutVerification(fixtureText(fixture));
        return event.getDataObjectDeserializer().deserializeUnsafe();
    }

    @Test
    void aStripeSignedEventVerifiesAndParsesEndToEnd() throws Exception {
        String secret = "whsec_end_to_end_Tq8Wc3Lp0Zr5Xn2";
        String payload = fixtureText(CHARGE);
        String header = Webhook.Signature.generateSignatureHeader(payload, secret, NOW);
        byte[] body = utf8(payload);
        new StripeSignatureVerifier(List.of(secret), clockAt(NOW)).verify(header, body);
        assertEquals(PAYMENT_INTENT_ID, only(body).providerPaymentId());
    }

    @ParameterizedTest
    @CsvSource({
        "usd, 1230, USD, 1230", "eur, 5, EUR, 5", "jpy, 1500, JPY, 1500", "krw, 25000, KRW, 25000",
        "vnd, 1000000, VND, 1000000", "clp, 990, CLP, 990", "ugx, 5000, UGX, 5000",
        "kwd, 12340, KWD, 12340", "bhd, 1000, BHD, 1000", "huf, 150000, HUF, 150000", "twd, 30000, TWD, 30000",
        "isk, 50000, ISK, 500", "mga, 1000, MGA, 100000", "idr, 999999999999, IDR, 999999999999"})
    void stripeMinorUnitsBecomeOurMinorUnits(String stripeCurrency, long stripeAmount, String code, long minor) {
        ObjectNode event = tree(fixture(PI));
        object(event).put("currency", stripeCurrency).put("amount_received", stripeAmount);
        assertEquals(Money.of(minor, code), only(bytes(event)).amount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1230", "0", "-0", "12.5", "1230.0", "1e3", "1E+3", "\"1230\"", "true", "null", "[1230]",
        "{\"value\": 1230}", "1000000000000", "9223372036854775807", "99999999999999999999999"})
    void refusesAmountsThatAreNotPositiveWholeMinorUnits(String amount) {
        byte[] body = replacing(PI, "\"amount_received\": 1230", "\"amount_received\": " + amount);
        IntakeException e = assertRefused(422, "invalid-amount", () -> StripeEvents.parse(body));
        assertTrue(e.getMessage().startsWith("data.object.amount_received: "), e.getMessage());
    }

    @Test
    void refusesAMissingAmount() {
        ObjectNode event = tree(fixture(PI));
        object(event).remove("amount_received");
        assertRefused(422, "invalid-amount", () -> StripeEvents.parse(bytes(event)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"xxx\"", "\"xau\"", "\"zzz\"", "\"us\"", "\"usdd\"", "\"\"", "\"u$d\"", "840", "null",
        "\"iqd\"", "\"lyd\""})
    void refusesUnknownOrUnrepresentableCurrencies(String currency) {
        byte[] body = replacing(PI, "\"currency\": \"usd\"", "\"currency\": " + currency);
        IntakeException e = assertRefused(422, "invalid-amount", () -> StripeEvents.parse(body));
        assertTrue(e.getMessage().startsWith("data.object."), e.getMessage());
    }

    @Test
    void refusesAnIskAmountWithFractionalKronur() {
        ObjectNode event = tree(fixture(PI));
        object(event).put("currency", "isk").put("amount_received", 12345);
        assertRefused(422, "invalid-amount", () -> StripeEvents.parse(bytes(event)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"customer.created", "invoice.paid", "payment_intent.created", "charge.failed",
        "charge.refund.created", "v1.billing.meter.error_report_triggered"})
    void ignoresOtherEventTypes(String type) {
        ObjectNode event = tree(fixture(PI));
        event.put("type", type);
        object(event).remove("amount_received"); // not looked at
        assertEquals(new Parsed.Ignored("evt_3QcWm2LkdIwHu7ix1pI7gZt4", type), StripeEvents.parse(bytes(event)));
    }

    static Stream<byte[]> malformedBodies() {
        String pi = fixtureText(PI);
        return Stream.of(new byte[0], utf8(" "), utf8("not json"), utf8("[]"), utf8("null"), utf8("\"evt\""),
                utf8("{}"), utf8("{\"id\": \"evt_1\"}"), utf8("{\"type\": \"charge.succeeded\"}"),
                utf8("{\"id\": 42, \"type\": \"charge.succeeded\"}"),
                utf8("{\"id\": \"evt_1\", \"type\": \"charge succeeded\"}"),
                utf8("{\"id\": \"evt 1\", \"type\": \"charge.succeeded\"}"),
                utf8("{\"id\": \"\", \"type\": \"charge.succeeded\"}"),
                utf8("{\"id\": \"evt_1\", \"type\": \"charge.succeeded\", \"type\": \"invoice.paid\"}"),
                utf8(pi + " {}"), utf8(pi.substring(0, pi.length() / 2)), utf8(pi.replace("\"object\": \"event\",", "")
                        .replaceFirst("\\{", "{\"id\": \"evt_dup\",")),
                new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                utf8("[".repeat(100_000)),
                utf8("{\"id\": \"evt_1\", \"type\": \"x\", \"deep\": " + "[".repeat(5000) + "]".repeat(5000) + "}"));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void refusesBodiesThatAreNotEventsWith400(byte[] body) {
        assertRefused(400, "malformed-json", () -> StripeEvents.parse(body));
    }

    @Test
    void handledEventsNeedCreatedAndAnObjectOfTheRightKind() {
        ObjectNode noCreated = tree(fixture(PI));
        noCreated.remove("created");
        assertRefused(422, "invalid-field", () -> StripeEvents.parse(bytes(noCreated)));
        ObjectNode noObject = tree(fixture(PI));
        ((ObjectNode) noObject.get("data")).remove("object");
        assertRefused(422, "invalid-field", () -> StripeEvents.parse(bytes(noObject)));
        ObjectNode wrongKind = tree(fixture(PI));
        object(wrongKind).put("object", "charge");
        IntakeException e = assertRefused(422, "invalid-field", () -> StripeEvents.parse(bytes(wrongKind)));
        assertEquals("data.object.object: expected payment_intent", e.getMessage());
        ObjectNode badId = tree(fixture(CHARGE));
        object(badId).put("payment_intent", "pi_1\nInjected");
        assertRefused(422, "invalid-field", () -> StripeEvents.parse(bytes(badId)));
    }

    @Test
    void informationalFieldsNeverRefuseAPayment() {
        ObjectNode charge = tree(fixture(CHARGE));
        ObjectNode billing = (ObjectNode) object(charge).get("billing_details");
        billing.put("name", "N".repeat(301));
        billing.put("email", 42);
        object(charge).put("receipt_email", "e".repeat(250) + "@x.com");
        object(charge).put("customer", "cus_" + "c".repeat(70));
        object(charge).put("metadata", "not an object");
        object(charge).put("description", "   ");
        PaymentNotification n = only(bytes(charge));
        assertEquals(Payer.UNKNOWN, n.payer());
        assertNull(n.invoiceReference());
        assertNull(n.remittanceText());
        assertEquals(Money.of(1230, "USD"), n.amount());
    }

    @Test
    void invoiceReferencePrefersInvoiceNumberOverInvoice() {
        ObjectNode event = tree(fixture(PI));
        ((ObjectNode) object(event).get("metadata")).put("invoice", "INV-OTHER");
        assertEquals("INV-2026-000123", only(bytes(event)).invoiceReference());
        ((ObjectNode) object(event).get("metadata")).remove("invoice_number");
        assertEquals("INV-OTHER", only(bytes(event)).invoiceReference());
    }

    @Test
    void fuzzedEventsOnlyEverGiveIntakeExceptions() {
        Random random = new Random(42);
        JsonNode[] replacements = {JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode(""),
                JsonNodeFactory.instance.textNode("x\u0000"), JsonNodeFactory.instance.numberNode(-1),
                JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("1.5")),
                JsonNodeFactory.instance.numberNode(new BigInteger("123456789012345678901234567890")),
                JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.arrayNode(),
                JsonNodeFactory.instance.objectNode()};
        List<String> fixtures = List.of(PI, CHARGE, REFUND, REFUND_LEGACY, DISPUTE);
        int parsed = 0;
        for (int i = 0; i < 3000; i++) {
            String name = fixtures.get(random.nextInt(fixtures.size()));
            byte[] body;
            if (random.nextBoolean()) {
                ObjectNode event = tree(fixture(name));
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    replaceRandomValue(event, replacements[random.nextInt(replacements.length)], random);
                }
                body = bytes(event);
            } else {
                body = fixture(name);
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                StripeEvents.parse(body);
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

    /** Replaces one value somewhere in the tree (any depth) by {@code replacement}. */
    static void replaceRandomValue(ContainerNode<?> root, JsonNode replacement, Random random) {
        List<Map.Entry<ContainerNode<?>, Object>> slots = new ArrayList<>();
        collect(root, slots);
        Map.Entry<ContainerNode<?>, Object> slot = slots.get(random.nextInt(slots.size()));
        if (slot.getKey() instanceof ObjectNode o) {
            o.set((String) slot.getValue(), replacement.deepCopy());
        } else {
            ((ArrayNode) slot.getKey()).set((Integer) slot.getValue(), replacement.deepCopy());
        }
    }

    private static void collect(JsonNode node, List<Map.Entry<ContainerNode<?>, Object>> slots) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                slots.add(Map.entry(o, name));
                collect(o.get(name), slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(Map.entry(a, i));
                collect(a.get(i), slots);
            }
        }
    }

    @Test
    void theParsedListIsUnmodifiable() {
        Parsed.Notifications parsed = assertInstanceOf(Parsed.Notifications.class, StripeEvents.parse(fixture(PI)));
        try {
            parsed.notifications().clear();
            fail("modifiable");
        } catch (UnsupportedOperationException expected) {
            assertEquals(1, parsed.notifications().size());
        }
    }

    @Test
    void aClosedDisputeIsWonOrLostByItsStatusAndNothingElse() throws Exception {
        Dispute dispute = (Dispute) stripeObject(DISPUTE_CLOSED);
        assertEquals("won", dispute.getStatus());
        PaymentNotification won = only(fixture(DISPUTE_CLOSED));
        assertEquals(PaymentNotification.Kind.DISPUTE_WON, won.kind());
        assertEquals(dispute.getId(), won.refundId(), "the dispute it closes, by the id its created event used");
        assertEquals(dispute.getPaymentIntent(), won.providerPaymentId());
        assertEquals(dispute.getAmount(), won.amount().minor());

        ObjectNode lost = tree(fixture(DISPUTE_CLOSED));
        object(lost).put("status", "lost");
        assertEquals(PaymentNotification.Kind.DISPUTE_LOST, only(bytes(lost)).kind());
        ObjectNode inquiry = tree(fixture(DISPUTE_CLOSED));
        object(inquiry).put("status", "warning_closed");
        assertEquals(PaymentNotification.Kind.DISPUTE_WON, only(bytes(inquiry)).kind(),
                "an inquiry closed without a charge-back: no money left the seller");
        ObjectNode odd = tree(fixture(DISPUTE_CLOSED));
        object(odd).put("status", "under_review");
        Parsed parsed = StripeEvents.parse(bytes(odd));
        assertTrue(((Parsed.Notifications) parsed).notifications().isEmpty(), "a status that closes nothing");
    }
}
