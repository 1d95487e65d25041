package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.service.PaymentService;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The auto-apply threshold through the API (docs/matching-confidence.md): {@code autoApplyConfidence} on {@code PUT
 * /settings}, a number 0..1 kept as basis points, shown by {@code GET /settings} (0.9 when not set); a refused value
 * changes nothing; a payment held below it shows as unapplied, attributed, with the reason and its suggestions.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class AutoApplyConfidenceApiTest {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final String SELLER = "{\"seller\": {\"name\": \"Seller KK\", \"email\": \"billing@seller.example\", "
            + "\"address\": {\"line1\": \"1-1\", \"city\": \"Tokyo\", \"country\": \"JP\"}}";
    private ApiWorld world;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
    }

    @Test
    void theThresholdIsSetShownStoredAsBasisPointsAndTheDefaultWhenLeftOut() {
        ApiWorld.Reply put = world.call("PUT", "/settings", Map.of(), JSON, SELLER + ", \"autoApplyConfidence\": 0.95}");
        assertEquals(200, put.status(), put.toString());
        assertEquals("0.95", put.json().get("autoApplyConfidence").decimalValue().toPlainString());
        assertEquals("0.95", world.get("/settings").json().get("autoApplyConfidence").decimalValue().toPlainString());
        assertEquals(9_500, world.store.settings().requireSeller().autoApplyConfidenceBasisPoints());

        ApiWorld.Reply refused = world.call("PUT", "/settings", Map.of(), JSON, SELLER
                + ", \"autoApplyConfidence\": 1.01}");
        assertEquals(422, refused.status(), refused.toString());
        assertEquals("/autoApplyConfidence", refused.at());
        assertEquals(9_500, world.store.settings().requireSeller().autoApplyConfidenceBasisPoints(),
                "nothing half-applied");

        ApiWorld.Reply zero = world.call("PUT", "/settings", Map.of(), JSON, SELLER + ", \"autoApplyConfidence\": 0}");
        assertEquals(200, zero.status(), zero.toString());
        assertEquals(0, world.store.settings().requireSeller().autoApplyConfidenceBasisPoints());
        ApiWorld.Reply one = world.call("PUT", "/settings", Map.of(), JSON, SELLER + ", \"autoApplyConfidence\": 1}");
        assertEquals(200, one.status(), one.toString());
        assertEquals(10_000, world.store.settings().requireSeller().autoApplyConfidenceBasisPoints());

        ApiWorld.Reply without = world.call("PUT", "/settings", Map.of(), JSON, SELLER + "}");
        assertEquals(200, without.status(), without.toString());
        assertEquals("0.9", without.json().get("autoApplyConfidence").decimalValue().toPlainString(), "the default");
        assertEquals(null, world.store.settings().requireSeller().autoApplyConfidenceBasisPoints());
    }

    @Test
    void aPaymentHeldBelowTheThresholdIsUnappliedWithItsReasonAndSuggestions() {
        assertEquals(200, world.call("PUT", "/settings", Map.of(), JSON, SELLER + "}").status());
        String customer = world.customer("JPY");
        world.openInvoice(customer, "JPY", 10_000);
        // The customer reference identifies it with certainty; 7,000 matches no invoice: oldest-first, 0.60 < 0.90.
        new PaymentService(world.store, world.events, world.clock).handle(new PaymentNotification(
                PaymentNotification.Kind.RECEIVED, "bank", "evt-held-1", "held-1", null, Money.of(7_000, "JPY"),
                new Payer("ﾌﾘｺﾐ ﾀﾛｳ", null, customer, null), null, null, world.now.get()));

        String id = URLEncoder.encode(Payment.idFor("bank", "held-1"), StandardCharsets.UTF_8);
        ApiWorld.Reply payment = world.get("/payments/" + id);
        assertEquals(200, payment.status(), payment.toString());
        assertEquals("unapplied", payment.json().get("status").textValue());
        assertEquals(7_000, payment.json().get("unapplied").longValue());
        assertEquals(customer, payment.json().get("customerId").textValue());
        assertTrue(payment.json().get("unappliedReason").textValue().startsWith("held: oldest-first decision with "
                + "confidence 0.60 is below the auto-apply threshold 0.90"), payment.toString());

        ApiWorld.Reply suggestions = world.get("/payments/" + id + "/suggestions");
        assertEquals(200, suggestions.status(), suggestions.toString());
        assertEquals(customer, suggestions.json().get("suggestions").get(0).get("customerId").textValue());
    }
}
