package io.periodic.billing.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.invoicing.InvoiceIds;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.local.engines.ItemSize;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A single-line invoice must stay under 1 KB as stored: DynamoDB bills write units per started KB, and the invoice
 * is written to the table and copied to two ALL-projected indexes inside a transaction, so 1 byte over 1 KB
 * doubles its write cost (docs/scaling.md). Ids, number and description are production-sized.
 */
class InvoiceItemSizeTest {
    private static final Instant NOW = Instant.parse("2026-11-22T15:00:00Z");

    @Test
    void anOpenSingleLineInvoiceIsStoredInUnderOneKilobyte() {
        String subscription = Ids.newId("sub");
        LocalDate start = LocalDate.of(2026, 11, 30);
        Money net = Money.of(1_234_567_800, "EUR"); // EUR 12,345,678.00: large amounts cost digits too
        Money tax = Money.of(234_567_882, "EUR");
        InvoiceLine line = new InvoiceLine("Enterprise plan, annual seats (EU data residency)",
                LineKind.SUBSCRIPTION, Ids.newId("price"), start, start.plusMonths(1), 250,
                Money.of(4_938_271, "EUR"), net, TaxRate.of("19"), tax);
        Invoice invoice = new Invoice(InvoiceIds.forPeriod(subscription, start), "INV-2026-B-000123",
                Ids.newId("cus"), subscription, Currencies.of("EUR"), InvoiceStatus.OPEN, List.of(line),
                Money.of(-5_000, "EUR"), Money.of(100_000, "EUR"), Money.of(0, "EUR"), start, start.plusDays(30),
                start, start.plusMonths(1), null, NOW, NOW, 7L);

        Map<String, AttributeValue> item = InvoiceSchema.INVOICE.itemToMap(invoice, true);
        int size = ItemSize.of(item);
        assertTrue(size < 1024, "a single-line invoice is " + size + " bytes: over 1 KB it costs two write units "
                + "per copy (table, gsi1, gsi2) instead of one");
        assertEquals(invoice, InvoiceSchema.INVOICE.mapToItem(item), "and nothing is lost in the compact form");
    }

    @Test
    void itemSizeFollowsDynamoDbsRule() {
        assertEquals(3 + 6, ItemSize.of(Map.of("abc", AttributeValue.fromS("héllo"))), "UTF-8 bytes: é is 2");
        assertEquals(1 + 4, ItemSize.of(Map.of("n", AttributeValue.fromN("12345"))), "1 byte per 2 digits, + 1");
        assertEquals(1 + 3, ItemSize.of(Map.of("n", AttributeValue.fromN("-0012.50"))), "sign, leading zeros free");
        assertEquals(1 + (3 + 1 + (1 + 1)), ItemSize.of(Map.of("m", AttributeValue.fromM(Map.of("k",
                AttributeValue.fromS("v"))))), "a map: 3 bytes, 1 per element, its contents");
        assertEquals(1 + (3 + 2 + 1 + 1), ItemSize.of(Map.of("l", AttributeValue.fromL(List.of(
                AttributeValue.fromBool(true), AttributeValue.fromNul(true))))), "a list of a boolean and a null");
    }
}
