package io.periodic.billing.lambda;

import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.rendering.InvoiceDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** In-memory records for priming: rendering a document along the real path, never stored anywhere. */
public final class PrimingSamples {
    private PrimingSamples() {}

    /** Renders a Japanese invoice in memory (templates, CLDR formats, money and tax arithmetic). */
    public static String invoiceHtml(DocumentRenderer renderer) {
        Address address = new Address("千代田1-1", null, "100-0001", "東京都千代田区", null, "JP");
        SellerProfile seller = new SellerProfile("Priming KK", address, "billing@priming.invalid", null, null, null,
                new SellerProfile.BankAccount("Bank", "Priming KK", null, null, "1234567", null), null, "INV", "CN");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Customer customer = new Customer("cus_priming", "株式会社プライミング", "priming@priming.invalid",
                Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.of("10"), null, address, now,
                null);
        Money net = Money.of(12_000, "JPY");
        Invoice invoice = new Invoice("in_priming", "INV-2026-000000", customer.id(), null, Currencies.of("JPY"),
                InvoiceStatus.OPEN, List.of(new InvoiceLine("Team plan", LineKind.SUBSCRIPTION, null,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), 1, net, net, TaxRate.of("10"),
                Money.of(1_200, "JPY"), null)), Money.zero(Currencies.of("JPY")), Money.zero(Currencies.of("JPY")),
                null, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 2, 1), null, now, now, null);
        return renderer.invoiceHtml(new InvoiceDocument(invoice, customer, seller, null));
    }
}
