package io.periodic.billing.payments;

import static io.periodic.billing.payments.SuggestionsTest.invoice;
import static io.periodic.billing.payments.SuggestionsTest.payment;
import static io.periodic.billing.payments.SuggestionsTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PayerHabits.PastPayment;
import io.periodic.billing.payments.Suggestions.Candidate;
import io.periodic.billing.payments.Suggestions.Suggestion;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payer habits in the suggestions (docs/suggestions.md) and the customer's bank-fee tolerance for fee-short sets. */
class SuggestionsHabitsTest {
    // two customers the payer's name cannot tell apart, each owing 10,000 + 20,000 due 2026-10-31
    private static final Customer A = SuggestionsTest.customer("cus_a", "株式会社山田商事", "ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ");
    private static final Customer B = SuggestionsTest.customer("cus_b", "株式会社山田商事", "ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ");

    private static List<Invoice> open(String customerId) {
        return List.of(invoice(customerId, 1, 10_000), invoice(customerId, 2, 20_000));
    }

    private static long habitReasons(Suggestion s) {
        return s.reasons().stream().filter(r -> r.kind().equals("habit")).count();
    }

    @Test
    void theUsualGroupSizeRanksTheCustomerWhoPaysThatWayFirstAmongEqualCandidates() {
        List<Suggestion> without = Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(A, open("cus_a")), new Candidate(B, open("cus_b"))), 5);
        assertEquals("cus_a", without.get(0).customerId()); // a tie keeps the candidates' order
        assertEquals(without.get(0).score(), without.get(1).score());

        PayerHabits pairs = PayerHabits.of(List.of(new PastPayment(2, 40), new PastPayment(2, 30),
                new PastPayment(2, 50), new PastPayment(1, 45)));
        assertEquals(2, pairs.groupSize());
        List<Suggestion> with = Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(A, open("cus_a")), new Candidate(B, open("cus_b"), null, pairs)), 5);
        Suggestion first = with.get(0);
        assertEquals("cus_b", first.customerId());
        assertEquals(2, first.applications().size());
        assertEquals(1, habitReasons(first)); // paid 2 days after the due date: not its usual 40
        assertTrue(first.reasons().stream().anyMatch(r -> r.kind().equals("habit")
                && r.text().contains("usually pays 2 invoices together")), first.reasons().toString());
        double base = without.get(0).score();
        assertEquals(Math.round((1 - (1 - base) * (1 - Suggestions.WEIGHT_HABIT)) * 10_000) / 10_000.0,
                first.score(), 1e-4);
        assertEquals(base, with.get(1).score()); // the other customer's score is unchanged
    }

    @Test
    void theUsualLatenessFitsWithinThreeDaysAndSaysHowLateThePayerUsuallyIs() {
        // the payment is dated 2026-11-02 in Tokyo, 2 days after the due date
        PayerHabits threeLate = PayerHabits.of(List.of(new PastPayment(1, 3), new PastPayment(1, 5),
                new PastPayment(1, 2)));
        PayerHabits twentyLate = PayerHabits.of(List.of(new PastPayment(1, 20), new PastPayment(1, 21),
                new PastPayment(1, 19)));
        assertEquals(3, threeLate.daysLate());
        assertNull(threeLate.groupSize());
        List<Suggestion> ranked = Suggestions.rank(payment(10_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null), List.of(
                new Candidate(A, List.of(invoice("cus_a", 1, 10_000)), null, twentyLate),
                new Candidate(B, List.of(invoice("cus_b", 1, 10_000)), null, threeLate)), 5);
        assertEquals("cus_b", ranked.get(0).customerId());
        assertTrue(ranked.get(0).reasons().stream().anyMatch(r -> r.kind().equals("habit")
                && r.text().contains("usually pays about 3 days late")), ranked.get(0).reasons().toString());
        assertEquals(0, habitReasons(ranked.get(1)));
        assertTrue(ranked.get(0).score() > ranked.get(1).score());
    }

    @Test
    void aPerfectSuggestionWithBothHabitsStaysAtOne() {
        PayerHabits habits = new PayerHabits(2, 2, 6);
        Suggestion s = Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", "cus_a INV-2026-000001 INV-2026-000002"),
                List.of(new Candidate(A, open("cus_a"), null, habits)), 1).get(0);
        assertEquals(2, habitReasons(s));
        assertTrue(s.score() <= 1 && s.score() > 0.9, "score " + s.score());
        s.reasons().forEach(r -> assertTrue(r.value() >= 0 && r.value() <= 1, r.toString()));
    }

    @Test
    void fewerThanThreePaymentsMakeNoHabit() {
        PayerHabits two = PayerHabits.of(List.of(new PastPayment(2, 3), new PastPayment(2, 3)));
        assertNull(two.groupSize());
        assertNull(two.daysLate());
        List<Suggestion> ranked = Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(A, open("cus_a")), new Candidate(B, open("cus_b"), null, two)), 5);
        assertEquals("cus_a", ranked.get(0).customerId());
        assertEquals(ranked.get(0).score(), ranked.get(1).score());
        assertEquals(0, habitReasons(ranked.get(1)));
        // three payments, but no group size paid three times: a lateness habit only (lower median of an even count)
        PayerHabits mixed = PayerHabits.of(List.of(new PastPayment(2, 1), new PastPayment(2, 9),
                new PastPayment(3, 4), new PastPayment(1, 6)));
        assertNull(mixed.groupSize());
        assertEquals(4, mixed.daysLate());
    }

    @Test
    void habitsNeverMakeASuggestionOutOfNothing() {
        PayerHabits habits = new PayerHabits(2, 2, 6);
        assertTrue(Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(A, List.of(), null, habits)), 5).isEmpty());
        List<Suggestion> with = Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(A, open("cus_a"), null, habits)), 5);
        List<Suggestion> without = Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(A, open("cus_a"))), 5);
        assertEquals(without.stream().map(Suggestion::id).sorted().toList(),
                with.stream().map(Suggestion::id).sorted().toList());
    }

    @Test
    void theCustomersFeeToleranceBoundsTheFeeShortSet() {
        List<Invoice> due = List.of(invoice("cus_a", 1, 31_500, LocalDate.of(2026, 10, 31)));
        // 1,500 short: beyond the constant (1,000 or 1 %), within a tolerance of 2,000
        assertEquals(0.2, value(Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(A, due)), 1).get(0), "amount"));
        assertEquals(0.7, value(Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(A, due, Money.of(2_000, "JPY"), null)), 1).get(0), "amount"));
        // 500 short: within the constant, beyond a tolerance of 300; zero turns fee-short off
        List<Invoice> small = List.of(invoice("cus_a", 1, 30_500, LocalDate.of(2026, 10, 31)));
        assertEquals(0.7, value(Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(A, small)), 1).get(0), "amount"));
        assertEquals(0.2, value(Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(A, small, Money.of(300, "JPY"), null)), 1).get(0), "amount"));
        assertEquals(0.2, value(Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(A, small, Money.zero(A.currency()), null)), 1).get(0), "amount"));
    }
}
