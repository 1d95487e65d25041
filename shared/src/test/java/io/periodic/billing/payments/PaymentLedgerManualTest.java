package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PaymentLedger#applyManually}: unapplied cash applied by a person, and everything it refuses. */
class PaymentLedgerManualTest {
    static final Instant RECEIVED = Instant.parse("2026-11-20T09:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-22T10:15:00Z");
    static final String BY = "alice@seller.example";

    static Invoice invoice(String id, String customerId, String currency, long total, long paid,
            InvoiceStatus status) {
        Money amount = Money.of(total, currency);
        Money zero = Money.zero(amount.currency());
        return new Invoice(id, status == InvoiceStatus.DRAFT ? null : "INV-" + id, customerId, null,
                Currencies.of(currency), status, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null, null,
                null, 1, amount, amount, TaxRate.ZERO, zero)), zero, Money.of(paid, currency),
                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), null, null, null, RECEIVED, RECEIVED, 4L);
    }

    static Invoice open(String id, long total) {
        return invoice(id, "cus_1", "JPY", total, 0, InvoiceStatus.OPEN);
    }

    static Payment payment(long amount, long applied, long refunded, String customerId, PaymentStatus status,
            String reason) {
        return new Payment(Payment.idFor("bank", "tx-1"), "bank", "tx-1", Money.of(amount, "JPY"), Payer.UNKNOWN,
                "no reference", RECEIVED, status, Money.of(applied, "JPY"), Money.of(refunded, "JPY"), customerId,
                reason, true, 3L);
    }

    static Payment unapplied(long amount, String customerId) {
        return payment(amount, 0, 0, customerId, PaymentStatus.UNAPPLIED, "no invoice or customer identified");
    }

    static PaymentMatching.Application app(String invoiceId, long amount) {
        return new PaymentMatching.Application(invoiceId, Money.of(amount, "JPY"));
    }

    static Map<String, Invoice> byId(Invoice... invoices) {
        Map<String, Invoice> map = new LinkedHashMap<>();
        for (Invoice i : invoices) {
            map.put(i.id(), i);
        }
        return map;
    }

    static PaymentLedger.Result apply(Payment p, List<PaymentMatching.Application> apps, List<Allocation> existing,
            Invoice... invoices) {
        return PaymentLedger.applyManually(p, apps, existing, byId(invoices), BY, NOW);
    }

    static Money jpy(long minor) {
        return Money.of(minor, "JPY");
    }

    static void ledgerHolds(Payment p) {
        assertEquals(p.amount(), p.applied().plus(p.unapplied()).plus(p.refunded()),
                "received = applied + unapplied + refunded");
        assertFalse(p.applied().isNegative() || p.unapplied().isNegative() || p.refunded().isNegative());
    }

    // ------------------------------------------------------------------------------------------------ applying

    @Test
    void fullApplicationPaysTheInvoiceAndSetsTheCustomerFromIt() {
        Payment p = unapplied(10_000, null);
        PaymentLedger.Result r = apply(p, List.of(app("inv_1", 10_000)), List.of(), open("inv_1", 10_000));

        Payment after = r.payment();
        assertEquals(PaymentStatus.APPLIED, after.status());
        assertEquals(jpy(10_000), after.applied());
        assertTrue(after.unapplied().isZero());
        assertEquals(jpy(0), after.refunded());
        assertEquals("cus_1", after.customerId(), "the payment's customer comes from the invoice");
        assertNull(after.unappliedReason(), "nothing is held any more, so no reason");
        assertFalse(after.announced(), "its events are still to be published");
        assertEquals(3L, after.version(), "the version is checked on commit, not bumped here");
        ledgerHolds(after);

        assertEquals(1, r.invoices().size());
        Invoice inv = r.invoices().get(0);
        assertEquals(InvoiceStatus.PAID, inv.status());
        assertEquals(jpy(10_000), inv.amountPaid());
        assertTrue(inv.amountDue().isZero());
        assertEquals(4L, inv.version());
        assertEquals(List.of("inv_1"), r.paidInvoiceIds());

        assertEquals(1, r.newAllocations().size());
        Allocation a = r.newAllocations().get(0);
        assertEquals(p.id(), a.paymentId());
        assertEquals("inv_1", a.invoiceId());
        assertEquals(jpy(10_000), a.amount());
        assertEquals("manual", a.rule());
        assertTrue(a.reason().contains(BY), a.reason());
        assertEquals(NOW, a.appliedAt());
        assertNull(a.version(), "a new allocation");
        assertEquals(List.of(), r.changedAllocations());
        assertTrue(r.creditEntries().isEmpty());
        assertNull(r.balanceAfter());
        assertEquals(List.of(), r.refunds());
        assertEquals(List.of(), r.reopenedInvoiceIds());
    }

    @Test
    void partialApplicationKeepsTheRestUnappliedWithItsReason() {
        Payment p = unapplied(10_000, "cus_1");
        PaymentLedger.Result r = apply(p, List.of(app("inv_1", 4_000)), List.of(), open("inv_1", 6_000));

        assertEquals(PaymentStatus.PARTIALLY_APPLIED, r.payment().status());
        assertEquals(jpy(4_000), r.payment().applied());
        assertEquals(jpy(6_000), r.payment().unapplied());
        assertEquals("no invoice or customer identified", r.payment().unappliedReason());
        assertEquals("cus_1", r.payment().customerId());
        ledgerHolds(r.payment());

        Invoice inv = r.invoices().get(0);
        assertEquals(InvoiceStatus.OPEN, inv.status(), "2,000 still due");
        assertEquals(jpy(4_000), inv.amountPaid());
        assertEquals(jpy(2_000), inv.amountDue());
        assertEquals(List.of(), r.paidInvoiceIds());
        assertEquals(jpy(4_000), r.newAllocations().get(0).amount());
    }

    @Test
    void anInvoiceThePaymentAlreadyPaidPartOfGetsItsAllocationRaised() {
        Payment p = payment(10_000, 3_000, 0, "cus_1", PaymentStatus.PARTIALLY_APPLIED, "short payment");
        Allocation onFirst = new Allocation(p.id(), "inv_1", jpy(3_000), "reference", "reference INV-inv_1",
                RECEIVED, 7L);
        Allocation onOther = new Allocation(p.id(), "inv_9", jpy(0), "reference", "refunded", RECEIVED, 2L);
        Invoice first = invoice("inv_1", "cus_1", "JPY", 8_000, 3_000, InvoiceStatus.OPEN);

        PaymentLedger.Result r = apply(p, List.of(app("inv_1", 5_000)), List.of(onOther, onFirst), first);

        assertEquals(List.of(), r.newAllocations(), "no second allocation for the same invoice");
        assertEquals(1, r.changedAllocations().size(), "only the allocation of the invoice named changes");
        Allocation raised = r.changedAllocations().get(0);
        assertEquals("inv_1", raised.invoiceId());
        assertEquals(p.id(), raised.paymentId());
        assertEquals(jpy(8_000), raised.amount(), "3,000 before + 5,000 now");
        assertEquals(7L, raised.version(), "version kept for the conditional update");
        assertEquals("reference", raised.rule(), "the first part's rule is kept");
        assertTrue(raised.reason().startsWith("reference INV-inv_1; "), "its explanation is kept: " + raised.reason());
        assertTrue(raised.reason().contains(BY), raised.reason());

        Invoice inv = r.invoices().get(0);
        assertEquals(jpy(8_000), inv.amountPaid());
        assertEquals(InvoiceStatus.PAID, inv.status());
        assertEquals(List.of("inv_1"), r.paidInvoiceIds());

        assertEquals(jpy(8_000), r.payment().applied());
        assertEquals(jpy(2_000), r.payment().unapplied());
        assertEquals(PaymentStatus.PARTIALLY_APPLIED, r.payment().status());
        assertEquals("short payment", r.payment().unappliedReason());
        ledgerHolds(r.payment());
    }

    @Test
    void severalInvoicesAtOnceInTheOrderNamed() {
        Payment p = unapplied(5_000, "cus_1");
        Invoice written = invoice("inv_1", "cus_1", "JPY", 3_000, 0, InvoiceStatus.UNCOLLECTIBLE);
        Invoice part = invoice("inv_2", "cus_1", "JPY", 9_000, 1_000, InvoiceStatus.OPEN);
        Invoice whole = open("inv_3", 1_500);

        PaymentLedger.Result r = apply(p, List.of(app("inv_3", 1_500), app("inv_1", 3_000), app("inv_2", 500)),
                List.of(), written, part, whole);

        assertEquals(List.of("inv_3", "inv_1", "inv_2"), r.invoices().stream().map(Invoice::id).toList());
        assertEquals(List.of("inv_3", "inv_1", "inv_2"),
                r.newAllocations().stream().map(Allocation::invoiceId).toList());
        assertEquals(List.of(jpy(1_500), jpy(3_000), jpy(500)),
                r.newAllocations().stream().map(Allocation::amount).toList());
        assertEquals(List.of("inv_3", "inv_1"), r.paidInvoiceIds(), "an uncollectible invoice can be paid too");
        assertEquals(List.of(InvoiceStatus.PAID, InvoiceStatus.PAID, InvoiceStatus.OPEN),
                r.invoices().stream().map(Invoice::status).toList());
        assertEquals(jpy(1_500), r.invoices().get(2).amountPaid());
        assertEquals(jpy(7_500), r.invoices().get(2).amountDue());
        assertEquals(PaymentStatus.APPLIED, r.payment().status(), "5,000 = 1,500 + 3,000 + 500");
        assertNull(r.payment().unappliedReason());
        ledgerHolds(r.payment());
    }

    @Test
    void aPartlyRefundedPaymentAppliesOnlyWhatIsLeftAndEndsApplied() {
        Payment p = payment(10_000, 0, 4_000, "cus_1", PaymentStatus.UNAPPLIED, "held");
        assertThrows(IllegalStateException.class,
                () -> apply(p, List.of(app("inv_1", 6_001)), List.of(), open("inv_1", 10_000)),
                "only 6,000 is unapplied");
        PaymentLedger.Result r = apply(p, List.of(app("inv_1", 6_000)), List.of(), open("inv_1", 10_000));
        assertEquals(PaymentStatus.APPLIED, r.payment().status(), "applied + refunded = amount");
        assertEquals(jpy(4_000), r.payment().refunded(), "the refund stays");
        assertEquals(jpy(6_000), r.payment().applied());
        ledgerHolds(r.payment());
    }

    // -------------------------------------------------------------------------- refused: can never work (IAE)

    @Test
    void anEmptyListIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> apply(unapplied(10_000, null), List.of(), List.of(), open("inv_1", 10_000)));
        assertTrue(e.getMessage().contains("at least one"), e.getMessage());
    }

    @Test
    void anInvoiceNamedTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> apply(unapplied(10_000, null), List.of(app("inv_1", 1_000), app("inv_2", 1_000),
                        app("inv_1", 1_000)), List.of(), open("inv_1", 10_000), open("inv_2", 10_000)));
        assertTrue(e.getMessage().contains("once"), e.getMessage());
    }

    @Test
    void aZeroOrNegativeAmountIsRefused() {
        for (long amount : new long[] {0, -1, -5_000}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> apply(unapplied(10_000, null), List.of(app("inv_1", 1_000), app("inv_2", amount)),
                            List.of(), open("inv_1", 10_000), open("inv_2", 10_000)), "amount " + amount);
            assertTrue(e.getMessage().contains("inv_2") && e.getMessage().contains("positive"), e.getMessage());
        }
    }

    @Test
    void anInvoiceThatWasNotLoadedIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> apply(unapplied(10_000, null), List.of(app("inv_404", 1_000)), List.of(), open("inv_1", 10)));
    }

    // ------------------------------------------------------------------- refused: the state refuses it (ISE)

    @Test
    void anInvoiceInAnotherCurrencyIsRefused() {
        Invoice usd = invoice("inv_1", "cus_1", "USD", 10_000, 0, InvoiceStatus.OPEN);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> apply(unapplied(10_000, null), List.of(app("inv_1", 1_000)), List.of(), usd));
        assertTrue(e.getMessage().contains("USD") && e.getMessage().contains("JPY"), e.getMessage());
    }

    @Test
    void anInvoiceThatIsNotPayableIsRefused() {
        for (InvoiceStatus status : new InvoiceStatus[] {InvoiceStatus.PAID, InvoiceStatus.VOID,
                InvoiceStatus.DRAFT}) {
            long paid = status == InvoiceStatus.PAID ? 10_000 : 0;
            Invoice inv = invoice("inv_1", "cus_1", "JPY", 10_000, paid, status);
            Invoice fine = open("inv_2", 10_000);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> apply(unapplied(10_000, null), List.of(app("inv_2", 500), app("inv_1", 500)), List.of(),
                            inv, fine), status.name());
            assertTrue(e.getMessage().contains(status.name().toLowerCase(java.util.Locale.ROOT)), e.getMessage());
        }
    }

    @Test
    void moreThanTheAmountDueIsRefused() {
        Invoice inv = invoice("inv_1", "cus_1", "JPY", 10_000, 7_000, InvoiceStatus.OPEN);
        assertThrows(IllegalStateException.class,
                () -> apply(unapplied(10_000, null), List.of(app("inv_1", 3_001)), List.of(), inv));
        // exactly the amount due is fine
        assertEquals(InvoiceStatus.PAID,
                apply(unapplied(10_000, null), List.of(app("inv_1", 3_000)), List.of(), inv).invoices().get(0)
                        .status());
    }

    @Test
    void invoicesOfTwoCustomersAreRefused() {
        Invoice a = open("inv_1", 5_000);
        Invoice b = invoice("inv_2", "cus_2", "JPY", 5_000, 0, InvoiceStatus.OPEN);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> apply(unapplied(10_000, null), List.of(app("inv_1", 5_000), app("inv_2", 5_000)), List.of(),
                        a, b));
        assertTrue(e.getMessage().contains("cus_2") && e.getMessage().contains("cus_1"), e.getMessage());
    }

    @Test
    void anInvoiceOfAnotherCustomerThanThePaymentsIsRefused() {
        Invoice other = invoice("inv_1", "cus_2", "JPY", 5_000, 0, InvoiceStatus.OPEN);
        assertThrows(IllegalStateException.class,
                () -> apply(unapplied(10_000, "cus_1"), List.of(app("inv_1", 5_000)), List.of(), other));
    }

    @Test
    void moreThanThePaymentsUnappliedCashIsRefused() {
        Payment p = payment(10_000, 6_000, 0, "cus_1", PaymentStatus.PARTIALLY_APPLIED, "short");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> apply(p, List.of(app("inv_1", 3_000), app("inv_2", 1_001)), List.of(),
                        open("inv_1", 5_000), open("inv_2", 5_000)),
                "each fits its invoice, together 4,001 > 4,000 unapplied");
        assertTrue(e.getMessage().contains("unapplied"), e.getMessage());
        // exactly what is unapplied is fine
        PaymentLedger.Result r = apply(p, List.of(app("inv_1", 3_000), app("inv_2", 1_000)), List.of(),
                open("inv_1", 5_000), open("inv_2", 5_000));
        assertEquals(PaymentStatus.APPLIED, r.payment().status());
        ledgerHolds(r.payment());
    }

    @Test
    void aFullyAppliedPaymentHasNothingToApply() {
        Payment p = payment(10_000, 10_000, 0, "cus_1", PaymentStatus.APPLIED, null);
        assertThrows(IllegalStateException.class,
                () -> apply(p, List.of(app("inv_1", 1)), List.of(), open("inv_1", 5_000)));
    }
}
