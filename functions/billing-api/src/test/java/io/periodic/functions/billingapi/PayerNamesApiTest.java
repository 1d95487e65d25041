package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A customer's payer names (the names its bank transfers arrive under) are taken on create, replaced or cleared on
 * update, shown, and stored trimmed; a refused update changes nothing.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class PayerNamesApiTest {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private ApiWorld world;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
    }

    private static List<String> names(ApiWorld.Reply reply) {
        return reply.json().get("payerNames").valueStream().map(n -> n.textValue()).toList();
    }

    @Test
    void payerNamesAreTakenShownReplacedAndCleared() {
        String body = ApiWorld.customerJson(ApiWorld.freshEmail(), "JPY")
                .replace("\"locale\": \"en\"", "\"locale\": \"ja\", \"payerNames\": [\" ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ \", \"ﾔﾏﾀﾞ(ｶ\"]");
        ApiWorld.Reply created = world.post("/customers", body);
        assertEquals(201, created.status(), created.toString());
        assertEquals(List.of("ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ", "ﾔﾏﾀﾞ(ｶ"), names(created));
        String id = created.json().get("id").textValue();
        assertEquals(List.of("ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ", "ﾔﾏﾀﾞ(ｶ"),
                world.store.customers().get(id).orElseThrow().payerNames());
        assertEquals(List.of("ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ", "ﾔﾏﾀﾞ(ｶ"), names(world.get("/customers/" + id)));

        ApiWorld.Reply renamed = world.call("PATCH", "/customers/" + id, Map.of(), JSON, "{\"name\": \"山田商事\"}");
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals(List.of("ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ", "ﾔﾏﾀﾞ(ｶ"), names(renamed), "an update without them keeps them");

        ApiWorld.Reply refused = world.call("PATCH", "/customers/" + id, Map.of(), JSON,
                "{\"name\": \"Other\", \"payerNames\": [\"ｶ)\"]}");
        assertEquals(422, refused.status(), refused.toString());
        assertEquals("/payerNames/0", refused.at());
        assertEquals("山田商事", world.store.customers().get(id).orElseThrow().name(), "nothing half-applied");

        ApiWorld.Reply replaced = world.call("PATCH", "/customers/" + id, Map.of(), JSON,
                "{\"payerNames\": [\"ﾔﾏﾀﾞ ﾀﾛｳ\"]}");
        assertEquals(List.of("ﾔﾏﾀﾞ ﾀﾛｳ"), names(replaced));
        assertEquals(List.of("ﾔﾏﾀﾞ ﾀﾛｳ"), world.store.customers().get(id).orElseThrow().payerNames());

        ApiWorld.Reply cleared = world.call("PATCH", "/customers/" + id, Map.of(), JSON, "{\"payerNames\": null}");
        assertEquals(List.of(), names(cleared));
        assertEquals(List.of(), world.store.customers().get(id).orElseThrow().payerNames());
    }

    @Test
    void aCustomerCreatedWithoutPayerNamesHasNone() {
        String id = world.customer("EUR");
        assertEquals(List.of(), names(world.get("/customers/" + id)));
    }
}
