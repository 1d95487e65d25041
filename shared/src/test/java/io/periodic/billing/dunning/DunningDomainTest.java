package io.periodic.billing.dunning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DunningDomainTest {
    private static final LocalDate DUE = LocalDate.of(2026, 12, 1);
    private static final Instant NOW = Instant.parse("2026-12-15T00:00:00Z");

    private static Invoice invoice(long total, long paid, InvoiceStatus status) {
        Money amount = Money.of(total, "JPY");
        return new Invoice("inv_1", "INV-2026-000123", "cus_1", "sub_1", Currencies.of("JPY"), status,
                List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null, null, null, 1, amount, amount,
                        TaxRate.ZERO, Money.zero(amount.currency()))), Money.zero(amount.currency()),
                Money.of(paid, "JPY"), LocalDate.of(2026, 11, 1), DUE, null, null, null, NOW, NOW, 1L);
    }

    private static List<PaymentBehaviour.Settled> history(int... daysLate) {
        return java.util.Arrays.stream(daysLate).mapToObj(d -> new PaymentBehaviour.Settled(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1).plusDays(d), false)).toList();
    }

    @Test
    void theDefaultPolicyEscalatesFromCourtesyToSuspension() {
        List<DunningSchedule.Planned> plan = DunningSchedule.plan(DunningPolicy.DEFAULT,
                PaymentBehaviour.of(List.of()), DUE);
        assertEquals(List.of(StepKind.COURTESY, StepKind.FRIENDLY, StepKind.FIRM, StepKind.LATE_FEE,
                StepKind.FINAL_NOTICE, StepKind.SUSPEND), plan.stream().map(DunningSchedule.Planned::kind).toList());
        assertEquals(List.of(LocalDate.of(2026, 11, 28), LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 8),
                LocalDate.of(2026, 12, 15), LocalDate.of(2026, 12, 22), LocalDate.of(2026, 12, 31)),
                plan.stream().map(DunningSchedule.Planned::date).toList());
        assertTrue(plan.get(0).reason().contains("3 days before"));
    }

    @Test
    void habitualLatePayersHearEarlierAndReliablePayersAreNotNagged() {
        PaymentBehaviour late = PaymentBehaviour.of(history(12, 9, 0, 15));
        List<DunningSchedule.Planned> forLate = DunningSchedule.plan(DunningPolicy.DEFAULT, late, DUE);
        assertEquals(LocalDate.of(2026, 11, 24), forLate.get(0).date(), "7 days before instead of 3");
        assertTrue(forLate.get(0).reason().contains("habitual late payer, 1 of 4 invoices paid on time"),
                forLate.get(0).reason());

        PaymentBehaviour reliable = PaymentBehaviour.of(history(0, 0, 0, 0, 0));
        List<DunningSchedule.Planned> forReliable = DunningSchedule.plan(DunningPolicy.DEFAULT, reliable, DUE);
        assertEquals(StepKind.FRIENDLY, forReliable.get(0).kind(), "no courtesy notice before the due date");
        assertTrue(forReliable.get(0).reason().contains("reliable payer, 5 of 5"), forReliable.get(0).reason());
        assertEquals(5, forReliable.size(), "escalation after the due date is the same for everyone");

        PaymentBehaviour newcomer = PaymentBehaviour.of(history(0, 20));
        assertEquals(LocalDate.of(2026, 11, 28), DunningSchedule.plan(DunningPolicy.DEFAULT, newcomer, DUE).get(0)
                .date(), "too little history: the policy as it is");
    }

    @Test
    void lateFeeIsAPercentageCappedOrFixedPerCurrency() {
        LateFee fee = DunningPolicy.DEFAULT.lateFee();
        assertEquals(Money.of(150, "JPY"), fee.on(Money.of(10_000, "JPY")), "1.5%");
        assertEquals(Money.of(5_000, "JPY"), fee.on(Money.of(1_000_000, "JPY")), "capped");
        assertEquals(Money.of(19, "USD"), fee.on(Money.of(1_234, "USD")), "18.51 cents rounds half up to 19");
        assertEquals(Money.of(500, "JPY"),
                new LateFee(null, Map.of("JPY", 500L), Map.of()).on(Money.of(99_999, "JPY")), "fixed");
        assertTrue(fee.on(Money.zero(Currencies.of("JPY"))).isZero());
        assertThrows(IllegalArgumentException.class, () -> new LateFee(new BigDecimal("30"), Map.of(), Map.of()));
    }

    @Test
    void theFeeIsItsOwnInvoiceWithADeterministicId() {
        Invoice overdue = invoice(10_000, 4_000, InvoiceStatus.OPEN);
        Customer customer = new Customer("cus_1", "C", "c@example.com", Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"),
                Locale.JAPAN, 14, TaxRate.of("10"), null, new Address("1", null, null, "T", null, "JP"), NOW, 1L);
        Invoice fee = LateFees.draft(overdue, DunningPolicy.DEFAULT.lateFee(), customer, LocalDate.of(2026, 12, 15), NOW);
        assertEquals("fee_inv_1", fee.id());
        assertEquals(Money.of(90, "JPY"), fee.total(), "1.5% of the 6,000 still due");
        assertEquals("inv_1", LateFees.overdueInvoiceId(fee.id()), "linked to the overdue invoice by its id");
        assertNull(fee.correctionOf(), "a fee is not a correction");
        assertEquals("INV-2026-000123", fee.lines().get(0).description(), "documents print it in the customer's language");
        assertEquals(LineKind.LATE_FEE, fee.lines().get(0).kind());
        assertNull(LateFees.draft(overdue, LateFee.NONE, customer, LocalDate.of(2026, 12, 15), NOW));

        Invoice numbered = fee.finalized("INV-2026-000999", NOW);
        String html = new io.periodic.billing.rendering.DocumentRenderer().invoiceHtml(
                new io.periodic.billing.rendering.InvoiceDocument(numbered, customer,
                        new io.periodic.billing.model.SellerProfile("Seller KK", new Address("1", null, null, "T", null,
                                "JP"), "s@seller.example", null, null, null, null, null, "INV", null), null));
        assertTrue(html.contains("請求書INV-2026-000123の延滞料"), "the fee line in the customer's language");
    }

    @Test
    void beforeEveryActionTheInvoiceDecides() {
        assertEquals(DunningCheck.Outcome.RECOVERED, ((DunningCheck.Stop) DunningCheck.of(
                invoice(10_000, 10_000, InvoiceStatus.PAID))).outcome());
        assertEquals(DunningCheck.Outcome.CANCELLED, ((DunningCheck.Stop) DunningCheck.of(
                invoice(10_000, 0, InvoiceStatus.VOID))).outcome());
        DunningCheck partial = DunningCheck.of(invoice(10_000, 4_000, InvoiceStatus.OPEN));
        assertInstanceOf(DunningCheck.Continue.class, partial);
        assertEquals(Money.of(6_000, "JPY"), ((DunningCheck.Continue) partial).amountDue());
        assertTrue(((DunningCheck.Continue) partial).partiallyPaid());
    }
}
