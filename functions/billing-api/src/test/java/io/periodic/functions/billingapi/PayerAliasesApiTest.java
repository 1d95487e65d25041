package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /payments/{id}/applications} teaches a payer alias; {@code GET /customers/{id}/payer-aliases} shows
 * it (who, when, from which payment, no conflict); {@code DELETE} forgets it, 204 again on a repeat.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class PayerAliasesApiTest {
    private ApiWorld world;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
    }

    @Test
    void anAliasLearnedByHandIsListedAndForgotten() {
        String customer = world.customer("JPY");
        Invoice invoice = world.openInvoice(customer, "JPY", 7_000);
        Payment payment = world.unappliedPayment(7_000, "JPY");
        assertEquals(List.of(), aliases(customer), "none before");

        ApiWorld.Reply applied = world.post("/payments/" + payment.id() + "/applications",
                "{\"applications\": [{\"invoiceId\": \"" + invoice.id() + "\", \"amount\": 7000}]}",
                "alias-" + payment.id());
        assertEquals(200, applied.status(), applied.toString());

        List<JsonNode> aliases = aliases(customer);
        assertEquals(1, aliases.size());
        JsonNode alias = aliases.get(0);
        assertEquals(payment.payer().name(), alias.get("payerName").textValue());
        assertEquals(ApiWorld.CALLER, alias.get("learnedBy").textValue());
        assertEquals(payment.id(), alias.get("learnedFromPaymentId").textValue());
        assertEquals(customer, alias.get("customerId").textValue());
        assertFalse(alias.get("conflict").booleanValue());
        assertEquals(0, alias.get("conflictsWith").size());

        String path = "/customers/" + customer + "/payer-aliases/" + alias.get("id").textValue();
        assertEquals(204, world.call("DELETE", path, Map.of(), Map.of(), null).status());
        assertEquals(List.of(), aliases(customer));
        assertEquals(204, world.call("DELETE", path, Map.of(), Map.of(), null).status(), "idempotent");
        assertEquals(404, world.call("DELETE", path.replace(customer, "cus_nobody"), Map.of(), Map.of(), null)
                .status());
    }

    private List<JsonNode> aliases(String customer) {
        ApiWorld.Reply reply = world.get("/customers/" + customer + "/payer-aliases");
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().get("data").valueStream().toList();
    }
}
