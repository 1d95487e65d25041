package io.periodic.functions.paymentwebhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.stripe.net.Webhook;
import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.service.PaymentIntake;
import io.periodic.billing.service.PaymentService;
import io.periodic.functions.paymentmatcher.PaymentMatcherHandler;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.SqsDelivery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A test world for the payment flow on real engines: the webhook handler (secrets current + previous) writing to
 * DynamoDB Local and ElasticMQ's PaymentQueue, the matcher handler draining that queue (partial batch responses
 * honoured as the event source mapping would), a customer with open JPY invoices, and signing helpers that use
 * the real libraries (stripe-java, standardwebhooks).
 */
final class Intake {
    static final long NOW = 1_764_000_000L; // 2025-11-24T16:00:00Z
    static final String STRIPE_SECRET = "whsec_stripe_current_secret_0123456789";
    static final String STRIPE_PREVIOUS = "whsec_stripe_previous_secret_987654321";
    static final String STANDARD_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "periodic-standard-connector-secret".getBytes(StandardCharsets.UTF_8));
    /** The connector {@link #STANDARD_SECRET} belongs to. */
    static final String STANDARD_CONNECTOR = "acme-pay";

    final BillingStore store;
    final SqsClient sqs;
    final String queueUrl;
    final PaymentWebhookHandler webhook;
    final PaymentMatcherHandler matcher;
    final JsonLinesEventLog events;
    final Customer customer;
    final List<Invoice> invoices = new ArrayList<>();

    Intake(DynamoDbLocalEngine dynamo, ElasticMqEngine mq) throws Exception {
        this(dynamo, mq, ConnectorSecrets.of(new ConnectorSecrets.Connector(STANDARD_CONNECTOR,
                List.of(STANDARD_SECRET))));
    }

    /** @param standard the Standard Webhooks connectors */
    Intake(DynamoDbLocalEngine dynamo, ElasticMqEngine mq, ConnectorSecrets standard) throws Exception {
        this.store = new BillingStore(dynamo.client(), BillingTable.LOGICAL_ID);
        this.sqs = mq.client();
        this.queueUrl = mq.queueUrl("PaymentQueue");
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        this.webhook = new PaymentWebhookHandler(new PaymentIntake(store, new SqsMessageQueue(sqs, queueUrl),
                Secrets.of(STRIPE_SECRET, STRIPE_PREVIOUS), standard, clock));
        this.events = new JsonLinesEventLog(Files.createTempDirectory("intake").resolve("events.jsonl"));
        this.matcher = new PaymentMatcherHandler(new PaymentService(store, events, clock::instant));
        drain(); // what other tests left on the shared queue
        String prefix = "W" + Ids.randomLetters(7);
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, prefix, null));
        this.customer = store.customers().create(new Customer(Ids.newId("cus"), "株式会社テスト " + prefix,
                prefix.toLowerCase(Locale.ROOT) + "@customer.example", Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"),
                Locale.JAPAN, 30, TaxRate.ZERO, null, new Address("1", null, null, "Tokyo", null, "JP"),
                Instant.ofEpochSecond(NOW), null));
        for (long amount : new long[] {12_000, 8_000, 5_000}) {
            Money net = Money.of(amount, "JPY");
            Money zero = Money.zero(Currencies.of("JPY"));
            Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                    Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION,
                    null, null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2025, 11, 1),
                    LocalDate.of(2025, 11, 1).plusDays(invoices.size()), null, null, null,
                    Instant.ofEpochSecond(NOW), null, null));
            Finalization.Decision decision = Finalization.plan(draft, store.invoices().sequence(
                    Finalization.seriesOf(draft, prefix)), store.credit().balance(customer.id(), customer.currency()),
                    Instant.ofEpochSecond(NOW));
            invoices.add(store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null));
        }
    }

    Invoice invoice(int i) {
        return store.invoices().get(invoices.get(i).id()).orElseThrow();
    }

    static APIGatewayV2HTTPEvent request(String path, Map<String, String> headers, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setHeaders(new HashMap<>(headers));
        event.setBody(body);
        event.setIsBase64Encoded(false);
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath(path).build())
                .build());
        return event;
    }

    APIGatewayV2HTTPResponse post(APIGatewayV2HTTPEvent request) {
        return webhook.handleRequest(request, null);
    }

    /** A Stripe payment_intent.succeeded paying {@code amount} JPY, naming {@code invoiceNumber} in metadata. */
    static String stripePaymentIntent(String eventId, String paymentIntent, long amount, String currency,
            String invoiceNumber) {
        return """
                {"id": "%s", "object": "event", "api_version": "2024-06-20", "created": %d, "livemode": false,
                 "type": "payment_intent.succeeded",
                 "data": {"object": {"id": "%s", "object": "payment_intent", "amount": %d, "amount_received": %d,
                   "currency": "%s", "customer": null, "receipt_email": "payer@example.com",
                   "description": "Subscription payment", "status": "succeeded",
                   "metadata": {"invoice_number": "%s"}}}}""".formatted(eventId, NOW, paymentIntent, amount, amount,
                currency, invoiceNumber);
    }

    /** {@code Stripe-Signature} computed by stripe-java's own HMAC helper. */
    static Map<String, String> stripeHeaders(String secret, long t, String body) throws Exception {
        String v1 = Webhook.Util.computeHmacSha256(secret, t + "." + body);
        return Map.of("content-type", "application/json", "stripe-signature", "t=" + t + ",v1=" + v1);
    }

    /** Standard Webhooks headers signed by the standardwebhooks library. */
    static Map<String, String> standardHeaders(String id, long t, String body) throws Exception {
        return standardHeaders(STANDARD_SECRET, id, t, body);
    }

    /** Standard Webhooks headers signed with {@code secret} by the standardwebhooks library. */
    static Map<String, String> standardHeaders(String secret, String id, long t, String body) throws Exception {
        return Map.of("content-type", "application/json", "webhook-id", id, "webhook-timestamp", Long.toString(t),
                "webhook-signature", new com.standardwebhooks.Webhook(secret).sign(id, t, body));
    }

    static String standardReceived(String paymentId, String amount, String currency, String invoiceNumber) {
        return """
                {"type": "payment.received", "timestamp": "2025-11-24T15:59:00Z",
                 "data": {"provider": "acme-pay", "paymentId": "%s", "amount": "%s", "currency": "%s",
                          "payer": {"name": "Test KK"}, "invoiceNumber": "%s"}}""".formatted(paymentId, amount,
                currency, invoiceNumber);
    }

    static String standardRefunded(String paymentId, String refundId, String amount) {
        return """
                {"type": "payment.refunded", "timestamp": "2025-11-24T15:59:30Z",
                 "data": {"provider": "acme-pay", "paymentId": "%s", "refundId": "%s", "amount": "%s",
                          "currency": "JPY"}}""".formatted(paymentId, refundId, amount);
    }

    /** Delivers every queued notification to the matcher; returns the message ids it reported as failed. */
    Set<String> drain() {
        Set<String> failed = new java.util.HashSet<>();
        for (SqsDelivery.Poll poll; !(poll = SqsDelivery.once(sqs, queueUrl, e -> matcher == null
                ? SQSBatchResponse.builder().build() : matcher.handleRequest(e, null), 1)).empty(); ) {
            failed.addAll(poll.failed());
            for (Message m : poll.messages()) {
                if (poll.failed().contains(m.messageId())) {
                    // Deleted here, standing in for the dead-letter queue they would reach after their retries.
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
        return failed;
    }

    static SQSEvent.SQSMessage record(Message m) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(m.messageId());
        record.setReceiptHandle(m.receiptHandle());
        record.setBody(m.body());
        return record;
    }
}
