package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.webhooks.Parsed;
import io.periodic.billing.webhooks.StripeEvents;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 12, defect 3: Stripe refunds counted once, whatever shape, order or repetition their events arrive in.
 * Stripe's {@code charge.refunded} carries the charge's cumulative {@code amount_refunded}, with the list of its
 * refunds on API versions before 2022-11-15 and without it since; refund objects ({@code re_…}) come in their own
 * events. Real event bodies, parsed by {@link StripeEvents}, applied by {@link PaymentService} on DynamoDB Local.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class StripeRefundsTest {
    private static final long CREATED = 1_764_000_000L;
    private final BillingStore store;
    private PaymentService service;
    private String intent;
    private String charge;

    StripeRefundsTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        service = new PaymentService(store, new JsonLinesEventLog(Files.createTempDirectory("refunds")
                .resolve("events.jsonl")), () -> Instant.ofEpochSecond(CREATED + 60));
        intent = "pi_" + Ids.randomLetters(14);
        charge = "ch_" + Ids.randomLetters(14);
    }

    @Test
    void twoPartialRefundsOfTenOnThirtyEndWithTwentyRefunded() {
        deliver(paymentOf(3000));
        deliver(chargeRefunded(1000));
        deliver(chargeRefunded(2000));

        assertEquals(Money.of(2000, "USD"), payment().refunded());
        assertEquals(Money.of(1000, "USD"), payment().unapplied());
    }

    @Test
    void aLowerOrEqualCumulativeTotalArrivingLateIsIgnoredAndRecorded() {
        deliver(paymentOf(3000));
        deliver(chargeRefunded(2000));
        deliver(chargeRefunded(1000)); // the first refund's event, delivered last
        deliver(chargeRefunded(2000)); // a redelivery

        assertEquals(Money.of(2000, "USD"), payment().refunded());
        var late = store.payments().getRefund(payment().id(), charge + ":refunded:1000").orElseThrow();
        assertEquals(io.periodic.billing.model.Refund.Status.IGNORED, late.status(), "recorded, not applied");
        assertEquals(true, late.reason() != null && late.reason().contains("2000"), late.reason());
    }

    @Test
    void theSameRefundInBothEventShapesIsCountedOnce() {
        deliver(paymentOf(3000));
        deliver(chargeRefundedWithList(1000, refund("re_1", 1000)));
        deliver(chargeRefunded(1000)); // the same refund, from an endpoint on a newer API version
        deliver(chargeRefundedWithList(2000, refund("re_2", 1000), refund("re_1", 1000)));
        deliver(chargeRefunded(2000));

        assertEquals(Money.of(2000, "USD"), payment().refunded());
    }

    @Test
    void aRefundObjectAndTheCumulativeEventForTheSameRefundCountOnceInEitherOrder() {
        deliver(paymentOf(3000));
        deliver(refundObject("re_1", 1000, "succeeded"));
        deliver(chargeRefunded(1000));
        assertEquals(Money.of(1000, "USD"), payment().refunded(), "object first, then the total");

        deliver(chargeRefunded(1500));
        deliver(refundObject("re_2", 500, "succeeded"));
        assertEquals(Money.of(1500, "USD"), payment().refunded(), "total first, then the object");

        deliver(refundObject("re_3", 700, "pending"));
        deliver(refundObject("re_3", 700, "succeeded")); // its update: the same refund
        assertEquals(Money.of(2200, "USD"), payment().refunded(), "an object the totals have not seen yet counts");
        deliver(chargeRefunded(2200));
        assertEquals(Money.of(2200, "USD"), payment().refunded());
    }

    @Test
    void refundsThatArriveBeforeThePaymentAreCountedOnceWhenItArrives() {
        deliver(chargeRefunded(1000));
        deliver(chargeRefunded(2000));
        deliver(refundObject("re_1", 1000, "succeeded"));
        deliver(paymentOf(3000));

        assertEquals(Money.of(2000, "USD"), payment().refunded());
        assertEquals(Money.of(1000, "USD"), payment().unapplied());
    }

    @Test
    void aFullRefundInPartsNeverTakesBackMoreThanThePayment() {
        deliver(paymentOf(3000));
        deliver(chargeRefunded(1000));
        deliver(refundObject("re_x", 2000, "succeeded"));
        deliver(chargeRefunded(3000));
        deliver(refundObject("re_y", 1000, "succeeded"));

        assertEquals(Money.of(3000, "USD"), payment().refunded());
        assertEquals(io.periodic.billing.model.PaymentStatus.REFUNDED, payment().status());
    }

    // ------------------------------------------------------------------------------------------------ events

    private void deliver(String event) {
        Parsed parsed = StripeEvents.parse(event.getBytes(StandardCharsets.UTF_8));
        for (PaymentNotification n : assertInstanceOf(Parsed.Notifications.class, parsed).notifications()) {
            service.handle(n);
        }
    }

    private Payment payment() {
        return store.payments().getByProviderId("stripe", intent).orElseThrow();
    }

    private String paymentOf(long amount) {
        return event("payment_intent.succeeded", """
                {"id": "%s", "object": "payment_intent", "amount": %d, "amount_received": %d, "currency": "usd",
                 "status": "succeeded", "metadata": {}}""".formatted(intent, amount, amount));
    }

    /** {@code charge.refunded} as API versions since 2022-11-15 send it: the cumulative total only. */
    private String chargeRefunded(long amountRefunded) {
        return event("charge.refunded", charge(amountRefunded, ""));
    }

    /** {@code charge.refunded} as older API versions send it: with the refunds list, newest first. */
    private String chargeRefundedWithList(long amountRefunded, String... refunds) {
        return event("charge.refunded", charge(amountRefunded, """
                , "refunds": {"object": "list", "data": [%s], "has_more": false}""".formatted(String.join(",", refunds))));
    }

    private String charge(long amountRefunded, String more) {
        return """
                {"id": "%s", "object": "charge", "amount": 3000, "amount_captured": 3000, "amount_refunded": %d,
                 "captured": true, "currency": "usd", "payment_intent": "%s", "refunded": %s, "metadata": {}%s}"""
                .formatted(charge, amountRefunded, intent, amountRefunded == 3000, more);
    }

    private String refund(String id, long amount) {
        return """
                {"id": "%s", "object": "refund", "amount": %d, "charge": "%s", "currency": "usd",
                 "payment_intent": "%s", "status": "succeeded"}""".formatted(id + intent, amount, charge, intent);
    }

    /** {@code refund.created} / {@code refund.updated}: one refund object. */
    private String refundObject(String id, long amount, String status) {
        return event(status.equals("pending") ? "refund.created" : "refund.updated",
                refund(id, amount).replace("\"succeeded\"", "\"" + status + "\""));
    }

    private final List<String> eventIds = new ArrayList<>();

    private String event(String type, String object) {
        String id = "evt_" + Ids.randomLetters(14);
        eventIds.add(id);
        return """
                {"id": "%s", "object": "event", "api_version": "2024-06-20", "created": %d, "type": "%s",
                 "data": {"object": %s}}""".formatted(id, CREATED, type, object);
    }
}
