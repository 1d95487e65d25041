package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
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
import io.periodic.billing.payments.Suggestions.Candidate;
import io.periodic.billing.payments.Suggestions.Suggestion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    static final Instant PAID = Instant.parse("2026-11-02T01:00:00Z");

    static Customer customer(String id, String name, String... payerNames) {
        return new Customer(id, name, id + "@example.jp", Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"),
                Locale.JAPAN, 30, TaxRate.ZERO, null, new Address("1", null, null, "Tokyo", null, "JP"), null,
                List.of(payerNames), PAID, 1L);
    }

    static Invoice invoice(String customerId, int n, long due, LocalDate dueDate) {
        Money amount = Money.of(due, "JPY");
        return new Invoice("inv_" + customerId + "_" + n, "INV-2026-" + String.format("%06d", n), customerId, null,
                Currencies.of("JPY"), InvoiceStatus.OPEN, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION,
                null, null, null, 1, amount, amount, TaxRate.ZERO, Money.zero(amount.currency()))),
                Money.zero(amount.currency()), Money.zero(amount.currency()), dueDate.minusDays(30), dueDate, null,
                null, null, PAID, PAID, 1L);
    }

    static Invoice invoice(String customerId, int n, long due) {
        return invoice(customerId, n, due, LocalDate.of(2026, 10, 31));
    }

    static Payment payment(long minor, String payerName, String remittance) {
        return new Payment(Payment.idFor("zengin", "e1"), "zengin", "e1", Money.of(minor, "JPY"),
                new Payer(payerName, null, null, null), remittance, PAID, PaymentStatus.UNAPPLIED,
                Money.zero(Currencies.of("JPY")), Money.zero(Currencies.of("JPY")), null, "not identified", 1L);
    }

    static final Customer YAMADA = customer("cus_yamada", "株式会社山田商事", "ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ");
    static final Customer SUZUKI = customer("cus_suzuki", "鈴木工業株式会社", "ｽｽﾞｷｺｳｷﾞｮｳ(ｶ");

    static double value(Suggestion s, String kind) {
        return s.reasons().stream().filter(r -> r.kind().equals(kind)).mapToDouble(Suggestions.Reason::value)
                .findFirst().orElse(0);
    }

    @Test
    void aTypoedKanaNameWithTheExactAmountRanksItsCustomerFirstSayingWhichVariantMatched() {
        List<Suggestion> ranked = Suggestions.rank(payment(55_000, "ﾔﾏﾀｼｮｳｼﾞ(ｶ", null), List.of(
                new Candidate(SUZUKI, List.of(invoice("cus_suzuki", 1, 55_000))),
                new Candidate(YAMADA, List.of(invoice("cus_yamada", 2, 55_000)))), 5);
        assertEquals("cus_yamada", ranked.get(0).customerId());
        Suggestions.Reason name = ranked.get(0).reasons().get(0);
        assertEquals("name", name.kind());
        assertTrue(name.value() > 0.9 && name.text().contains("its payer name ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ"), name.text());
        assertEquals(1.0, value(ranked.get(0), "amount"));
        assertTrue(ranked.get(0).score() > ranked.get(1).score());
    }

    @Test
    void eachAmountReasonScoresAsDocumented() {
        Customer c = YAMADA;
        List<Invoice> open = List.of(invoice("cus_yamada", 1, 10_000), invoice("cus_yamada", 2, 20_000),
                invoice("cus_yamada", 3, 33_000));
        double exact = value(Suggestions.rank(payment(20_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null), List.of(new Candidate(c, open)), 1)
                .get(0), "amount");
        List<Suggestion> group = Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(c, open)), 5);
        List<Suggestion> fee = Suggestions.rank(payment(32_560, "ﾔﾏﾀﾞｼｮｳｼﾞ", null), List.of(new Candidate(c, open)), 5);
        List<Suggestion> other = Suggestions.rank(payment(5_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null), List.of(new Candidate(c, open)), 5);
        assertEquals(Suggestions.AMOUNT_EXACT, exact);
        assertEquals(Suggestions.AMOUNT_GROUP, value(group.get(0), "amount"));
        assertEquals(2, group.get(0).applications().size());
        assertEquals(Suggestions.AMOUNT_FEE, value(fee.get(0), "amount"));
        assertEquals(List.of(new PaymentMatching.Application("inv_cus_yamada_3", Money.of(32_560, "JPY"))),
                fee.get(0).applications());
        assertTrue(fee.get(0).reasons().get(1).text().contains("short"), fee.get(0).reasons().get(1).text());
        assertEquals(Suggestions.AMOUNT_OTHER, value(other.get(0), "amount"));
        assertTrue(group.get(0).score() > fee.get(0).score() && fee.get(0).score() > other.get(0).score());
    }

    @Test
    void aReferenceOrAFragmentOfItRaisesTheScoreAndPicksTheNamedInvoice() {
        List<Invoice> open = List.of(invoice("cus_yamada", 123, 10_000), invoice("cus_yamada", 456, 10_000));
        Suggestion none = Suggestions.rank(payment(10_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null), List.of(new Candidate(YAMADA, open)), 1)
                .get(0);
        Suggestion fragment = Suggestions.rank(payment(10_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", "ｾｲｷｭｳ 456"),
                List.of(new Candidate(YAMADA, open)), 1).get(0);
        Suggestion full = Suggestions.rank(payment(10_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", "INV-2026-000456"),
                List.of(new Candidate(YAMADA, open)), 1).get(0);
        assertEquals("inv_cus_yamada_123", none.applications().get(0).invoiceId(), "the oldest without a reference");
        assertEquals("inv_cus_yamada_456", fragment.applications().get(0).invoiceId());
        assertEquals(Suggestions.REFERENCE_FRAGMENT, value(fragment, "reference"));
        assertEquals("inv_cus_yamada_456", full.applications().get(0).invoiceId());
        assertEquals(Suggestions.REFERENCE_FULL, value(full, "reference"));
        assertTrue(full.score() > fragment.score() && fragment.score() > none.score());
        assertEquals(none.score() + Suggestions.WEIGHT_REFERENCE, full.score(), 1e-9);
    }

    @Test
    void aPaymentFarFromTheDueDateScoresLowerOnDate() {
        Suggestion onTime = Suggestions.rank(payment(10_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null), List.of(new Candidate(YAMADA,
                List.of(invoice("cus_yamada", 1, 10_000, LocalDate.of(2026, 10, 31))))), 1).get(0);
        Suggestion late = Suggestions.rank(payment(10_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null), List.of(new Candidate(YAMADA,
                List.of(invoice("cus_yamada", 1, 10_000, LocalDate.of(2026, 9, 1))))), 1).get(0);
        assertEquals(1.0, value(onTime, "date"));
        assertEquals(0.0, value(late, "date"));
        assertEquals(onTime.score() - Suggestions.WEIGHT_DATE, late.score(), 1e-9);
    }

    @Test
    void anEmailOrCustomerReferenceIsIdentity() {
        Payment p = new Payment(Payment.idFor("zengin", "e2"), "zengin", "e2", Money.of(10_000, "JPY"),
                new Payer("Someone Else", "CUS_YAMADA@example.jp", null, null), null, PAID, PaymentStatus.UNAPPLIED,
                Money.zero(Currencies.of("JPY")), Money.zero(Currencies.of("JPY")), null, "x", 1L);
        Suggestion s = Suggestions.rank(p, List.of(new Candidate(YAMADA, List.of(invoice("cus_yamada", 1, 10_000)))),
                1).get(0);
        assertEquals("identity", s.reasons().get(0).kind());
        assertEquals(1.0, s.reasons().get(0).value());
    }

    @Test
    void idsAreStableDerivedFromContentAndChangeWithIt() {
        List<Invoice> open = List.of(invoice("cus_yamada", 1, 10_000), invoice("cus_yamada", 2, 20_000));
        List<Suggestion> first = Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞ", null), List.of(new Candidate(YAMADA, open)), 5);
        List<Suggestion> again = Suggestions.rank(payment(30_000, "ﾔﾏﾀﾞ", null), List.of(new Candidate(YAMADA, open)), 5);
        assertEquals(first, again);
        assertTrue(Suggestions.ID.matcher(first.get(0).id()).matches(), first.get(0).id());
        assertEquals(Suggestions.idOf("cus_yamada", List.of(
                new PaymentMatching.Application("inv_b", Money.of(1, "JPY")),
                new PaymentMatching.Application("inv_a", Money.of(2, "JPY")))),
                Suggestions.idOf("cus_yamada", List.of(new PaymentMatching.Application("inv_a", Money.of(2, "JPY")),
                        new PaymentMatching.Application("inv_b", Money.of(1, "JPY")))));
        assertNotEquals(Suggestions.idOf("cus_yamada", List.of(
                new PaymentMatching.Application("inv_a", Money.of(2, "JPY")))),
                Suggestions.idOf("cus_yamada", List.of(new PaymentMatching.Application("inv_a", Money.of(3, "JPY")))));
    }

    @Test
    void rankingIsByScoreOldestFirstOnTiesBoundedAndSkipsOtherCurrencies() {
        Customer usd = new Customer("cus_usd", "Yamada Shoji", "y@example.com", Currencies.of("USD"),
                ZoneId.of("UTC"), Locale.US, 30, TaxRate.ZERO, null, new Address("1", null, null, "X", null, "US"),
                null, List.of(), PAID, 1L);
        List<Invoice> open = List.of(invoice("cus_yamada", 1, 10_000), invoice("cus_yamada", 2, 10_000),
                invoice("cus_yamada", 3, 10_000));
        List<Suggestion> ranked = Suggestions.rank(payment(10_000, "ﾔﾏﾀﾞｼｮｳｼﾞ", null),
                List.of(new Candidate(usd, List.of()), new Candidate(YAMADA, open)), 2);
        assertEquals(2, ranked.size());
        assertTrue(ranked.stream().allMatch(s -> s.customerId().equals("cus_yamada")));
        assertEquals("inv_cus_yamada_1", ranked.get(0).applications().get(0).invoiceId());
        assertEquals("inv_cus_yamada_2", ranked.get(1).applications().get(0).invoiceId());
        assertTrue(ranked.get(0).score() >= ranked.get(1).score());
    }
}
