package io.periodic.billing.payments;

import static io.periodic.billing.payments.PaymentMatchingTest.CUSTOMER;
import static io.periodic.billing.payments.PaymentMatchingTest.invoice;
import static io.periodic.billing.payments.PaymentMatchingTest.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The confidence table of automatic decisions and the auto-apply threshold (docs/matching-confidence.md). */
class MatchConfidenceTest {
    private static final Money FEE = Money.of(880, "JPY");

    /** The decision for a customer identified {@code how} (a rule of its own or null), at the threshold. */
    private static PaymentMatching.Decision decide(long amount, List<Invoice> referenced, String how, String rule,
            List<Invoice> open, int threshold) {
        return PaymentMatching.decide(new PaymentMatching.Context(payment(amount, "JPY"), referenced, CUSTOMER, how,
                open, rule, FEE, threshold));
    }

    private static final List<Invoice> OPEN = List.of(invoice(1, 10_000, "JPY"), invoice(2, 4_000, "JPY"));

    @Test
    void eachRuleAndIdentificationHasItsConfidence() {
        // amount rule x how the customer was identified -> basis points; threshold 0 so that every decision applies
        Object[][] rows = {
                {14_000L, "e-mail", null, "invoice-group", 10_000},
                {10_000L, "e-mail", null, "exact-amount", 10_000},
                {10_000L, "customer reference", null, "exact-amount", 10_000},
                {10_000L, "its virtual account 1", "virtual-account", "virtual-account", 10_000},
                {9_560L, "its virtual account 1", "virtual-account", "fee-tolerance", 10_000},
                {9_560L, "e-mail", null, "fee-tolerance", 10_000},
                {10_000L, "its payer name ﾔﾏﾀﾞ", "payer-name", "payer-name", 9_700},
                {14_000L, "its payer name ﾔﾏﾀﾞ", "payer-name", "payer-name", 9_500},
                {9_560L, "its payer name ﾔﾏﾀﾞ", "payer-name", "fee-tolerance", 9_300},
                {10_000L, "a payer alias learned by ann", "learned-alias", "learned-alias", 9_700},
                {13_560L, "a payer alias learned by ann", "learned-alias", "fee-tolerance", 9_300},
                {10_000L, "payer name", null, "exact-amount", 9_600},
                {14_000L, "payer name", null, "invoice-group", 9_400},
                {9_560L, "payer name", null, "fee-tolerance", 9_200},
                {7_000L, "e-mail", null, "oldest-first", 6_000},
                {7_000L, "the invoice it names", null, "oldest-first", 6_000},
                {7_000L, "its virtual account 1", "virtual-account", "virtual-account", 6_000},
                {7_000L, "its payer name ﾔﾏﾀﾞ", "payer-name", "payer-name", 5_000},
                {7_000L, "payer name", null, "oldest-first", 5_000},
        };
        for (Object[] row : rows) {
            PaymentMatching.Decision d = decide((Long) row[0], List.of(), (String) row[1], (String) row[2], OPEN, 0);
            assertEquals(row[3], d.rule(), () -> List.of(row).toString());
            assertEquals(row[4], d.confidence(), () -> List.of(row).toString());
            assertFalse(d.held(), () -> List.of(row).toString());
        }
    }

    @Test
    void aNamedInvoiceIsCertainFeeShortOrNotAndAnUnidentifiedPayerToo() {
        Invoice named = invoice(1, 10_000, "JPY");
        assertEquals(10_000, decide(6_000, List.of(named), "payer name", null, List.of(), 10_000).confidence());
        PaymentMatching.Decision feeShort = decide(9_560, List.of(named), "payer name", null, List.of(), 10_000);
        assertEquals("fee-tolerance", feeShort.rule());
        assertEquals(10_000, feeShort.confidence());
        assertEquals(1, feeShort.applications().size(), "applied at the highest threshold: certain");
        PaymentMatching.Decision nobody = PaymentMatching.decide(new PaymentMatching.Context(payment(10_000, "JPY"),
                List.of(named), null, null, List.of(), null, null, 10_000));
        assertEquals("reference", nobody.rule());
        assertEquals(10_000, nobody.confidence());
    }

