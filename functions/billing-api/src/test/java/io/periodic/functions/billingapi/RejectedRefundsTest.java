package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.service.PaymentService;
import io.periodic.billing.testing.TestAdapters;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, defect 9: a refund that can never be applied is listed for a person, with its reason. */
@ExtendWith(DynamoDbLocalExtension.class)
class RejectedRefundsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aRefundInAnotherCurrencyIsListedWithItsReason(DynamoDbLocalEngine dynamo, @TempDir Path out)
            throws Exception {
        BillingStore store = new BillingStore(dynamo.client(), BillingTable.LOGICAL_ID);
        PaymentService payments = new PaymentService(store, new JsonLinesEventLog(out.resolve("events.jsonl")),
                () -> NOW);
        String pid = "pay_" + Ids.randomLetters(8);
        String refundId = "re_" + Ids.randomLetters(8);
        payments.handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "acme-pay", "e1", pid, null,
                Money.of(5_000, "JPY"), Payer.UNKNOWN, null, null, NOW));
        payments.handle(new PaymentNotification(PaymentNotification.Kind.REFUNDED, "acme-pay", "e2", pid, refundId,
                Money.of(1_000, "EUR"), Payer.UNKNOWN, null, null, NOW));
        BillingApiHandler handler = new BillingApiHandler(BillingApi.over(new TestAdapters(dynamo.client())
                .documents(new DirectoryDocumentStore(out)).clock(() -> NOW).root()));

        JsonNode listed = null;
        String cursor = null;
        do {
            APIGatewayV2HTTPResponse page = handler.handleRequest(get("/refunds",
                    cursor == null ? Map.of("status", "rejected", "limit", "100")
                            : Map.of("status", "rejected", "limit", "100", "cursor", cursor)), null);
            assertEquals(200, page.getStatusCode(), page.getBody());
            JsonNode body = BillingApi.JSON.readTree(page.getBody());
            for (JsonNode refund : body.get("data")) {
                if (refund.get("refundId").textValue().equals(refundId)) {
                    listed = refund;
                }
            }
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").textValue();
        } while (cursor != null);

        assertTrue(listed != null, "listed");
        assertEquals("rejected", listed.get("status").textValue());
        assertEquals("EUR", listed.get("currency").textValue());
        assertEquals(1_000, listed.get("amount").longValue());
        assertTrue(listed.get("reason").textValue().contains("JPY"), listed.toString());
        assertEquals(422, handler.handleRequest(get("/refunds", Map.of("status", "applied")), null).getStatusCode());
    }

    private static APIGatewayV2HTTPEvent get(String path, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRouteKey("GET " + path);
        event.setHeaders(new java.util.HashMap<>());
        event.setQueryStringParameters(new java.util.HashMap<>(query));
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                                .withUserArn("arn:aws:iam::000000000000:user/test").build()).build())
                .build());
        return event;
    }
}
