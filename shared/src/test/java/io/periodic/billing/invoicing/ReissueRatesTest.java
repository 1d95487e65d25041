package io.periodic.billing.invoicing;

import static io.periodic.billing.invoicing.Samples.customer;
import static io.periodic.billing.invoicing.Samples.plan;
import static io.periodic.billing.invoicing.Samples.plans;
import static io.periodic.billing.invoicing.Samples.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reissued invoice's one-off replacement lines carry their own rate, else the customer's (docs/tax.md). */
class ReissueRatesTest {
    private static final Instant NOW = Instant.parse("2026-03-05T00:00:00Z");

    @Test
    void replacementLinesTakeTheirOwnRateOrTheCustomers() {
        Customer tokyo = customer("Asia/Tokyo", "JPY", "10", 30);
        Invoice draft = InvoiceComposer.compose(tokyo, subscription(LocalDate.of(2026, 3, 1),
                SubscriptionStatus.ACTIVE, null, new SubscriptionItem("p", 1)),
                plans(plan("p", "JPY", 3_000, TaxBehavior.EXCLUSIVE)), 0, true, LocalDate.of(2026, 3, 1), NOW);
        Invoice voided = draft.toBuilder().status(InvoiceStatus.VOID).number("INV-2026-000001").build();

        Invoice reissued = Corrections.reissueDraft(voided, tokyo, List.of(
                new Corrections.Line("Plan p (corrected)", "p", null, null, 1, Money.of(2_500, "JPY"),
                        TaxBehavior.EXCLUSIVE),
                new Corrections.Line("Coffee beans (one-off)", null, null, null, 2, Money.of(1_527, "JPY"),
                        TaxBehavior.EXCLUSIVE, TaxRate.of("8"))), LocalDate.of(2026, 3, 5), NOW);

        assertEquals(List.of("10", "8"), reissued.lines().stream().map(l -> l.taxRate().toString()).toList());
        assertEquals(Money.of(250, "JPY"), reissued.taxByRate().get(TaxRate.of("10")));
        assertEquals(Money.of(244, "JPY"), reissued.taxByRate().get(TaxRate.of("8")), "3,054 × 8 % = 244.32");

        Invoice unchanged = Corrections.reissueDraft(voided, tokyo, List.of(), LocalDate.of(2026, 3, 5), NOW);
        assertEquals(voided.lines(), unchanged.lines(), "without replacements the lines keep their rates");
    }
}
