package io.periodic.billing.payments;

import static io.periodic.billing.payments.PaymentMatchingTest.CUSTOMER;
import static io.periodic.billing.payments.PaymentMatchingTest.invoice;
import static io.periodic.billing.payments.PaymentMatchingTest.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The extended ledger invariant over random open invoices, tolerances and payments (many of them a subset of the
 * invoices less a random shortfall, so the rule is exercised): whatever the cascade decides and the ledger applies,
 * <ul>
 *   <li>received + fee written off = what the invoices took (cash and fee) + credit + unapplied + refunded;
 *   <li>every invoice: total − credit applied − credited − paid − written off = amount due ≥ 0; what it took from
 *       this payment is its allocation plus its write-off; one written off is paid;
 *   <li>a fee is written off only under {@code fee-tolerance}, for an identified customer, never more than the
 *       tolerance, and only on an invoice that also got cash.
 * </ul>
 */
class FeeTolerancePropertiesTest {

    record Scenario(List<Long> dues, long tolerance, boolean identified, List<Boolean> picked, long shortfall,
            long randomAmount, boolean derived) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Combinators.combine(Arbitraries.longs().between(1, 200_000).list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.longs().between(0, 1_000), Arbitraries.of(true, true, true, false),
                Arbitraries.of(true, false).list().ofSize(8), Arbitraries.longs().between(0, 1_200),
                Arbitraries.longs().between(1, 900_000), Arbitraries.of(true, true, false)).as(Scenario::new);
    }

    @Property(tries = 2_000)
    void theExtendedInvariantHolds(@ForAll("scenarios") Scenario s) {
        List<Invoice> open = new ArrayList<>();
        long subset = 0;
        for (int i = 0; i < s.dues().size(); i++) {
            open.add(invoice(i + 1, s.dues().get(i), "JPY"));
            subset += s.picked().get(i) ? s.dues().get(i) : 0;
        }
        long amount = s.derived() && subset - s.shortfall() > 0 ? subset - s.shortfall() : s.randomAmount();
        Payment p = payment(amount, "JPY");
        Money tolerance = Money.of(s.tolerance(), "JPY");
        PaymentMatching.Decision d = PaymentMatching.decide(new PaymentMatching.Context(p, List.of(),
                s.identified() ? CUSTOMER : null, "e-mail", open, null, tolerance));
        PaymentLedger.Result r = FeeToleranceMatchingTest.apply(p, d, open);
        Statistics.collect(d.rule());
        Statistics.coverage(check -> check.check("fee-tolerance").percentage(share -> share > 10));

        Money fee = r.payment().feeWrittenOff();
        assertEquals(d.feeWrittenOff(), fee);
        Map<String, Invoice> before = new HashMap<>();
        open.forEach(i -> before.put(i.id(), i));
        long taken = 0;
        for (Invoice after : r.invoices()) {
            Invoice was = before.get(after.id());
            assertEquals(after.total().minus(after.creditApplied()).minus(after.credited()).minus(after.amountPaid())
                    .minus(after.writtenOff()), after.amountDue());
            assertFalse(after.amountDue().isNegative());
            long cash = r.newAllocations().stream().filter(a -> a.invoiceId().equals(after.id()))
                    .mapToLong(a -> a.amount().minor()).sum();
            long written = after.writtenOff().minus(was.writtenOff()).minor();
            assertEquals(after.amountPaid().minus(was.amountPaid()).minor(), cash);
            if (written > 0) {
                assertTrue(cash > 0, "a write-off only beside cash");
                assertEquals(InvoiceStatus.PAID, after.status());
                assertTrue(after.amountDue().isZero());
            }
            taken += cash + written;
        }
        Money credit = r.balanceAfter() == null ? Money.zero(p.amount().currency())
                : r.creditEntries().stream().map(e -> e.amount()).reduce(Money.zero(p.amount().currency()),
                        Money::plus);
        Payment after = r.payment();
        assertEquals(after.amount().plus(fee).minor(),
                taken + credit.minor() + after.unapplied().minor() + after.refunded().minor(),
                "received + fee written off = taken by invoices + credit + unapplied + refunded");
        assertEquals(after.amount(), after.applied().plus(after.unapplied()).plus(after.refunded()));
        if (fee.isPositive()) {
            assertEquals("fee-tolerance", d.rule());
            assertTrue(s.identified(), "never for an unidentified payer");
            assertFalse(fee.isGreaterThan(tolerance), "never more than the tolerance");
        } else {
            assertFalse(d.rule().equals("fee-tolerance"));
        }
    }
}
