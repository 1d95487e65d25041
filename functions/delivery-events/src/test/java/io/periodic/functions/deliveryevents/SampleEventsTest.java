package io.periodic.functions.deliveryevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.DeliveryStatus;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.MailEvent;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.service.DeliveryFeedback;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.Engines;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * events/delivery-events-sqs-batch.json through the handler on DynamoDB Local: a hard bounce and a complaint
 * suppress their addresses (the reminder's bounce lands on its invoice's mail history), the complaint delivered a
 * second time changes nothing, a delivery to an address no customer has and a malformed record are recorded and
 * acknowledged; no message of the batch is retried.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class SampleEventsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T05:00:00Z");

    @Test
    void theSampleBatchSuppressesTheBouncedAndComplainedAddressesAndRetriesNothing(DynamoDbClient dynamo)
            throws Exception {
        BillingStore store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
        customer(store, "ap@minato.example");
        customer(store, "keiri@sakura.example");
        DeliveryFeedback feedback = new DeliveryFeedback(store, () -> NOW);
        DeliveryEventsHandler handler = new DeliveryEventsHandler(feedback);
        SQSEvent event = EventLoader.loadSQSEvent(
                Engines.templatePath().resolveSibling("events/delivery-events-sqs-batch.json").toString());

        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());

        DeliveryStatus bounced = feedback.statusOf("ap@minato.example");
        assertEquals(DeliveryStatus.Suppression.HARD_BOUNCE, bounced.suppressed());
        assertTrue(bounced.lastDetail().contains("550 5.1.1 user unknown"), bounced.lastDetail());
        assertEquals(MailEvent.Kind.HARD_BOUNCE, feedback.invoiceHistory("inv_sample1").get(0).kind(),
                "the reminder's key tag names its invoice");
        DeliveryStatus complained = feedback.statusOf("keiri@sakura.example");
        assertEquals(DeliveryStatus.Suppression.COMPLAINT, complained.suppressed());
        assertEquals(1L, complained.version(), "the second delivery of the complaint changed nothing");
        assertFalse(feedback.statusOf("someone@unknown.example").suppresses());
        assertEquals(MailEvent.Handling.UNKNOWN_ADDRESS, store.delivery().event(
                "0106019ad9c2d3e4-4d5e6f7a-8b9c-0d1e-2f3a-4b5c6d7e8f9a-000000.delivery", "someone@unknown.example")
                .orElseThrow().handling());

        // The whole batch again (a redrive under new message ids): nothing changes, nothing fails.
        event.getRecords().forEach(m -> m.setMessageId(m.getMessageId() + "-redriven"));
        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
        assertEquals(bounced, feedback.statusOf("ap@minato.example"));
        assertEquals(complained, feedback.statusOf("keiri@sakura.example"));
    }

    @Test
    void primingWritesNothing(DynamoDbClient dynamo) {
        BillingStore store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
        new DeliveryEventsHandler(new DeliveryFeedback(store, () -> NOW)).prime();
        assertTrue(store.delivery().status("priming@periodic.invalid").isEmpty());
    }

    private static void customer(BillingStore store, String email) {
        if (!store.customers().findByEmail(email).isEmpty()) {
            return;
        }
        store.customers().create(new Customer(Ids.newId("cus"), "Sample " + email, email, Currencies.of("JPY"),
                ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.ZERO, null,
                new Address("1", null, null, "Tokyo", null, "JP"), NOW, null));
    }
}
