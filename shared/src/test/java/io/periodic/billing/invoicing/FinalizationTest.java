package io.periodic.billing.invoicing;

import static io.periodic.billing.invoicing.Samples.customer;
import static io.periodic.billing.invoicing.Samples.plan;
import static io.periodic.billing.invoicing.Samples.plans;
import static io.periodic.billing.invoicing.Samples.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Sequence;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FinalizationTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private final Customer customer = customer("Europe/Belgrade", "EUR", "20", 15);

    private Invoice draft(long unitMinor) {
        return InvoiceComposer.compose(customer, subscription(LocalDate.of(2026, 11, 1), SubscriptionStatus.ACTIVE,
                        null, new SubscriptionItem("p", 1)),
                plans(plan("p", "EUR", unitMinor, TaxBehavior.EXCLUSIVE)), 0, true, LocalDate.of(2026, 11, 1), NOW);
    }

    @Test
    void takesTheNextNumberOfTheYearsSeries() {
        Invoice draft = draft(10_000);
        assertEquals("INV-2026", Finalization.seriesOf(draft, "INV"));
        Finalization.Decision decision = Finalization.plan(draft, new Sequence("INV-2026", 122, 7L),
                CreditBalance.empty("cus_1", customer.currency()), NOW);
        assertEquals("INV-2026-000123", decision.invoice().number());
        assertEquals(123, decision.sequenceAfter().last());
        assertEquals(7L, decision.sequenceAfter().version(), "version-checked against what was read");
        assertEquals(InvoiceStatus.OPEN, decision.invoice().status());
        assertEquals(Money.of(12_000, "EUR"), decision.invoice().amountDue());
        assertNull(decision.creditEntry());
    }

    @Test
    void usesTheCreditBalanceFirst() {
        Finalization.Decision partly = Finalization.plan(draft(10_000), Sequence.start("INV-2026"),
                new CreditBalance("cus_1", Money.of(2_000, "EUR"), 3L), NOW);
        assertEquals(Money.of(2_000, "EUR"), partly.invoice().creditApplied());
        assertEquals(Money.of(10_000, "EUR"), partly.invoice().amountDue());
        assertEquals(Money.of(-2_000, "EUR"), partly.creditEntry().amount());
        assertEquals("applied:" + partly.invoice().id(), partly.creditEntry().id());
        assertEquals(Money.zero(customer.currency()), partly.balanceAfter().balance());

        Finalization.Decision fully = Finalization.plan(draft(10_000), Sequence.start("INV-2026"),
                new CreditBalance("cus_1", Money.of(50_000, "EUR"), 3L), NOW);
        assertEquals(InvoiceStatus.PAID, fully.invoice().status());
        assertEquals(Money.of(38_000, "EUR"), fully.balanceAfter().balance());
    }

    @Test
    void aZeroInvoiceIsPaidAtOnce() {
        Finalization.Decision decision = Finalization.plan(draft(0), Sequence.start("INV-2026"),
                CreditBalance.empty("cus_1", customer.currency()), NOW);
        assertEquals(InvoiceStatus.PAID, decision.invoice().status());
        assertEquals("INV-2026-000001", decision.invoice().number());
    }

    @Test
    void onlyADraftCanBeFinalised() {
        Invoice open = Finalization.plan(draft(100), Sequence.start("INV-2026"),
                CreditBalance.empty("cus_1", customer.currency()), NOW).invoice();
        assertThrows(IllegalStateException.class, () -> Finalization.plan(open, Sequence.start("INV-2026"),
                CreditBalance.empty("cus_1", customer.currency()), NOW));
    }

    @Test
    void parallelSeriesKeepEachCustomerInOneSeries() {
        Invoice draft = draft(100);
        assertEquals("INV-2026", Finalization.seriesOf(draft, "INV", 1));
        String series = Finalization.seriesOf(draft, "INV", 26);
        assertTrue(series.matches("INV-2026-[A-Z]"), series);
        assertEquals(series, Finalization.seriesOf(draft(999), "INV", 26), "same customer, same series");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(io.periodic.billing.invoicing.DocumentNumbers.series("INV", LocalDate.of(2026, 1, 1),
                    "cus_" + i, 4));
        }
        assertEquals(java.util.Set.of("INV-2026-A", "INV-2026-B", "INV-2026-C", "INV-2026-D"), seen);
        assertEquals("INV-2026-B-000042", DocumentNumbers.format("INV-2026-B", 42));
    }
}
