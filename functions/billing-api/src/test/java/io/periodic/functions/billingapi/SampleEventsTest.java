package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.testing.TestAdapters;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.Engines;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sample events in events/ through the real handler on DynamoDB Local. */
@ExtendWith(DynamoDbLocalExtension.class)
class SampleEventsTest {
    @Test
    void theSampleCreateCustomerRequestCreatesOneCustomerAndIsReplayedOnRetry(DynamoDbLocalEngine dynamo,
            @TempDir Path out) throws Exception {
        BillingStore store = new BillingStore(dynamo.client(), BillingTable.LOGICAL_ID);
        BillingApiHandler handler = new BillingApiHandler(BillingApi.over(new TestAdapters(dynamo.client())
                .documents(new DirectoryDocumentStore(out)).clock(() -> Instant.parse("2026-12-01T00:00:00Z")).root()));
        APIGatewayV2HTTPEvent event = load("billing-api-create-customer.json");
        // The sample's Idempotency-Key is fixed; other runs on the same engine must not replay into this one.
        event.getHeaders().put("idempotency-key", "sample-" + System.nanoTime());

        APIGatewayV2HTTPResponse first = handler.handleRequest(event, null);
        APIGatewayV2HTTPResponse retry = handler.handleRequest(event, null);

        assertEquals(201, first.getStatusCode(), first.getBody());
        JsonNode customer = BillingApi.JSON.readTree(first.getBody());
        assertEquals("JPY", customer.get("currency").textValue());
        assertEquals("ja", customer.get("locale").textValue());
        assertEquals("Asia/Tokyo", customer.get("timeZone").textValue());
        assertEquals("crm-00042", customer.get("externalRef").textValue());
        assertEquals("/customers/" + customer.get("id").textValue(), first.getHeaders().get("Location"));
        assertEquals(201, retry.getStatusCode());
        assertEquals(first.getBody(), retry.getBody(), "the retry is answered with the stored response");
        assertEquals("true", retry.getHeaders().get("Idempotent-Replayed"));
        assertTrue(store.customers().get(customer.get("id").textValue()).isPresent());
    }

    @Test
    void theSampleAgingReportRequestAnswersPerCurrencyBuckets(DynamoDbLocalEngine dynamo, @TempDir Path out) {
        BillingStore store = new BillingStore(dynamo.client(), BillingTable.LOGICAL_ID);
        BillingApiHandler handler = new BillingApiHandler(BillingApi.over(new TestAdapters(dynamo.client())
                .documents(new DirectoryDocumentStore(out)).clock(() -> Instant.parse("2026-12-01T00:00:00Z")).root()));

        APIGatewayV2HTTPResponse response = handler.handleRequest(load("billing-api-aging-report.json"), null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertTrue(response.getBody().startsWith("{\"asOf\":\"2026-12-31\",\"currencies\":["), response.getBody());
    }

    private static APIGatewayV2HTTPEvent load(String name) {
        return EventLoader.loadApiGatewayHttpEvent(
                Engines.templatePath().resolveSibling("events/" + name).toString());
    }
}
