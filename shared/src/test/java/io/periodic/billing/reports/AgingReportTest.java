package io.periodic.billing.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.MoneyTotal;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgingReportTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);

    private static Invoice invoice(String id, String currency, long total, long paid, LocalDate due,
            InvoiceStatus status) {
        Money amount = Money.of(total, currency);
        return new Invoice(id, "INV-" + id, "cus_1", null, Currencies.of(currency), status,
                List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null, null, null, 1, amount, amount,
                        TaxRate.ZERO, Money.zero(amount.currency()))), Money.zero(amount.currency()),
                Money.of(paid, currency), due.minusDays(30), due, null, null, null, Instant.EPOCH, Instant.EPOCH, 1L);
    }

    @Test
    void bucketsByDaysPastDuePerCurrencyWithTheInvoicesBehind() {
        AgingReport.Report report = AgingReport.build(List.of(
                invoice("a", "JPY", 10_000, 0, AS_OF, InvoiceStatus.OPEN),                    // due today: current
                invoice("b", "JPY", 20_000, 5_000, AS_OF.minusDays(1), InvoiceStatus.OPEN),  // 1 day: 15,000
                invoice("c", "JPY", 7_000, 0, AS_OF.minusDays(30), InvoiceStatus.OPEN),      // 30: still 1-30
                invoice("d", "JPY", 3_000, 0, AS_OF.minusDays(31), InvoiceStatus.OPEN),      // 31-60
                invoice("e", "JPY", 4_000, 0, AS_OF.minusDays(91), InvoiceStatus.UNCOLLECTIBLE), // over 90
                invoice("f", "USD", 12_345, 0, AS_OF.minusDays(75), InvoiceStatus.OPEN),     // 61-90, USD
                invoice("g", "JPY", 9_000, 9_000, AS_OF.minusDays(5), InvoiceStatus.PAID),   // paid: not in it
                invoice("h", "JPY", 9_000, 0, AS_OF.minusDays(5), InvoiceStatus.VOID)),      // void: not in it
                AS_OF);
        assertEquals(MoneyTotal.of(Money.of(10_000, "JPY")), report.total("JPY", AgingReport.Bucket.CURRENT));
        assertEquals(MoneyTotal.of(Money.of(22_000, "JPY")), report.total("JPY", AgingReport.Bucket.DAYS_1_30));
        assertEquals(MoneyTotal.of(Money.of(3_000, "JPY")), report.total("JPY", AgingReport.Bucket.DAYS_31_60));
        assertEquals(MoneyTotal.of(Money.of(4_000, "JPY")), report.total("JPY", AgingReport.Bucket.OVER_90));
        assertEquals(MoneyTotal.of(Money.of(12_345, "USD")), report.total("USD", AgingReport.Bucket.DAYS_61_90));
        assertTrue(report.total("USD", AgingReport.Bucket.CURRENT).isZero());
        assertEquals(List.of("c", "b"), report.byCurrency().get("JPY").get(AgingReport.Bucket.DAYS_1_30).invoices()
                .stream().map(Invoice::id).toList(), "oldest due first");
    }
}
