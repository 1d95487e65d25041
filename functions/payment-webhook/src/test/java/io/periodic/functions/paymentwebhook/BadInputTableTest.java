package io.periodic.functions.paymentwebhook;

import static io.periodic.functions.paymentwebhook.Intake.NOW;
import static io.periodic.functions.paymentwebhook.Intake.STRIPE_PREVIOUS;
import static io.periodic.functions.paymentwebhook.Intake.STRIPE_SECRET;
import static io.periodic.functions.paymentwebhook.Intake.request;
import static io.periodic.functions.paymentwebhook.Intake.standardHeaders;
import static io.periodic.functions.paymentwebhook.Intake.standardReceived;
import static io.periodic.functions.paymentwebhook.Intake.standardRefunded;
import static io.periodic.functions.paymentwebhook.Intake.stripeHeaders;
import static io.periodic.functions.paymentwebhook.Intake.stripePaymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.InboundEvent;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.money.Money;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.ElasticMqExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The bad-input table: every refusal of intake, and every awkward delivery the matcher must survive, through the
 * real handlers on DynamoDB Local and ElasticMQ. Each row builds its own world (a customer with three open JPY
 * invoices: 12,000, 8,000 and 5,000 yen, oldest first).
 */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class BadInputTableTest {
    private final DynamoDbLocalEngine dynamo;
    private final ElasticMqEngine mq;

    BadInputTableTest(DynamoDbLocalEngine dynamo, ElasticMqEngine mq) {
        this.dynamo = dynamo;
        this.mq = mq;
    }

    @FunctionalInterface
    interface Row {
        void run(Intake w) throws Exception;
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("valid Stripe payment pays the invoice it names", w -> {
                    String body = stripePaymentIntent("evt_" + Ids.randomLetters(8), "pi_" + Ids.randomLetters(8),
                            12_000, "jpy", w.invoices.get(0).number());
                    assertStatus(200, w.post(request("/webhooks/stripe", stripeHeaders(STRIPE_SECRET, NOW, body), body)));
                    w.drain();
                    assertEquals(InvoiceStatus.PAID, w.invoice(0).status());
                }),
                row("replayed Stripe event: 2xx, applied once", w -> {
                    String body = stripePaymentIntent("evt_" + Ids.randomLetters(8), "pi_" + Ids.randomLetters(8),
                            6_000, "jpy", w.invoices.get(0).number());
                    var headers = stripeHeaders(STRIPE_SECRET, NOW, body);
                    assertStatus(200, w.post(request("/webhooks/stripe", headers, body)));
                    APIGatewayV2HTTPResponse replay = w.post(request("/webhooks/stripe", headers, body));
                    assertStatus(200, replay);
                    assertTrue(replay.getBody().contains("\"duplicate\""), replay.getBody());
                    w.drain();
                    assertEquals(Money.of(6_000, "JPY"), w.invoice(0).amountPaid());
                }),
                row("missing Stripe-Signature: 400", w -> assertProblem(400, "signature-missing", w.post(request(
                        "/webhooks/stripe", Map.of("content-type", "application/json"), stripeBody(w))))),
                row("malformed signature header t=abc: 400", w -> assertProblem(400, "signature-malformed",
                        w.post(request("/webhooks/stripe", Map.of("content-type", "application/json",
                                "stripe-signature", "t=abc,v1=00"), stripeBody(w))))),
                row("signature with an unknown secret: 401", w -> {
                    String body = stripeBody(w);
                    assertProblem(401, "signature-mismatch", w.post(request("/webhooks/stripe",
                            stripeHeaders("whsec_someone_else", NOW, body), body)));
                }),
                row("stale timestamp (301 s old): 401", w -> {
                    String body = stripeBody(w);
                    assertProblem(401, "timestamp-out-of-tolerance", w.post(request("/webhooks/stripe",
                            stripeHeaders(STRIPE_SECRET, NOW - 301, body), body)));
                }),
                row("future timestamp (301 s ahead): 401", w -> {
                    String body = stripeBody(w);
                    assertProblem(401, "timestamp-out-of-tolerance", w.post(request("/webhooks/stripe",
                            stripeHeaders(STRIPE_SECRET, NOW + 301, body), body)));
                }),
                row("one byte tampered: 401", w -> {
                    String body = stripeBody(w);
                    var headers = stripeHeaders(STRIPE_SECRET, NOW, body);
                    assertProblem(401, "signature-mismatch", w.post(request("/webhooks/stripe", headers,
                            body.replace("12000", "12001"))));
                }),
                row("JSON re-serialised before verifying: 401", w -> {
                    String body = stripeBody(w);
                    var headers = stripeHeaders(STRIPE_SECRET, NOW, body);
                    assertProblem(401, "signature-mismatch", w.post(request("/webhooks/stripe", headers,
                            body.replaceAll("\\s+", ""))));
                }),
                row("signed with the previous secret during rotation: accepted", w -> {
                    String body = stripeBody(w);
                    assertStatus(200, w.post(request("/webhooks/stripe", stripeHeaders(STRIPE_PREVIOUS, NOW, body),
                            body)));
                }),
                row("body over 256 KB: 413", w -> {
                    String body = "{\"pad\":\"" + "x".repeat(300_000) + "\"}";
                    assertProblem(413, "payload-too-large", w.post(request("/webhooks/stripe",
                            stripeHeaders(STRIPE_SECRET, NOW, body), body)));
                }),
                row("not JSON (correctly signed): 400", w -> {
                    String body = "this is not json";
                    assertProblem(400, "malformed-json", w.post(request("/webhooks/stripe",
                            stripeHeaders(STRIPE_SECRET, NOW, body), body)));
                }),
                row("unsupported content type: 415", w -> {
                    String body = stripeBody(w);
                    Map<String, String> headers = new HashMap<>(stripeHeaders(STRIPE_SECRET, NOW, body));
                    headers.put("content-type", "text/plain");
                    assertProblem(415, "unsupported-media-type", w.post(request("/webhooks/stripe", headers, body)));
                }),
                row("unknown event type: 200, recorded as ignored", w -> {
                    String id = "evt_" + Ids.randomLetters(8);
                    String body = "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"customer.created\","
                            + "\"created\":" + NOW + ",\"data\":{\"object\":{\"id\":\"cus_x\"}}}";
                    assertStatus(200, w.post(request("/webhooks/stripe", stripeHeaders(STRIPE_SECRET, NOW, body),
                            body)));
                    assertEquals(InboundEvent.Status.IGNORED, w.store.inbound().get("stripe", id).orElseThrow().status());
                }),
                row("negative amount: 422", w -> {
                    String body = stripePaymentIntent("evt_" + Ids.randomLetters(8), "pi_x", -5, "jpy", "X");
                    assertProblem(422, "invalid-amount", w.post(request("/webhooks/stripe",
                            stripeHeaders(STRIPE_SECRET, NOW, body), body)));
                }),
                row("zero amount: 422", w -> {
                    String body = stripePaymentIntent("evt_" + Ids.randomLetters(8), "pi_x", 0, "jpy", "X");
                    assertProblem(422, "invalid-amount", w.post(request("/webhooks/stripe",
                            stripeHeaders(STRIPE_SECRET, NOW, body), body)));
                }),
                row("amount beyond any real payment: 422", w -> {
                    String body = stripePaymentIntent("evt_" + Ids.randomLetters(8), "pi_x", 99_999_999_999_999L,
                            "jpy", "X");
                    assertProblem(422, "invalid-amount", w.post(request("/webhooks/stripe",
                            stripeHeaders(STRIPE_SECRET, NOW, body), body)));
                }),
                row("Standard Webhooks payment: accepted and applied", w -> {
                    String body = standardReceived("pay_" + Ids.randomLetters(8), "8000", "JPY",
                            w.invoices.get(1).number());
                    assertStatus(200, w.post(request("/webhooks/standard",
                            standardHeaders("msg_" + Ids.randomLetters(8), NOW, body), body)));
                    w.drain();
                    assertEquals(InvoiceStatus.PAID, w.invoice(1).status());
                }),
                row("Standard Webhooks without its headers: 400", w -> assertProblem(400, "signature-missing",
                        w.post(request("/webhooks/standard", Map.of("content-type", "application/json"),
                                standardReceived("p", "1", "JPY", "X"))))),
                row("1.5 JPY: 422, never rounded", w -> {
                    String body = standardReceived("pay_" + Ids.randomLetters(8), "1.5", "JPY", "X");
                    APIGatewayV2HTTPResponse r = w.post(request("/webhooks/standard",
                            standardHeaders("msg_" + Ids.randomLetters(8), NOW, body), body));
                    assertEquals(422, r.getStatusCode(), r.getBody());
                    assertTrue(r.getBody().contains("JPY"), r.getBody());
                }),
                row("bank statement with an XXE DOCTYPE: 400, nothing expanded", w -> {
                    String xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                            + "<Document>&x;</Document>";
                    APIGatewayV2HTTPResponse r = w.post(request("/bank-statements",
                            Map.of("content-type", "application/xml"), xml));
                    assertProblem(400, "malformed-xml", r);
                    assertTrue(!r.getBody().contains("root:"), "no file content");
                }),
                row("bank statement as application/pdf: 415", w -> assertProblem(415, "unsupported-media-type",
                        w.post(request("/bank-statements", Map.of("content-type", "application/pdf"), "%PDF-1.7")))),
                row("unknown invoice and unknown payer: unapplied cash, listed", w -> {
                    String pid = "pay_" + Ids.randomLetters(8);
                    standard(w, standardReceived(pid, "4321", "JPY", "INV-1999-999999"));
                    Payment p = w.store.payments().getByProviderId("acme-pay", pid).orElseThrow();
                    assertEquals(PaymentStatus.UNAPPLIED, p.status());
                    assertTrue(w.events.events().stream().anyMatch(e -> e.type().equals("payment.unapplied")));
                }),
                row("wrong currency: unapplied with the reason", w -> {
                    String pid = "pay_" + Ids.randomLetters(8);
                    standard(w, standardReceived(pid, "80.00", "USD", w.invoices.get(1).number()));
                    Payment p = w.store.payments().getByProviderId("acme-pay", pid).orElseThrow();
                    assertTrue(p.unappliedReason().startsWith("currency mismatch"), p.unappliedReason());
                    assertEquals(InvoiceStatus.OPEN, w.invoice(1).status());
                }),
                row("partial payment: the rest stays due", w -> {
                    standard(w, standardReceived("pay_" + Ids.randomLetters(8), "3000", "JPY",
                            w.invoices.get(2).number()));
                    assertEquals(Money.of(2_000, "JPY"), w.invoice(2).amountDue());
                    assertEquals(InvoiceStatus.OPEN, w.invoice(2).status());
                }),
                row("over-payment: invoice paid, excess to the credit balance", w -> {
                    standard(w, standardReceived("pay_" + Ids.randomLetters(8), "6000", "JPY",
                            w.invoices.get(2).number()));
                    assertEquals(InvoiceStatus.PAID, w.invoice(2).status());
                    assertEquals(Money.of(1_000, "JPY"),
                            w.store.credit().balance(w.customer.id(), w.customer.currency()).balance());
                }),
                row("duplicate SQS delivery and a redrive with a new message id: applied once", w -> {
                    String body = standardReceived("pay_" + Ids.randomLetters(8), "5000", "JPY",
                            w.invoices.get(2).number());
                    assertStatus(200, w.post(request("/webhooks/standard",
                            standardHeaders("msg_" + Ids.randomLetters(8), NOW, body), body)));
                    Message m = w.sqs.receiveMessage(r -> r.queueUrl(w.queueUrl).maxNumberOfMessages(1)
                            .waitTimeSeconds(1)).messages().get(0);
                    for (String messageId : List.of(m.messageId(), m.messageId(), "redriven-" + m.messageId())) {
                        SQSEvent.SQSMessage record = Intake.record(m);
                        record.setMessageId(messageId);
                        SQSEvent event = new SQSEvent();
                        event.setRecords(List.of(record));
                        assertEquals(List.of(), w.matcher.handleRequest(event, null).getBatchItemFailures());
                    }
                    w.sqs.deleteMessage(r -> r.queueUrl(w.queueUrl).receiptHandle(m.receiptHandle()));
                    assertEquals(Money.of(5_000, "JPY"), w.invoice(2).amountPaid());
                    assertTrue(w.store.credit().balance(w.customer.id(), w.customer.currency()).balance().isZero());
                }),
                row("refund before its payment: waits, then reopens the invoice", w -> {
                    String pid = "pay_" + Ids.randomLetters(8);
                    standard(w, standardRefunded(pid, "re_" + Ids.randomLetters(6), "2000"));
                    standard(w, standardReceived(pid, "5000", "JPY", w.invoices.get(2).number()));
                    assertEquals(InvoiceStatus.OPEN, w.invoice(2).status());
                    assertEquals(Money.of(2_000, "JPY"), w.invoice(2).amountDue());
                }),
                row("two payments for one invoice: never double-paid, the second held for a person", w -> {
                    standard(w, standardReceived("pay_" + Ids.randomLetters(8), "8000", "JPY",
                            w.invoices.get(1).number()));
                    String second = "pay_" + Ids.randomLetters(8);
                    standard(w, standardReceived(second, "8000", "JPY", w.invoices.get(1).number()));
                    assertEquals(Money.of(8_000, "JPY"), w.invoice(1).amountPaid());
                    // oldest-first (confidence 0.60) is below the default auto-apply threshold 0.90: held, attributed
                    Payment p = w.store.payments().getByProviderId("acme-pay", second).orElseThrow();
                    assertEquals(PaymentStatus.UNAPPLIED, p.status());
                    assertEquals(w.customer.id(), p.customerId());
                    assertTrue(p.unappliedReason().startsWith("held: oldest-first decision with confidence 0.60"),
                            p.unappliedReason());
                    assertTrue(w.invoice(0).amountPaid().isZero(), "the customer's oldest open invoice untouched");
                    assertTrue(w.store.credit().balance(w.customer.id(), w.customer.currency()).balance().isZero());
                }),
                row("poison message: reported alone (to reach the DLQ), the rest of its batch applied", w -> {
                    String good = io.periodic.billing.payments.PaymentNotificationJson.write(
                            new io.periodic.billing.payments.PaymentNotification(
                                    io.periodic.billing.payments.PaymentNotification.Kind.RECEIVED, "bank", "e1",
                                    "ref-" + Ids.randomLetters(6), null, Money.of(5_000, "JPY"), null,
                                    w.invoices.get(2).number(), null, java.time.Instant.ofEpochSecond(NOW)));
                    SQSEvent event = new SQSEvent();
                    SQSEvent.SQSMessage poison = new SQSEvent.SQSMessage();
                    poison.setMessageId("poison");
                    poison.setBody("{\"kind\":\"RECEIVED\",\"amount\":\"NaN\"}");
                    SQSEvent.SQSMessage fine = new SQSEvent.SQSMessage();
                    fine.setMessageId("fine");
                    fine.setBody(good);
                    event.setRecords(List.of(poison, fine));
                    SQSBatchResponse response = w.matcher.handleRequest(event, null);
                    assertEquals(List.of("poison"), response.getBatchItemFailures().stream()
                            .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
                    assertEquals(InvoiceStatus.PAID, w.invoice(2).status());
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void badInput(String name, Row row) throws Exception {
        row.run(new Intake(dynamo, mq));
    }

    private static Arguments row(String name, Row row) {
        return Arguments.of(name, row);
    }

    private static String stripeBody(Intake w) {
        return stripePaymentIntent("evt_" + Ids.randomLetters(8), "pi_" + Ids.randomLetters(8), 12_000, "jpy",
                w.invoices.get(0).number());
    }

    private static void standard(Intake w, String body) throws Exception {
        assertStatus(200, w.post(request("/webhooks/standard", standardHeaders("msg_" + Ids.randomLetters(8), NOW,
                body), body)));
        w.drain();
    }

    private static void assertStatus(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
    }

    private static void assertProblem(int status, String type, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        assertTrue(response.getBody().contains("\"type\":\"https://periodic.dev/problems/" + type + "\""),
                response.getBody());
    }
}
