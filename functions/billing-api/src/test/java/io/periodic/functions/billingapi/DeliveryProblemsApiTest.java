package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.MailEvent;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.ports.MailTags;
import io.periodic.billing.service.DeliveryFeedback;
import io.periodic.billing.testing.TestAdapters;
import io.periodic.billing.wiring.Periodic;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounced customer on the API: listed on {@code GET /customers?deliveryProblem=true} with its delivery status,
 * shown on {@code GET /customers/{id}}, and let through again by {@code POST /customers/{id}/delivery-status/clear}.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DeliveryProblemsApiTest {
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void aBouncedCustomerIsListedShownAndCleared(DynamoDbLocalEngine dynamo, @TempDir Path out) throws Exception {
        Periodic root = new TestAdapters(dynamo.client()).documents(new DirectoryDocumentStore(out))
                .clock(() -> NOW).root();
        String email = "gone-" + Ids.randomLetters(8).toLowerCase(Locale.ROOT) + "@minato.example";
        Customer customer = root.store().customers().create(new Customer(Ids.newId("cus"), "Minato", email,
                Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.ZERO, null,
                new Address("1", null, null, "Tokyo", null, "JP"), NOW, null));
        root.deliveryFeedback().record(new DeliveryFeedback.Notification("fb-" + customer.id(),
                MailEvent.Kind.HARD_BOUNCE, "m-" + customer.id(), MailTags.encode("invoice.finalized:inv_x"),
                List.of(email), "Permanent/General: smtp; 550 5.1.1 user unknown", NOW));
        BillingApiHandler handler = new BillingApiHandler(BillingApi.over(root));

        JsonNode listed = find(handler, customer.id());
        assertNotNull(listed, "listed");
        assertTrue(listed.get("deliveryStatus").get("deliveryProblem").booleanValue());
        assertEquals("hard_bounce", listed.get("deliveryStatus").get("suppressed").textValue());
        JsonNode shown = json(handler.handleRequest(request("GET", "/customers/" + customer.id(), Map.of()), null));
        assertEquals("hard_bounce", shown.get("deliveryStatus").get("lastEvent").textValue());
        assertTrue(shown.get("deliveryStatus").get("lastDetail").textValue().contains("550 5.1.1"));

        JsonNode cleared = json(handler.handleRequest(request("POST", "/customers/" + customer.id()
                + "/delivery-status/clear", Map.of()), null));

        assertFalse(cleared.get("deliveryStatus").get("deliveryProblem").booleanValue());
        assertEquals(NOW.toString(), cleared.get("deliveryStatus").get("clearedAt").textValue());
        assertNull(find(handler, customer.id()), "no longer listed");
    }

    private static JsonNode find(BillingApiHandler handler, String customerId) throws Exception {
        String cursor = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("deliveryProblem", "true", "limit", "100"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode body = json(handler.handleRequest(request("GET", "/customers", query), null));
            for (JsonNode c : body.get("data")) {
                if (c.get("id").textValue().equals(customerId)) {
                    return c;
                }
            }
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").textValue();
        } while (cursor != null);
        return null;
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals(200, response.getStatusCode(), response.getBody());
        return BillingApi.JSON.readTree(response.getBody());
    }

    private static APIGatewayV2HTTPEvent request(String method, String path, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRouteKey(method + " " + path);
        event.setHeaders(new HashMap<>());
        event.setQueryStringParameters(new HashMap<>(query));
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                                .withUserArn("arn:aws:iam::000000000000:user/test").build()).build())
                .build());
        return event;
    }
}
