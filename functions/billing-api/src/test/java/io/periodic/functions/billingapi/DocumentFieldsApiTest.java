package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.RecipientKind;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fields documents print (docs/documents.md): a customer's recipient kind (御中 / 様), its own reference and
 * company number, the seller's company number. Taken on create, changed or cleared on update, shown, stored; a
 * refused update changes nothing.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DocumentFieldsApiTest {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private ApiWorld world;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
    }

    @Test
    void aCustomerSaysHowItIsAddressedAndWhichReferenceItsDocumentsCarry() {
        String body = ApiWorld.customerJson(ApiWorld.freshEmail(), "JPY").replace("\"locale\": \"en\"",
                "\"locale\": \"ja\", \"recipientKind\": \"person\", \"customerReference\": \" 得意先-0042 \", "
                        + "\"companyNumber\": \"21234567\"");
        ApiWorld.Reply created = world.post("/customers", body);
        assertEquals(201, created.status(), created.toString());
        assertEquals("person", created.json().get("recipientKind").textValue());
        assertEquals("得意先-0042", created.json().get("customerReference").textValue());
        assertEquals("21234567", created.json().get("companyNumber").textValue());
        String id = created.json().get("id").textValue();
        Customer stored = world.store.customers().get(id).orElseThrow();
        assertEquals(RecipientKind.PERSON, stored.recipientKind());
        assertEquals("得意先-0042", stored.customerReference());

        ApiWorld.Reply renamed = world.call("PATCH", "/customers/" + id, Map.of(), JSON, "{\"name\": \"山田 花子\"}");
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals("person", renamed.json().get("recipientKind").textValue(), "an update without it keeps it");
        assertEquals("得意先-0042", renamed.json().get("customerReference").textValue());

        ApiWorld.Reply refused = world.call("PATCH", "/customers/" + id, Map.of(), JSON,
                "{\"name\": \"Other\", \"recipientKind\": \"department\"}");
        assertEquals(422, refused.status(), refused.toString());
        assertEquals("/recipientKind", refused.at());
        assertEquals("山田 花子", world.store.customers().get(id).orElseThrow().name(), "nothing half-applied");

        ApiWorld.Reply changed = world.call("PATCH", "/customers/" + id, Map.of(), JSON,
                "{\"recipientKind\": \"company\", \"customerReference\": null, \"companyNumber\": null}");
        assertEquals(200, changed.status(), changed.toString());
        assertEquals("company", changed.json().get("recipientKind").textValue());
        assertTrue(changed.json().get("customerReference").isNull());
        Customer after = world.store.customers().get(id).orElseThrow();
        assertEquals(RecipientKind.COMPANY, after.recipientKind());
        assertNull(after.customerReference());
        assertNull(after.companyNumber());

        ApiWorld.Reply unsaid = world.call("PATCH", "/customers/" + id, Map.of(), JSON, "{\"recipientKind\": null}");
        assertEquals("company", unsaid.json().get("recipientKind").textValue(), "not said: addressed as a company");
        assertNull(world.store.customers().get(id).orElseThrow().recipientKind(), "and stored as not said");
    }

    @Test
    void aCustomerCreatedWithoutThemIsAddressedAsACompanyWithoutReference() {
        String id = world.customer("EUR");
        ApiWorld.Reply shown = world.get("/customers/" + id);
        assertEquals("company", shown.json().get("recipientKind").textValue());
        assertTrue(shown.json().get("customerReference").isNull());
        assertTrue(shown.json().get("companyNumber").isNull());
        assertNull(world.store.customers().get(id).orElseThrow().recipientKind());
    }

    @Test
    void theSellersCompanyNumberIsTakenShownAndStored() {
        String seller = "{\"seller\": {\"name\": \"Oblak Sistemi d.o.o.\", \"email\": \"billing@oblak.example\", "
                + "\"taxId\": \"109876543\", \"companyNumber\": \"21734598\", "
                + "\"address\": {\"line1\": \"Bulevar Mihajla Pupina 10b\", \"city\": \"Novi Beograd\", "
                + "\"country\": \"RS\"}}}";
        ApiWorld.Reply put = world.call("PUT", "/settings", Map.of(), JSON, seller);
        assertEquals(200, put.status(), put.toString());
        assertEquals("21734598", put.json().get("seller").get("companyNumber").textValue());
        assertEquals("21734598", world.get("/settings").json().get("seller").get("companyNumber").textValue());
        assertEquals("21734598", world.store.settings().requireSeller().companyNumber());

        ApiWorld.Reply refused = world.call("PUT", "/settings", Map.of(), JSON,
                seller.replace("\"21734598\"", "\"" + "1".repeat(33) + "\""));
        assertEquals(422, refused.status(), refused.toString());
        assertEquals("/seller/companyNumber", refused.at());
        assertEquals("21734598", world.store.settings().requireSeller().companyNumber(), "nothing half-applied");
    }
}
