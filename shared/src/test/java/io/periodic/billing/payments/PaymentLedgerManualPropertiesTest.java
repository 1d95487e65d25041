package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link PaymentLedger#applyManually} over random valid applications: the payment's ledger holds
 * (received = applied + unapplied + refunded), each invoice's amount paid rises by exactly what was applied to it,
 * an invoice is paid exactly when nothing is left due, and each invoice gets exactly one allocation (new, or the
 * existing one raised).
 */
class PaymentLedgerManualPropertiesTest {

    /** One invoice of the customer: its total, how much was paid before, whether by this payment, a share. */
    record InvoiceSpec(long total, int paidPermille, boolean paidByThisPayment, boolean uncollectible, int share) {}

    /** A payment (amount, refunded and applied as permille of what is left) and the invoices a person picks. */
    record Scenario(long amount, int refundedPermille, int appliedPermille, boolean hasCustomer,
            List<InvoiceSpec> invoices) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<InvoiceSpec> invoice = Combinators.combine(
                Arbitraries.longs().between(1, 2_000_000), Arbitraries.integers().between(0, 999),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.integers().between(0, 1000))
                .as(InvoiceSpec::new);
        return Combinators.combine(Arbitraries.longs().between(1, 3_000_000), Arbitraries.integers().between(0, 999),
                Arbitraries.integers().between(0, 1000), Arbitraries.of(true, false),
                invoice.list().ofMinSize(1).ofMaxSize(6)).as(Scenario::new);
    }

    private record Built(Payment payment, List<PaymentMatching.Application> applications,
            List<Allocation> allocations, Map<String, Invoice> invoices) {}

    /** Turns a scenario into a valid request: every amount within its invoice's due and the payment's cash. */
    private static Built build(Scenario s) {
        long refunded = s.amount() * s.refundedPermille() / 1000;               // < amount
        long applied = (s.amount() - refunded - 1) * s.appliedPermille() / 1000; // leaves >= 1 unapplied
        Payment payment = PaymentLedgerManualTest.payment(s.amount(), applied, refunded,
                s.hasCustomer() ? "cus_1" : null, applied == 0 ? PaymentStatus.UNAPPLIED
                        : PaymentStatus.PARTIALLY_APPLIED, "held for a person");
        long remaining = payment.unapplied().minor();
        List<PaymentMatching.Application> applications = new ArrayList<>();
        List<Allocation> allocations = new ArrayList<>();
        Map<String, Invoice> invoices = new LinkedHashMap<>();
        for (int i = 0; i < s.invoices().size() && remaining > 0; i++) {
            InvoiceSpec spec = s.invoices().get(i);
            long paid = spec.total() * spec.paidPermille() / 1000; // < total: something is due
            String id = "inv_" + i;
            Invoice invoice = PaymentLedgerManualTest.invoice(id, "cus_1", "JPY", spec.total(), paid,
                    spec.uncollectible() ? InvoiceStatus.UNCOLLECTIBLE : InvoiceStatus.OPEN);
            long cap = Math.min(invoice.amountDue().minor(), remaining);
            long amount = Math.max(1, cap * spec.share() / 1000);
            remaining -= amount;
            invoices.put(id, invoice);
            applications.add(new PaymentMatching.Application(id, Money.of(amount, "JPY")));
            if (spec.paidByThisPayment() && paid > 0) {
                allocations.add(new Allocation(payment.id(), id, Money.of(Math.min(paid, 1 + paid / 2), "JPY"),
                        "oldest-first", "earlier", PaymentLedgerManualTest.RECEIVED, 5L + i));
            }
        }
        return new Built(payment, applications, allocations, invoices);
    }

    @Property(tries = 300)
    void theLedgerHoldsAndEachInvoiceRisesByExactlyItsApplication(@ForAll("scenarios") Scenario s) {
        Built b = build(s);
        PaymentLedger.Result r = PaymentLedger.applyManually(b.payment(), b.applications(), b.allocations(),
                b.invoices(), "bob", PaymentLedgerManualTest.NOW);

        Payment before = b.payment();
        Payment after = r.payment();
        Money total = b.applications().stream().map(PaymentMatching.Application::amount)
                .reduce(Money.zero(before.amount().currency()), Money::plus);
        assertEquals(after.amount(), after.applied().plus(after.unapplied()).plus(after.refunded()),
                "received = applied + unapplied + refunded");
        assertFalse(after.unapplied().isNegative());
        assertEquals(before.amount(), after.amount());
        assertEquals(before.refunded(), after.refunded(), "refunds are untouched");
        assertEquals(before.applied().plus(total), after.applied());
        assertEquals("cus_1", after.customerId());
        assertEquals(after.unapplied().isZero() ? PaymentStatus.APPLIED : PaymentStatus.PARTIALLY_APPLIED,
                after.status());
        if (after.unapplied().isZero()) {
            assertNull(after.unappliedReason());
        } else {
            assertEquals(before.unappliedReason(), after.unappliedReason());
        }

        assertEquals(b.applications().size(), r.invoices().size());
        assertEquals(b.applications().size(), r.newAllocations().size() + r.changedAllocations().size(),
                "one allocation per invoice named");
        Map<String, Allocation> existing = new LinkedHashMap<>();
        b.allocations().forEach(a -> existing.put(a.invoiceId(), a));
        List<String> paid = new ArrayList<>();
        for (int i = 0; i < b.applications().size(); i++) {
            PaymentMatching.Application a = b.applications().get(i);
            Invoice was = b.invoices().get(a.invoiceId());
            Invoice now = r.invoices().get(i);
            assertEquals(a.invoiceId(), now.id());
            assertEquals(was.amountPaid().plus(a.amount()), now.amountPaid(), "rises by exactly its application");
            assertEquals(was.total(), now.total());
            assertFalse(now.amountDue().isNegative());
            assertEquals(now.amountDue().isZero() ? InvoiceStatus.PAID : was.status(), now.status());
            if (now.amountDue().isZero()) {
                paid.add(now.id());
            }
            Allocation old = existing.get(a.invoiceId());
            if (old == null) {
                assertTrue(r.newAllocations().stream().anyMatch(x -> x.invoiceId().equals(a.invoiceId())
                        && x.amount().equals(a.amount()) && x.version() == null));
            } else {
                assertTrue(r.changedAllocations().stream().anyMatch(x -> x.invoiceId().equals(a.invoiceId())
                        && x.amount().equals(old.amount().plus(a.amount())) && old.version().equals(x.version())));
            }
        }
        assertEquals(paid, r.paidInvoiceIds());
    }

    @Property(tries = 200)
    void takingOneMoreThanTheUnappliedCashIsRefusedWhole(@ForAll("scenarios") Scenario s) {
        Built b = build(s);
        Money total = b.applications().stream().map(PaymentMatching.Application::amount)
                .reduce(Money.zero(b.payment().amount().currency()), Money::plus);
        // Raise the request so the total exceeds the unapplied cash by one, keeping every amount within its due.
        long over = b.payment().unapplied().minor() - total.minor() + 1;
        List<PaymentMatching.Application> raised = new ArrayList<>();
        for (PaymentMatching.Application a : b.applications()) {
            long room = b.invoices().get(a.invoiceId()).amountDue().minor() - a.amount().minor();
            long add = Math.min(room, over);
            over -= add;
            raised.add(new PaymentMatching.Application(a.invoiceId(), a.amount().plus(Money.of(add, "JPY"))));
        }
        if (over > 0) {
            return; // the invoices cannot take that much: nothing to test in this try
        }
        assertThrows(IllegalStateException.class, () -> PaymentLedger.applyManually(b.payment(), raised,
                b.allocations(), b.invoices(), "bob", PaymentLedgerManualTest.NOW));
    }

    /**
     * Applied by hand, then undone ({@link UnapplyLedger#unapply}): the ledger still holds, nothing stays applied,
     * everything not refunded is unapplied cash again, each invoice's amount paid falls by exactly what the
     * payment's allocation to it held (an invoice no earlier allocation touched is back where it was), the
     * credit the payment added is taken back, and a paid invoice reopens.
     */
    @Property(tries = 300)
    void undoingAnApplicationRestoresEveryInvoiceAndHoldsTheLedger(@ForAll("scenarios") Scenario s) {
        Built b = build(s);
        PaymentLedger.Result applied = PaymentLedger.applyManually(b.payment(), b.applications(), b.allocations(),
                b.invoices(), "bob", PaymentLedgerManualTest.NOW);
        Map<String, Allocation> allocations = new LinkedHashMap<>();
        b.allocations().forEach(a -> allocations.put(a.invoiceId(), a));
        applied.newAllocations().forEach(a -> allocations.put(a.invoiceId(), a.withVersion(1L)));
        applied.changedAllocations().forEach(a -> allocations.put(a.invoiceId(), a));
        Map<String, Invoice> invoices = new LinkedHashMap<>(b.invoices());
        applied.invoices().forEach(i -> invoices.put(i.id(), i));
        Payment payment = applied.payment().withVersion(9L);
        long toCredit = payment.applied().minor() - allocations.values().stream()
                .mapToLong(a -> a.amount().minor()).sum();
        CreditBalance balance = new CreditBalance("cus_1", Money.of(Math.max(0, toCredit), "JPY"), 2L);

        PaymentLedger.Result r = UnapplyLedger.unapply(payment, List.copyOf(allocations.values()), invoices,
                balance, "carol", "misapplied", PaymentLedgerManualTest.NOW);

        Payment after = r.payment();
        assertEquals(after.amount(), after.applied().plus(after.unapplied()).plus(after.refunded()),
                "received = applied + unapplied + refunded");
        assertTrue(after.applied().isZero());
        assertEquals(after.amount().minus(after.refunded()), after.unapplied());
        assertEquals(b.payment().refunded(), after.refunded(), "refunds are untouched");
        assertEquals(PaymentStatus.UNAPPLIED, after.status());
        for (Invoice now : r.invoices()) {
            Invoice was = invoices.get(now.id());
            assertEquals(was.amountPaid().minus(allocations.get(now.id()).amount()), now.amountPaid());
            assertEquals(now.total().minus(now.creditApplied()).minus(now.credited()).minus(now.amountPaid()),
                    now.amountDue());
            assertFalse(now.amountDue().isNegative());
            if (b.allocations().stream().noneMatch(a -> a.invoiceId().equals(now.id()))) {
                assertEquals(b.invoices().get(now.id()).amountPaid(), now.amountPaid(), "back where it was");
            }
            assertEquals(was.status() == InvoiceStatus.PAID, r.reopenedInvoiceIds().contains(now.id()));
            assertTrue(now.status() != InvoiceStatus.PAID, "something is due again on " + now.id());
        }
        assertTrue(r.changedAllocations().stream().allMatch(a -> a.amount().isZero()));
        if (toCredit > 0) {
            assertEquals(Money.zero(Currencies.of("JPY")), r.balanceAfter().balance(), "the credit is taken back");
        } else {
            assertTrue(r.creditEntries().isEmpty());
        }
    }
}
