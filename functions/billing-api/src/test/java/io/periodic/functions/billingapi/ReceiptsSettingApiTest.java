package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seller's receipts setting through the API (docs/delivery.md): {@code receipts} on {@code PUT /settings}, on
 * when left out, shown by {@code GET /settings}; a value that is not a boolean is refused and changes nothing.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ReceiptsSettingApiTest {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final String SELLER = "{\"seller\": {\"name\": \"Seller KK\", \"email\": \"billing@seller.example\", "
            + "\"address\": {\"line1\": \"1-1\", \"city\": \"Tokyo\", \"country\": \"JP\"}}";
    private ApiWorld world;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
    }

    @Test
    void receiptsAreOnByDefaultAndASellerCanTurnThemOff() {
        ApiWorld.Reply without = world.call("PUT", "/settings", Map.of(), JSON, SELLER + "}");
        assertEquals(200, without.status(), without.toString());
        assertTrue(without.json().get("receipts").booleanValue());
        assertTrue(world.store.settings().requireSeller().receiptsEnabled());

        ApiWorld.Reply off = world.call("PUT", "/settings", Map.of(), JSON, SELLER + ", \"receipts\": false}");
        assertEquals(200, off.status(), off.toString());
        assertFalse(world.get("/settings").json().get("receipts").booleanValue());
        assertFalse(world.store.settings().requireSeller().receiptsEnabled());

        ApiWorld.Reply refused = world.call("PUT", "/settings", Map.of(), JSON, SELLER + ", \"receipts\": \"on\"}");
        assertEquals(422, refused.status(), refused.toString());
        assertEquals("/receipts", refused.at());
        assertFalse(world.store.settings().requireSeller().receiptsEnabled(), "nothing half-applied");
    }
}