    @Test
    void aDecisionEqualToTheThresholdAppliesOneBelowIsHeld() {
        PaymentMatching.Decision at = decide(10_000, List.of(), "payer name", null, OPEN, 9_600);
        assertEquals("exact-amount", at.rule());
        assertEquals(List.of(new PaymentMatching.Application("inv_1", Money.of(10_000, "JPY"))), at.applications());
        assertFalse(at.held());

        PaymentMatching.Decision above = decide(10_000, List.of(), "payer name", null, OPEN, 9_601);
        assertTrue(above.held());
        assertEquals("exact-amount", above.rule(), "the rule that would have applied is kept");
        assertEquals(9_600, above.confidence());
        assertTrue(above.applications().isEmpty() && above.toCredit().isZero() && above.writeOffs().isEmpty());
        assertEquals(Money.of(10_000, "JPY"), above.unapplied());
        assertEquals("cus_1", above.customerId(), "attributed, so that suggestions find the customer");
        assertTrue(above.unappliedReason().startsWith("held: exact-amount decision with confidence 0.96 is below the"
                + " auto-apply threshold 0.9601; see GET /payments/" + Payment.idFor("bank", "e1") + "/suggestions;"
                + " it would have: customer cus_1 identified by payer name; the amount equals what is due on"),
                above.unappliedReason());
    }

    @Test
    void theDefaultThresholdHoldsOldestFirstAndAppliesExactGroupAndFeeDecisions() {
        PaymentMatching.Decision oldest = PaymentMatching.decide(new PaymentMatching.Context(payment(7_000, "JPY"),
                List.of(), CUSTOMER, "e-mail", OPEN));
        assertTrue(oldest.held());
        assertEquals("held: oldest-first decision with confidence 0.60 is below the auto-apply threshold 0.90; see GET"
                + " /payments/" + Payment.idFor("bank", "e1") + "/suggestions; it would have: customer cus_1 identified"
                + " by e-mail; the amount matches no invoice, applied oldest first", oldest.unappliedReason());

        PaymentMatching.Decision renamed = decide(7_000, List.of(), "its payer name ﾔﾏﾀﾞ", "payer-name", OPEN,
                MatchConfidence.DEFAULT_THRESHOLD);
        assertTrue(renamed.unappliedReason().startsWith("held: payer-name (oldest-first) decision with confidence"
                + " 0.50 is below the auto-apply threshold 0.90"), renamed.unappliedReason());
        for (long amount : new long[] {10_000, 14_000, 9_560}) {
            PaymentMatching.Decision applied = decide(amount, List.of(), "its payer name ﾔﾏﾀﾞ", "payer-name", OPEN,
                    MatchConfidence.DEFAULT_THRESHOLD);
            assertFalse(applied.held(), "amount " + amount);
            assertFalse(applied.applications().isEmpty(), "amount " + amount);
        }
    }

    @Test
    void anOverpaymentWithNoOpenInvoiceIsCreditOnlyWhenTheThresholdAllowsOldestFirst() {
        Invoice paid = invoice(1, 10_000, "JPY").withPayment(Money.of(10_000, "JPY"), InvoiceStatus.PAID);
        PaymentMatching.Decision held = decide(10_000, List.of(paid), "the invoice it names", null, List.of(),
                MatchConfidence.DEFAULT_THRESHOLD);
        assertTrue(held.held());
        assertTrue(held.toCredit().isZero());
        PaymentMatching.Decision credit = decide(10_000, List.of(paid), "the invoice it names", null, List.of(), 0);
        assertEquals(Money.of(10_000, "JPY"), credit.toCredit());
    }

    @Test
    void unappliedDecisionsAreNeverHeldAndThresholdsOutsideTheRangeAreRefused() {
        PaymentMatching.Decision nobody = PaymentMatching.decide(new PaymentMatching.Context(payment(10_000, "JPY"),
                List.of(), null, null, OPEN));
        assertEquals("unapplied", nobody.rule());
        assertEquals(0, nobody.confidence());
        assertFalse(nobody.held());
        assertThrows(IllegalArgumentException.class, () -> decide(1, List.of(), "e-mail", null, OPEN, -1));
        assertThrows(IllegalArgumentException.class, () -> decide(1, List.of(), "e-mail", null, OPEN, 10_001));
    }

    @Test
    void confidencesPrintAsRatios() {
        assertEquals("0.60", MatchConfidence.format(6_000));
        assertEquals("1.00", MatchConfidence.format(10_000));
        assertEquals("0.00", MatchConfidence.format(0));
        assertEquals("0.925", MatchConfidence.format(9_250));
        assertEquals("0.9601", MatchConfidence.format(9_601));
    }
}
