package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Invoice;
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
 * The bank-fee tolerance through the API (docs/bank-fees.md): the seller's setting per currency on {@code PUT
 * /settings}, the customer's override on create and update (0 = off, null = the seller's), both shown and stored; a
 * refused update changes nothing; a short transfer then shows its write-off on the invoice and the payment.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class BankFeeToleranceApiTest {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final String SELLER = "{\"seller\": {\"name\": \"Seller KK\", \"email\": \"billing@seller.example\", "
            + "\"address\": {\"line1\": \"1-1\", \"city\": \"Tokyo\", \"country\": \"JP\"}}";
    private ApiWorld world;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
    }

    @Test
    void theSellersToleranceIsSetPerCurrencyShownAndStoredAndOffWhenLeftOut() {
        ApiWorld.Reply put = world.call("PUT", "/settings", Map.of(), JSON, SELLER
                + ", \"bankFeeTolerance\": {\"JPY\": 880, \"EUR\": 0}}");
        assertEquals(200, put.status(), put.toString());
        assertEquals(880, put.json().get("bankFeeTolerance").get("JPY").longValue());
        assertEquals(880, world.get("/settings").json().get("bankFeeTolerance").get("JPY").longValue());
        assertEquals(Map.of("JPY", 880L, "EUR", 0L), world.store.settings().requireSeller().bankFeeToleranceMinor());

        ApiWorld.Reply refused = world.call("PUT", "/settings", Map.of(), JSON, SELLER
                + ", \"bankFeeTolerance\": {\"JPY\": 440, \"XYZ\": 1}}");
        assertEquals(422, refused.status(), refused.toString());
        assertEquals("/bankFeeTolerance/XYZ", refused.at());
        assertEquals(880L, world.store.settings().requireSeller().bankFeeToleranceMinor().get("JPY"),
                "nothing half-applied");

        ApiWorld.Reply without = world.call("PUT", "/settings", Map.of(), JSON, SELLER + "}");
        assertEquals(200, without.status(), without.toString());
        assertEquals(0, without.json().get("bankFeeTolerance").size(), "off by default");
        assertTrue(world.store.settings().requireSeller().bankFeeToleranceMinor().isEmpty());
    }

    @Test
    void aCustomersOverrideIsTakenShownChangedAndCleared() {
        String body = ApiWorld.customerJson(ApiWorld.freshEmail(), "JPY").replace("\"locale\": \"en\"",
                "\"locale\": \"ja\", \"bankFeeTolerance\": 440");
        ApiWorld.Reply created = world.post("/customers", body);
        assertEquals(201, created.status(), created.toString());
        assertEquals(440, created.json().get("bankFeeTolerance").longValue());
        String id = created.json().get("id").textValue();
        assertEquals(Money.of(440, "JPY"), world.store.customers().get(id).orElseThrow().bankFeeTolerance());

        ApiWorld.Reply off = world.call("PATCH", "/customers/" + id, Map.of(), JSON, "{\"bankFeeTolerance\": 0}");
        assertEquals(200, off.status(), off.toString());
        assertEquals(0, off.json().get("bankFeeTolerance").longValue());
        assertEquals(Money.of(0, "JPY"), world.store.customers().get(id).orElseThrow().bankFeeTolerance());

        ApiWorld.Reply refused = world.call("PATCH", "/customers/" + id, Map.of(), JSON,
                "{\"name\": \"Other\", \"bankFeeTolerance\": -1}");
        assertEquals(422, refused.status(), refused.toString());
        assertEquals("/bankFeeTolerance", refused.at());
        assertEquals(Money.of(0, "JPY"), world.store.customers().get(id).orElseThrow().bankFeeTolerance());

        ApiWorld.Reply renamed = world.call("PATCH", "/customers/" + id, Map.of(), JSON, "{\"name\": \"Renamed\"}");
        assertEquals(0, renamed.json().get("bankFeeTolerance").longValue(), "an update without it keeps it");

        ApiWorld.Reply cleared = world.call("PATCH", "/customers/" + id, Map.of(), JSON,
                "{\"bankFeeTolerance\": null}");
        assertTrue(cleared.json().get("bankFeeTolerance").isNull(), "null: the seller's setting");
        assertEquals(null, world.store.customers().get(id).orElseThrow().bankFeeTolerance());

        String plain = world.customer("EUR");
        assertTrue(world.get("/customers/" + plain).json().get("bankFeeTolerance").isNull());
    }

    @Test
    void aTransferShortByTheFeeShowsItsWriteOffOnTheInvoiceAndThePayment() {
        String body = ApiWorld.customerJson(ApiWorld.freshEmail(), "JPY").replace("\"locale\": \"en\"",
                "\"locale\": \"ja\", \"bankFeeTolerance\": 880");
        String customer = world.post("/customers", body).json().get("id").textValue();
        Invoice invoice = world.openInvoice(customer, "JPY", 10_000);
        new PaymentService(world.store, world.events, world.clock).handle(new PaymentNotification(
                PaymentNotification.Kind.RECEIVED, "bank", "evt-fee-1", "fee-1", null, Money.of(9_560, "JPY"),
                new Payer("ﾌﾘｺﾐ ﾀﾛｳ", null, customer, null), null, null, world.now.get()));

        ApiWorld.Reply shown = world.get("/invoices/" + invoice.id());
        assertEquals(200, shown.status(), shown.toString());
        assertEquals("paid", shown.json().get("status").textValue());
        assertEquals(440, shown.json().get("writtenOff").longValue());
        assertEquals(9_560, shown.json().get("amountPaid").longValue());
        assertEquals(0, shown.json().get("amountDue").longValue());

        String paymentId = Payment.idFor("bank", "fee-1");
        ApiWorld.Reply payment = world.get("/payments/" + URLEncoder.encode(paymentId, StandardCharsets.UTF_8));
        assertEquals(200, payment.status(), payment.toString());
        assertEquals(440, payment.json().get("feeWrittenOff").longValue());
        assertEquals(0, payment.json().get("unapplied").longValue());
        assertEquals("fee-tolerance", payment.json().get("applications").get(0).get("rule").textValue());
    }
}
