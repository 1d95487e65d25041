package io.periodic.billing.invoicing;

import static io.periodic.billing.invoicing.Samples.customer;
import static io.periodic.billing.invoicing.Samples.plan;
import static io.periodic.billing.invoicing.Samples.plans;
import static io.periodic.billing.invoicing.Samples.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.calendar.Fraction;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.PendingCharge;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceComposerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private final Customer tokyo = customer("Asia/Tokyo", "JPY", "10", 30);

    @Test
    void oneLinePerItemTimesQuantityWithTaxPerInvoiceAndDueAfterTerms() {
        Plan seats = plan("seats", "JPY", 1_200, TaxBehavior.EXCLUSIVE);
        Plan storage = plan("storage", "JPY", 500, TaxBehavior.EXCLUSIVE);
        Subscription sub = subscription(LocalDate.of(2026, 1, 31), SubscriptionStatus.ACTIVE, null,
                new SubscriptionItem("seats", 3), new SubscriptionItem("storage", 1));

        Invoice invoice = InvoiceComposer.compose(tokyo, sub, plans(seats, storage), 1, true,
                LocalDate.of(2026, 2, 28), NOW);

        assertEquals("in_sub_1_2026-02-28", invoice.id());
        assertEquals(InvoiceStatus.DRAFT, invoice.status());
        assertNull(invoice.number());
        assertEquals(LocalDate.of(2026, 2, 28), invoice.periodStart());
        assertEquals(LocalDate.of(2026, 3, 31), invoice.periodEnd());
        assertEquals(LocalDate.of(2026, 2, 28), invoice.issueDate());
        assertEquals(LocalDate.of(2026, 3, 30), invoice.dueDate());
        assertEquals(2, invoice.lines().size());
        InvoiceLine first = invoice.lines().get(0);
        assertEquals(Money.of(3_600, "JPY"), first.amount());
        assertEquals(3, first.quantity());
        assertEquals(Money.of(1_200, "JPY"), first.unitAmount());
        assertEquals(Money.of(4_100, "JPY"), invoice.subtotal());
        assertEquals(Money.of(410, "JPY"), invoice.tax());
        assertEquals(Money.of(4_510, "JPY"), invoice.total());
    }

    @Test
    void inclusivePricesKeepTheGrossAndShowTheTaxInside() {
        Plan plan = plan("p", "JPY", 1_100, TaxBehavior.INCLUSIVE);
        Subscription sub = subscription(LocalDate.of(2026, 1, 1), SubscriptionStatus.ACTIVE, null,
                new SubscriptionItem("p", 1));
        Invoice invoice = InvoiceComposer.compose(tokyo, sub, plans(plan), 0, true, LocalDate.of(2026, 1, 1), NOW);
        assertEquals(Money.of(1_000, "JPY"), invoice.subtotal());
        assertEquals(Money.of(100, "JPY"), invoice.tax());
        assertEquals(Money.of(1_100, "JPY"), invoice.total());
    }

    @Test
    void noChargeDuringTrialAndTheDaysAfterATrialThatEndsMidPeriod() {
        Plan plan = plan("p", "JPY", 3_100, TaxBehavior.EXCLUSIVE);
        Subscription sub = subscription(LocalDate.of(2026, 1, 1), SubscriptionStatus.TRIALING,
                LocalDate.of(2026, 2, 15), new SubscriptionItem("p", 1));

        Invoice january = InvoiceComposer.compose(tokyo, sub, plans(plan), 0, true, LocalDate.of(2026, 1, 1), NOW);
        assertTrue(january.total().isZero(), "trial covers all of January");

        Invoice february = InvoiceComposer.compose(tokyo, sub, plans(plan), 1, true, LocalDate.of(2026, 2, 1), NOW);
        // Trial ends Feb 15: Feb 15..28 = 14 of 28 days are charged.
        assertEquals(Money.of(1_550, "JPY"), february.subtotal());
        assertEquals(new Fraction(14, 28), february.lines().getFirst().proration(), "the line carries its factor");
        assertEquals(new Fraction(0, 31), january.lines().getFirst().proration());

        Invoice march = InvoiceComposer.compose(tokyo, sub, plans(plan), 2, true, LocalDate.of(2026, 3, 1), NOW);
        assertNull(march.lines().getFirst().proration(), "a full period is not prorated");
    }

    @Test
    void pendingChargesBecomeLinesThatRememberTheirCharge() {
        Plan plan = plan("p", "USD", 1_000, TaxBehavior.EXCLUSIVE);
        Customer ny = customer("America/New_York", "USD", "0", 0);
        PendingCharge credit = new PendingCharge("chg:unused:p", "Unused time on Plan p", LineKind.PRORATION, "p",
                LocalDate.of(2026, 1, 16), LocalDate.of(2026, 2, 1), 1, Money.of(1_000, "USD"), Money.of(-516, "USD"),
                TaxBehavior.EXCLUSIVE);
        Subscription sub = subscription(LocalDate.of(2026, 1, 1), SubscriptionStatus.ACTIVE, null,
                new SubscriptionItem("p", 1)).withItems(List.of(new SubscriptionItem("p", 1)), List.of(credit));
        Invoice invoice = InvoiceComposer.compose(ny, sub, plans(plan), 1, true, LocalDate.of(2026, 2, 1), NOW);
        assertEquals(2, invoice.lines().size());
        assertEquals("chg:unused:p", invoice.lines().get(1).chargeId());
        assertEquals(Money.of(484, "USD"), invoice.total());
    }

    @Test
    void eachPriceCarriesItsOwnRateAndThePlanWithoutOneTakesTheCustomers() {
        Plan seats = plan("seats", "JPY", 3_000, TaxBehavior.EXCLUSIVE); // no rate: the customer's 10 %
        Plan coffee = new Plan("coffee", "Coffee beans", Money.of(1_527, "JPY"), seats.interval(), 0,
                TaxBehavior.EXCLUSIVE, true, 1L, TaxRate.of("8"));
        Plan tea = new Plan("tea", "Tea", Money.of(1_080, "JPY"), seats.interval(), 0, TaxBehavior.INCLUSIVE, true,
                1L, TaxRate.of("8"));
        // A proration of a reduced-rate plan keeps that plan's rate (SubscriptionChanges copies it).
        PendingCharge unused = new PendingCharge("chg:unused:coffee", "Coffee beans", LineKind.PRORATION, "coffee",
                LocalDate.of(2026, 1, 16), LocalDate.of(2026, 2, 1), 1, Money.of(1_527, "JPY"), Money.of(-788, "JPY"),
                TaxBehavior.EXCLUSIVE, TaxRate.of("8"));
        Subscription sub = subscription(LocalDate.of(2026, 1, 1), SubscriptionStatus.ACTIVE, null,
                new SubscriptionItem("seats", 8)).withItems(List.of(new SubscriptionItem("seats", 8),
                new SubscriptionItem("coffee", 3), new SubscriptionItem("tea", 1)), List.of(unused));

        Invoice invoice = InvoiceComposer.compose(tokyo, sub, plans(seats, coffee, tea), 1, true,
                LocalDate.of(2026, 2, 1), NOW);

        assertEquals(List.of("10", "8", "8", "8"), invoice.lines().stream().map(l -> l.taxRate().toString())
                .toList());
        // 10 %: 24,000 → 2,400. 8 % exclusive: (4,581 − 788) × 8 % = 303.44 → 303, rounded once; 8 % inclusive:
        // 1,080 × 8/108 = 80 inside. Both 8 % groups add up in the rate's total: 383.
        assertEquals(Money.of(2_400, "JPY"), invoice.taxByRate().get(TaxRate.of("10")));
        assertEquals(Money.of(383, "JPY"), invoice.taxByRate().get(TaxRate.of("8")));
        assertEquals(Money.of(-63, "JPY"), invoice.lines().get(3).tax(), "a credit's tax keeps its sign");
    }

    @Test
    void aLateRunIssuesTodayNotInThePast() {
        Plan plan = plan("p", "JPY", 100, TaxBehavior.EXCLUSIVE);
        Subscription sub = subscription(LocalDate.of(2026, 1, 10), SubscriptionStatus.ACTIVE, null,
                new SubscriptionItem("p", 1));
        Invoice invoice = InvoiceComposer.compose(tokyo, sub, plans(plan), 0, true, LocalDate.of(2026, 1, 20), NOW);
        assertEquals(LocalDate.of(2026, 1, 10), invoice.periodStart());
        assertEquals(LocalDate.of(2026, 1, 20), invoice.issueDate());
        assertEquals(LocalDate.of(2026, 2, 19), invoice.dueDate());
    }

    @Test
    void missingPriceCurrencyMismatchAndIntervalMismatchAreDataErrors() {
        Subscription sub = subscription(LocalDate.of(2026, 1, 1), SubscriptionStatus.ACTIVE, null,
                new SubscriptionItem("p", 1));
        LocalDate day = LocalDate.of(2026, 1, 1);
        var gone = assertThrows(BillingDataException.class,
                () -> InvoiceComposer.compose(tokyo, sub, plans(), 0, true, day, NOW));
        assertTrue(gone.getMessage().contains("plan p"));
        var currency = assertThrows(BillingDataException.class, () -> InvoiceComposer.compose(tokyo, sub,
                plans(plan("p", "USD", 100, TaxBehavior.EXCLUSIVE)), 0, true, day, NOW));
        assertTrue(currency.getMessage().contains("USD"));
        Plan yearly = new Plan("p", "Yearly", Money.of(100, "JPY"),
                io.periodic.billing.calendar.BillingInterval.yearly(), 0, TaxBehavior.EXCLUSIVE, true, 1L);
        assertThrows(BillingDataException.class,
                () -> InvoiceComposer.compose(tokyo, sub, plans(yearly), 0, true, day, NOW));
    }
}
