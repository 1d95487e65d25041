package io.periodic.functions.paymentwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.service.PaymentIntake;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.ElasticMqExtension;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, defect 12: SnapStart priming runs before the snapshot, so whatever it reads lives in every restored
 * copy of the function. Priming the webhook function must never ask for a signing secret.
 */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class SnapshotSecretsTest {
    @Test
    void primingTheWebhookFunctionReadsNoSecret(DynamoDbLocalEngine dynamo, ElasticMqEngine mq) {
        AtomicInteger stripeReads = new AtomicInteger();
        AtomicInteger standardReads = new AtomicInteger();
        Secrets stripe = () -> {
            stripeReads.incrementAndGet();
            return List.of(Intake.STRIPE_SECRET);
        };
        ConnectorSecrets standard = () -> {
            standardReads.incrementAndGet();
            return List.of(new ConnectorSecrets.Connector(Intake.STANDARD_CONNECTOR, List.of(Intake.STANDARD_SECRET)));
        };
        PaymentWebhookHandler handler = new PaymentWebhookHandler(new PaymentIntake(
                new BillingStore(dynamo.client(), BillingTable.LOGICAL_ID),
                new SqsMessageQueue(mq.client(), mq.queueUrl("PaymentQueue")), stripe, standard, Clock.systemUTC()));

        handler.prime();
        handler.prime();

        assertEquals(0, stripeReads.get(), "no Stripe secret read while priming");
        assertEquals(0, standardReads.get(), "no Standard Webhooks secret read while priming");
    }
}
