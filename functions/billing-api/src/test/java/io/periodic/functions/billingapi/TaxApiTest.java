package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.LocalDate;
import java.util.List;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tax through the API (docs/tax.md): a plan's own tax rate on {@code POST /plans} (shown and stored, absent = the
 * customer's); registration numbers checked by country on {@code PUT /settings} and on customers, a refusal naming
 * the field and changing nothing.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class TaxApiTest {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final String JP_SELLER = "{\"seller\": {\"name\": \"Seller KK\", \"email\": \"billing@seller.example\", "
            + "\"address\": {\"line1\": \"1-1\", \"city\": \"Tokyo\", \"country\": \"JP\"}, \"taxId\": %s}}";
    private ApiWorld world;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
    }

    @Test
    void aPlanCarriesItsOwnTaxRateOrNone() {
        ApiWorld.Reply reduced = world.post("/plans", "{\"name\": \"Coffee\", \"currency\": \"JPY\", \"unitAmount\": "
                + "1527, \"interval\": \"month\", \"taxRate\": \"8.0\"}");
        assertEquals(201, reduced.status(), reduced.toString());
        assertEquals("8", reduced.json().get("taxRate").textValue(), "normalised");
        String id = reduced.json().get("id").textValue();
        assertEquals(TaxRate.of("8"), world.store.plans().get(id).orElseThrow().taxRate());
        assertEquals("8", world.get("/plans/" + id).json().get("taxRate").textValue());

        ApiWorld.Reply plain = world.post("/plans", "{\"name\": \"Team\", \"currency\": \"JPY\", \"unitAmount\": "
                + "3000, \"interval\": \"month\"}");
        assertEquals(201, plain.status(), plain.toString());
        assertTrue(plain.json().get("taxRate").isNull(), "no rate of its own: the customer's applies");
    }

    @Test
    void aJapaneseSellerNeedsARegistrationNumberWithTheNtaCheckDigit() {
        ApiWorld.Reply ok = world.call("PUT", "/settings", Map.of(), JSON, JP_SELLER.formatted("\"T2011001234567\""));
        assertEquals(200, ok.status(), ok.toString());
        assertEquals("T2011001234567", world.store.settings().requireSeller().taxId());

        ApiWorld.Reply wrongDigit = world.call("PUT", "/settings", Map.of(), JSON,
                JP_SELLER.formatted("\"T4011001234567\""));
        assertEquals(422, wrongDigit.status(), wrongDigit.toString());
        assertEquals("/seller/taxId", wrongDigit.at());
        assertTrue(wrongDigit.body().contains("check digit") && wrongDigit.body().contains("must be 2"),
                wrongDigit.body());
        assertEquals("T2011001234567", world.store.settings().requireSeller().taxId(), "nothing changed");

        ApiWorld.Reply none = world.call("PUT", "/settings", Map.of(), JSON, JP_SELLER.formatted("null"));
        assertEquals(200, none.status(), "a seller without registration (tax-exempt) may be set: " + none);
    }

    @Test
    void customersTaxIdsAreCheckedByTheirCountry() {
        String jp = "{\"name\": \"株式会社みなと\", \"email\": \"%s\", \"currency\": \"JPY\", \"timeZone\": \"Asia/Tokyo\", "
                + "\"locale\": \"ja\", \"taxId\": %s, \"address\": {\"line1\": \"1-1\", \"city\": \"千代田区\", "
                + "\"country\": \"JP\"}}";
        assertEquals(201, world.post("/customers", jp.formatted(ApiWorld.freshEmail(), "\"T3010001098765\"")).status());
        assertEquals(201, world.post("/customers", jp.formatted(ApiWorld.freshEmail(), "\"3010001098765\"")).status(),
                "a bare 法人番号");
        ApiWorld.Reply bad = world.post("/customers", jp.formatted(ApiWorld.freshEmail(), "\"T7010001098765\""));
        assertEquals(422, bad.status(), bad.toString());
        assertEquals("/taxId", bad.at());

        ApiWorld.Reply de = world.post("/customers", ApiWorld.customerJson(ApiWorld.freshEmail(), "EUR")
                .replace("\"locale\"", "\"taxId\": \"DE 123 456 789\", \"locale\""));
        assertEquals(201, de.status(), "a German VAT number, spaces ignored: " + de);
        String id = de.json().get("id").textValue();
        ApiWorld.Reply patched = world.call("PATCH", "/customers/" + id, Map.of(), JSON, "{\"taxId\": \"ATU1234567\"}");
        assertEquals(422, patched.status(), patched.toString());
        assertEquals("/taxId", patched.at());
        assertEquals("DE 123 456 789", world.store.customers().get(id).orElseThrow().taxId(), "nothing changed");

        ApiWorld.Reply us = world.post("/customers", ApiWorld.customerJson(ApiWorld.freshEmail(), "USD")
                .replace("\"DE\"", "\"US\"").replace("\"locale\"", "\"taxId\": \"EIN 12-3456789\", \"locale\""));
        assertEquals(201, us.status(), "free text elsewhere: " + us);
    }

    /** A credit note of a two-rate invoice shows its amounts per rate ({@code taxRates}), summing to its totals. */
    @Test
    void aCreditNoteOfATwoRateInvoiceShowsItsAmountsPerRate() {
        String customer = world.customer("JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        LocalDate today = LocalDate.of(2027, 3, 1);
        Invoice draft = new Invoice(Ids.newId("inv"), null, customer, null, Currencies.of("JPY"), InvoiceStatus.DRAFT,
                List.of(new InvoiceLine("Team", LineKind.SUBSCRIPTION, null, null, null, 8, Money.of(3_000, "JPY"),
                                Money.of(24_000, "JPY"), TaxRate.of("10"), Money.of(2_400, "JPY")),
                        new InvoiceLine("Coffee", LineKind.SUBSCRIPTION, null, null, null, 1, Money.of(6_687, "JPY"),
                                Money.of(6_687, "JPY"), TaxRate.of("8"), Money.of(535, "JPY"))),
                zero, zero, today, today.plusDays(14), null, null, null, ApiWorld.START, null, null);
        Finalization.Decision decision = Finalization.plan(draft, world.store.invoices().sequence(
                Finalization.seriesOf(draft, world.prefix)), world.store.credit().balance(customer, Currencies.of("JPY")),
                ApiWorld.START);
        Invoice invoice = world.store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null,
                null);

        ApiWorld.Reply note = world.post("/invoices/" + invoice.id() + "/credit-notes",
                "{\"amount\": 10000, \"reason\": \"returned\"}", "cn-two-rates");
        assertEquals(201, note.status(), note.toString());
        JsonNode rates = note.json().get("taxRates");
        assertEquals(2, rates.size(), rates.toString());
        assertEquals("8", rates.get(0).get("taxRate").textValue());
        assertEquals(2_180, rates.get(0).get("subtotal").longValue());
        assertEquals(174, rates.get(0).get("tax").longValue());
        assertEquals("10", rates.get(1).get("taxRate").textValue());
        assertEquals(7_820, rates.get(1).get("subtotal").longValue());
        assertEquals(782, rates.get(1).get("tax").longValue());
        assertEquals(10_000, note.json().get("subtotal").longValue());
        assertEquals(956, note.json().get("tax").longValue());
    }
}
