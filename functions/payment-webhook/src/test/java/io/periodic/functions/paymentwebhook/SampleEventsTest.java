package io.periodic.functions.paymentwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotificationJson;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.service.PaymentIntake;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.ElasticMqExtension;
import io.periodic.local.engines.Engines;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * events/payment-webhook-stripe.json (signed with the sample secret {@code whsec_sample_secret_for_sam_local_invoke}
 * at its timestamp) through the handler: verified, stored, and one notification on the payment queue.
 */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class SampleEventsTest {
    @Test
    void theSampleStripeDeliveryIsVerifiedStoredAndQueued(DynamoDbLocalEngine dynamo, ElasticMqEngine mq) {
        String queueUrl = mq.queueUrl("PaymentQueue");
        while (!mq.client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages().isEmpty()) {
            mq.client().purgeQueue(r -> r.queueUrl(queueUrl));
        }
        PaymentWebhookHandler handler = new PaymentWebhookHandler(new PaymentIntake(
                new BillingStore(dynamo.client(), BillingTable.LOGICAL_ID),
                new SqsMessageQueue(mq.client(), queueUrl),
                Secrets.of("whsec_sample_secret_for_sam_local_invoke"), ConnectorSecrets.of(),
                Clock.fixed(Instant.ofEpochSecond(1_764_547_200L), ZoneOffset.UTC)));
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(
                Engines.templatePath().resolveSibling("events/payment-webhook-stripe.json").toString());

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("\"accepted\""), response.getBody());
        List<Message> queued = mq.client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        assertEquals(1, queued.size());
        PaymentNotification n = PaymentNotificationJson.read(queued.get(0).body());
        assertEquals("stripe", n.provider());
        assertEquals("pi_3QeSample0001", n.providerPaymentId());
        assertEquals(13_200, n.amount().minor());
        assertEquals("INV-2026-000001", n.invoiceReference());
        mq.client().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(queued.get(0).receiptHandle()));

        assertTrue(handler.handleRequest(event, null).getBody().contains("\"duplicate\""), "a retry changes nothing");
    }
}
