package io.periodic.billing.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Builders change only what they are told to, and a built record is checked like a constructed one. */
class BuildersTest {
    private static final Instant NOW = Instant.parse("2026-11-22T15:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    private static Invoice draft() {
        InvoiceLine line = new InvoiceLine("Team plan", LineKind.SUBSCRIPTION, "plan_team", DAY, DAY.plusMonths(1), 1,
                Money.of(1_000, "EUR"), Money.of(1_000, "EUR"), TaxRate.of("20"), Money.of(200, "EUR"));
        return new Invoice("inv_1", null, "cus_1", "sub_1", Currencies.of("EUR"), InvoiceStatus.DRAFT, List.of(line),
                Money.of(0, "EUR"), Money.of(0, "EUR"), Money.of(0, "EUR"), DAY, DAY.plusDays(14), DAY,
                DAY.plusMonths(1), null, NOW, null, 3L);
    }

    @Test
    void aBuiltRecordIsCheckedLikeAConstructedOne() {
        Invoice draft = draft();
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> draft.toBuilder().dueDate(DAY.minusDays(1)).build());
        assertEquals("due date 2026-11-29 is before issue date 2026-11-30", early.getMessage());
        assertThrows(IllegalArgumentException.class, () -> draft.toBuilder().status(InvoiceStatus.OPEN).build(),
                "an open invoice needs a number");
        assertThrows(IllegalArgumentException.class, () -> Invoice.builder().id("inv_2").build(), "nothing set");
        assertThrows(IllegalArgumentException.class,
                () -> draft.toBuilder().amountPaid(Money.of(1, "JPY")).build(), "another currency");
    }

    @Test
    void withersChangeOnlyTheirFields() {
        Invoice draft = draft();
        Invoice open = draft.finalized("INV-2026-000001", NOW);
        assertEquals(draft.toBuilder().number("INV-2026-000001").status(InvoiceStatus.OPEN).finalizedAt(NOW).build(),
                open);
        Invoice paid = open.withPayment(Money.of(1_200, "EUR"), InvoiceStatus.PAID);
        assertEquals(Money.of(0, "EUR"), paid.amountDue());
        assertEquals(open.lines(), paid.lines());
        assertEquals(open.withStatus(InvoiceStatus.PAID).toBuilder().amountPaid(Money.of(1_200, "EUR")).build(), paid);
        assertEquals(Money.of(700, "EUR"), open.withCredited(Money.of(500, "EUR")).amountDue());
        assertEquals(4L, open.withVersion(4L).version());
        assertEquals(draft.withVersion(4L).toBuilder().version(3L).build(), draft);
    }

    @Test
    void aSubscriptionAdvancesAndCancelsThroughItsBuilder() {
        Subscription s = new Subscription("sub_1", "cus_1", List.of(new SubscriptionItem("plan_team", 2)), DAY,
                BillingInterval.monthly(), SubscriptionStatus.TRIALING, false,
                DAY.plusDays(7), 0, NOW, null, List.of(), NOW, 1L);
        Subscription advanced = s.advancedPast(0, NOW.plusSeconds(60), SubscriptionStatus.ACTIVE, Set.of());
        assertEquals(s.toBuilder().nextPeriodIndex(1).nextBillingAt(NOW.plusSeconds(60))
                .status(SubscriptionStatus.ACTIVE).build(), advanced);
        Subscription canceled = advanced.canceled();
        assertEquals(SubscriptionStatus.CANCELED, canceled.status());
        assertNull(canceled.nextBillingAt());
        assertEquals(advanced.items(), canceled.items());
        assertEquals("boom", s.parked("boom").parkedReason());
        assertNull(s.parked("boom").released().parkedReason());
    }

    @Test
    void aPaymentSettlesThroughItsBuilder() {
        Payment received = new Payment(Payment.idFor("stripe", "pi_1"), "stripe", "pi_1", Money.of(1_000, "EUR"),
                Payer.UNKNOWN, null, NOW, PaymentStatus.RECEIVED, Money.of(0, "EUR"), Money.of(0, "EUR"), null, null,
                null);
        Payment settled = received.settled(PaymentStatus.PARTIALLY_APPLIED, Money.of(600, "EUR"), Money.of(0, "EUR"),
                "cus_1", "400 left");
        assertEquals(received.toBuilder().status(PaymentStatus.PARTIALLY_APPLIED).applied(Money.of(600, "EUR"))
                .customerId("cus_1").unappliedReason("400 left").announced(false).build(), settled);
        assertEquals(settled.toBuilder().announced(true).build(), settled.announcedNow());
        assertThrows(IllegalArgumentException.class,
                () -> received.toBuilder().applied(Money.of(1_001, "EUR")).build(), "more applied than received");
    }
}
