package io.periodic.functions.paymentwebhook;

import static io.periodic.functions.paymentwebhook.Intake.NOW;
import static io.periodic.functions.paymentwebhook.Intake.request;
import static io.periodic.functions.paymentwebhook.Intake.standardHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.ElasticMqExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, defects 1 and 2: Standard Webhooks connectors are told apart by the secret that signed the delivery.
 * Two connectors, each with its own secret, through the real handlers on DynamoDB Local and ElasticMQ.
 */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class StandardConnectorsTest {
    static final String ACME_SECRET = secret("acme-pay-connector-secret-0001");
    static final String BETA_SECRET = secret("beta-bank-connector-secret-002");

    private final DynamoDbLocalEngine dynamo;
    private final ElasticMqEngine mq;
    private Intake w;

    StandardConnectorsTest(DynamoDbLocalEngine dynamo, ElasticMqEngine mq) {
        this.dynamo = dynamo;
        this.mq = mq;
    }

    @BeforeEach
    void world() throws Exception {
        w = new Intake(dynamo, mq, ConnectorSecrets.of(
                new ConnectorSecrets.Connector("acme-pay", List.of(ACME_SECRET)),
                new ConnectorSecrets.Connector("beta-bank", List.of(BETA_SECRET))));
    }

    @Test
    void twoConnectorsMayUseTheSameWebhookIdForDifferentPayments() throws Exception {
        String webhookId = "msg_" + Ids.randomLetters(10);
        String acmePayment = "pay_" + Ids.randomLetters(8);
        String betaPayment = "pay_" + Ids.randomLetters(8);

        APIGatewayV2HTTPResponse acme = deliver(ACME_SECRET, webhookId, received("acme-pay", acmePayment, "3000"));
        APIGatewayV2HTTPResponse beta = deliver(BETA_SECRET, webhookId, received("beta-bank", betaPayment, "4000"));
        w.drain();

        assertEquals(200, acme.getStatusCode(), acme.getBody());
        assertTrue(acme.getBody().contains("\"accepted\""), acme.getBody());
        assertEquals(200, beta.getStatusCode(), beta.getBody());
        assertTrue(beta.getBody().contains("\"accepted\""), "another connector's delivery is no duplicate: "
                + beta.getBody());
        assertEquals(Money.of(3_000, "JPY"), payment("acme-pay", acmePayment).amount());
        assertEquals(Money.of(4_000, "JPY"), payment("beta-bank", betaPayment).amount());

        APIGatewayV2HTTPResponse again = deliver(BETA_SECRET, webhookId, received("beta-bank", betaPayment, "4000"));
        assertTrue(again.getBody().contains("\"duplicate\""), "the same connector's redelivery still is: "
                + again.getBody());
    }

    @Test
    void aConnectorsSecretCannotRefundAnotherConnectorsPayment() throws Exception {
        String betaPayment = "pay_" + Ids.randomLetters(8);
        deliver(BETA_SECRET, "msg_" + Ids.randomLetters(10), received("beta-bank", betaPayment, "4000"));
        w.drain();

        APIGatewayV2HTTPResponse forged = deliver(ACME_SECRET, "msg_" + Ids.randomLetters(10),
                refunded("beta-bank", betaPayment, "re_" + Ids.randomLetters(6), "4000"));
        w.drain();

        assertEquals(422, forged.getStatusCode(), forged.getBody());
        assertTrue(forged.getBody().contains("data.provider"), forged.getBody());
        Payment untouched = payment("beta-bank", betaPayment);
        assertTrue(untouched.refunded().isZero(), "refunded " + untouched.refunded());
    }

    @Test
    void theProviderIsTheConnectorWhoseSecretVerifiedTheDelivery() throws Exception {
        String acmePayment = "pay_" + Ids.randomLetters(8);
        String body = """
                {"type": "payment.received", "timestamp": "2025-11-24T15:59:00Z",
                 "data": {"paymentId": "%s", "amount": "2500", "currency": "JPY"}}""".formatted(acmePayment);
        APIGatewayV2HTTPResponse response = deliver(ACME_SECRET, "msg_" + Ids.randomLetters(10), body);
        w.drain();

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(Money.of(2_500, "JPY"), payment("acme-pay", acmePayment).amount());
        assertTrue(w.store.inbound().get("acme-pay", response.getBody().replaceAll(".*\"eventId\":\"([^\"]+)\".*",
                "$1")).isPresent(), "the delivery is stored under its connector");
    }

    private APIGatewayV2HTTPResponse deliver(String secret, String webhookId, String body) throws Exception {
        return w.post(request("/webhooks/standard", standardHeaders(secret, webhookId, NOW, body), body));
    }

    private Payment payment(String provider, String paymentId) {
        return w.store.payments().getByProviderId(provider, paymentId)
                .orElseThrow(() -> new AssertionError("no payment " + provider + "/" + paymentId));
    }

    static String received(String provider, String paymentId, String amount) {
        return """
                {"type": "payment.received", "timestamp": "2025-11-24T15:59:00Z",
                 "data": {"provider": "%s", "paymentId": "%s", "amount": "%s", "currency": "JPY"}}"""
                .formatted(provider, paymentId, amount);
    }

    static String refunded(String provider, String paymentId, String refundId, String amount) {
        return """
                {"type": "payment.refunded", "timestamp": "2025-11-24T15:59:30Z",
                 "data": {"provider": "%s", "paymentId": "%s", "refundId": "%s", "amount": "%s",
                          "currency": "JPY"}}""".formatted(provider, paymentId, refundId, amount);
    }

    private static String secret(String text) {
        return "whsec_" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
