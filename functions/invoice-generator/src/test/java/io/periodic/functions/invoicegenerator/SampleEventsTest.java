package io.periodic.functions.invoicegenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.model.Customer;
import io.periodic.billing.testing.BillingWorld;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.Engines;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** events/invoice-generator-sqs-batch.json, loaded with the Lambda runtime's serialization, through the handler. */
@ExtendWith(DynamoDbLocalExtension.class)
class SampleEventsTest {
    private final DynamoDbLocalEngine engine;

    SampleEventsTest(DynamoDbLocalEngine engine) {
        this.engine = engine;
    }

    @Test
    void theSampleBatchBillsBothSubscriptions() {
        BillingWorld world = new BillingWorld(engine, Instant.parse("2026-12-01T10:00:00Z"));
        Customer tokyo = world.customer("Asia/Tokyo", "JPY", "10");
        Customer honolulu = world.customer("Pacific/Honolulu", "USD", "4.712");
        world.subscribe("sub_sample_tokyo", tokyo, world.plan("JPY", 12_000, BillingInterval.monthly()), 1,
                LocalDate.of(2026, 12, 1), null);
        world.subscribe("sub_sample_honolulu", honolulu, world.plan("USD", 9_900, BillingInterval.monthly()), 1,
                LocalDate.of(2026, 12, 1), null);

        SQSEvent event = EventLoader.loadSQSEvent(
                Engines.templatePath().resolveSibling("events/invoice-generator-sqs-batch.json").toString());
        assertEquals(2, event.getRecords().size());
        SQSBatchResponse response = new InvoiceGeneratorHandler(world.issuing()).handleRequest(event, null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(1, world.invoicesOf(tokyo).size());
        assertEquals(1, world.invoicesOf(honolulu).size());
    }
}
