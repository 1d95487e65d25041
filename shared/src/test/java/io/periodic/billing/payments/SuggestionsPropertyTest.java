package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.Suggestions.Candidate;
import io.periodic.billing.payments.Suggestions.Suggestion;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class SuggestionsPropertyTest {
    private static final String[] NAMES = {"ﾔﾏﾀﾞｼｮｳｼﾞ", "ｽｽﾞｷｺｳｷﾞｮｳ", "ｻﾄｳﾃﾞﾝｷ", "ﾀﾅｶｼｮｳｶｲ", "ACME TRADING"};

    @Property(tries = 200)
    void theScoreIsAlwaysWithinZeroAndOne(@ForAll @LongRange(min = 1, max = 10_000_000) long amount,
            @ForAll @StringLength(max = 30) String payerName, @ForAll @StringLength(max = 40) String remittance,
            @ForAll @IntRange(min = 0, max = 6) int invoices, @ForAll @IntRange(min = -400, max = 400) int dueOffset,
            @ForAll @IntRange(min = 0, max = 6) int usualGroup, @ForAll @IntRange(min = -90, max = 90) int usualLate,
            @ForAll @LongRange(min = 0, max = 20_000) long tolerance) {
        // any habits (a usual group size below 2 means none) and any customer fee tolerance keep it in [0, 1]
        PayerHabits habits = new PayerHabits(usualGroup < 2 ? null : usualGroup, usualLate, 5);
        List<Invoice> open = new ArrayList<>();
        for (int i = 0; i < invoices; i++) {
            open.add(SuggestionsTest.invoice("cus_a", i + 1, 1 + (amount * (i + 1)) % 9_000_000,
                    LocalDate.of(2026, 10, 31).plusDays(dueOffset + i)));
        }
        List<Suggestion> ranked = Suggestions.rank(SuggestionsTest.payment(amount, payerName, remittance),
                List.of(new Candidate(SuggestionsTest.customer("cus_a", "株式会社山田商事", "ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ"), open,
                        Money.of(tolerance, "JPY"), habits)), 5);
        for (Suggestion s : ranked) {
            assertTrue(s.score() >= 0 && s.score() <= 1, "score " + s.score());
            s.reasons().forEach(r -> assertTrue(r.value() >= 0 && r.value() <= 1, r.toString()));
        }
    }

    @Property(tries = 200)
    void theLabelledCustomerOfACleanExactAmountPaymentRanksFirst(@ForAll @IntRange(min = 0, max = 4) int right,
            @ForAll @LongRange(min = 100, max = 5_000_000) long amount, @ForAll @IntRange(min = 0, max = 3) int form) {
        List<Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < NAMES.length; c++) {
            String id = "cus_" + c;
            Customer customer = SuggestionsTest.customer(id, "Customer " + c, "ｶ)" + NAMES[c]);
            // every customer has an invoice of that amount: only the name tells them apart
            candidates.add(new Candidate(customer, List.of(SuggestionsTest.invoice(id, c + 1, amount),
                    SuggestionsTest.invoice(id, c + 11, amount + 7_777))));
        }
        String printed = switch (form) {
            case 0 -> NAMES[right];
            case 1 -> NAMES[right] + "(ｶ";
            case 2 -> "ｶ)" + NAMES[right];
            default -> "ｶﾌﾞｼｷｶﾞｲｼﾔ " + NAMES[right];
        };
        List<Suggestion> ranked = Suggestions.rank(SuggestionsTest.payment(amount, printed, null), candidates, 3);
        assertEquals("cus_" + right, ranked.get(0).customerId());
        assertEquals("inv_cus_" + right + "_" + (right + 1), ranked.get(0).applications().get(0).invoiceId());
    }
}
