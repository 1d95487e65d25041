package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Address;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PaymentMatchingTest {
    static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    static final Customer CUSTOMER = new Customer("cus_1", "Acme", "ap@acme.example", Currencies.of("JPY"),
            ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.ZERO, null,
            new Address("1", null, null, "Tokyo", null, "JP"), NOW, 1L);

    static Invoice invoice(int n, long due, String currency) {
        Money amount = Money.of(due, currency);
        return new Invoice("inv_" + n, "INV-2026-" + String.format("%06d", n), "cus_1", null,
                Currencies.of(currency), InvoiceStatus.OPEN, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION,
                null, null, null, 1, amount, amount, TaxRate.ZERO, Money.zero(amount.currency()))),
                Money.zero(amount.currency()), Money.zero(amount.currency()), LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 1).plusDays(n), null, null, null, NOW, NOW, 1L);
    }

    static Payment payment(long minor, String currency) {
        return new Payment(Payment.idFor("bank", "e1"), "bank", "e1", Money.of(minor, currency), Payer.UNKNOWN, null,
                NOW, PaymentStatus.RECEIVED, Money.zero(Currencies.of(currency)), Money.zero(Currencies.of(currency)),
                null, null, 1L);
    }

    /** The cascade's choice alone: threshold 0 applies every decision (holding is {@code MatchConfidenceTest}'s). */
    static PaymentMatching.Decision decide(Payment p, List<Invoice> referenced, Customer customer, List<Invoice> open) {
        return PaymentMatching.decide(new PaymentMatching.Context(p, referenced, customer, "e-mail", open, null, null,
                0));
    }

    @Test
    void referenceWinsAndTheExcessGoesToCredit() {
        Invoice a = invoice(1, 10_000, "JPY");
        PaymentMatching.Decision d = decide(payment(12_000, "JPY"), List.of(a), null, List.of());
        assertEquals("reference", d.rule());
        assertEquals(List.of(new PaymentMatching.Application("inv_1", Money.of(10_000, "JPY"))), d.applications());
        assertEquals(Money.of(2_000, "JPY"), d.toCredit());
        assertEquals("cus_1", d.customerId());
        assertTrue(d.unapplied().isZero());
    }

    @Test
    void aCustomerIdentifiedByItsPayerNameIsRecordedUnderRulePayerNameWithHowTheAmountWasApplied() {
        List<Invoice> open = List.of(invoice(1, 5_000, "JPY"), invoice(2, 7_000, "JPY"));
        String how = "its payer name ｶ)ｱｸﾐ (the payer ｱｸﾐ(ｶ has the same bank key アクミ)";
        PaymentMatching.Decision exact = PaymentMatching.decide(new PaymentMatching.Context(payment(7_000, "JPY"),
                List.of(), CUSTOMER, how, open, "payer-name"));
        assertEquals("payer-name", exact.rule());
        assertEquals("inv_2", exact.applications().get(0).invoiceId());
        assertTrue(exact.reason().contains(how) && exact.reason().contains("the amount equals what is due on "
                + "INV-2026-000002"), exact.reason());
        PaymentMatching.Decision group = PaymentMatching.decide(new PaymentMatching.Context(payment(12_000, "JPY"),
                List.of(), CUSTOMER, how, open, "payer-name"));
        assertEquals("payer-name", group.rule());
        assertEquals(2, group.applications().size());

        PaymentMatching.Decision named = PaymentMatching.decide(new PaymentMatching.Context(payment(5_000, "JPY"),
                List.of(open.get(0)), CUSTOMER, how, open, "payer-name"));
        assertEquals("reference", named.rule(), "an invoice the payment names wins, under its own rule");
        PaymentMatching.Decision usd = PaymentMatching.decide(new PaymentMatching.Context(payment(50, "USD"),
                List.of(), CUSTOMER, how, open, "payer-name"));
        assertEquals("unapplied", usd.rule(), "a currency mismatch is still held");
    }

    @Test
    void exactAmountOfOneInvoiceOldestFirst() {
        List<Invoice> open = List.of(invoice(1, 5_000, "JPY"), invoice(2, 7_000, "JPY"), invoice(3, 7_000, "JPY"));
        PaymentMatching.Decision d = decide(payment(7_000, "JPY"), List.of(), CUSTOMER, open);
        assertEquals("exact-amount", d.rule());
        assertEquals("inv_2", d.applications().get(0).invoiceId());
    }

    @Test
    void sumOfSeveralInvoices() {
        List<Invoice> open = List.of(invoice(1, 5_000, "JPY"), invoice(2, 7_000, "JPY"), invoice(3, 4_000, "JPY"),
                invoice(4, 1_000, "JPY"));
        PaymentMatching.Decision d = decide(payment(10_000, "JPY"), List.of(), CUSTOMER, open);
        assertEquals("invoice-group", d.rule());
        assertEquals(List.of("inv_1", "inv_3", "inv_4"),
                d.applications().stream().map(PaymentMatching.Application::invoiceId).toList());
    }

    @Test
    void shortAndOverPaymentsOldestFirst() {
        List<Invoice> open = List.of(invoice(1, 5_000, "JPY"), invoice(2, 7_000, "JPY"));
        PaymentMatching.Decision short_ = decide(payment(6_000, "JPY"), List.of(), CUSTOMER, open);
        assertEquals("oldest-first", short_.rule());
        assertEquals(List.of(Money.of(5_000, "JPY"), Money.of(1_000, "JPY")),
                short_.applications().stream().map(PaymentMatching.Application::amount).toList());
        PaymentMatching.Decision over = decide(payment(13_500, "JPY"), List.of(), CUSTOMER, open);
        assertEquals(Money.of(1_500, "JPY"), over.toCredit());
    }

    @Test
    void unidentifiedOrCurrencyMismatchIsHeldUnapplied() {
        PaymentMatching.Decision nobody = decide(payment(6_000, "JPY"), List.of(), null, List.of());
        assertEquals("unapplied", nobody.rule());
        assertEquals(Money.of(6_000, "JPY"), nobody.unapplied());
        PaymentMatching.Decision wrongCurrency = decide(payment(60, "USD"), List.of(invoice(1, 5_000, "JPY")), null,
                List.of());
        assertTrue(wrongCurrency.unappliedReason().startsWith("currency mismatch"), wrongCurrency.unappliedReason());
        PaymentMatching.Decision customerCurrency = decide(payment(60, "USD"), List.of(), CUSTOMER, List.of());
        assertTrue(customerCurrency.unappliedReason().startsWith("currency mismatch"));
    }

    @Test
    void aPaidInvoiceNamedFallsThroughToTheCustomer() {
        Invoice paid = invoice(1, 5_000, "JPY").withPayment(Money.of(5_000, "JPY"), InvoiceStatus.PAID);
        PaymentMatching.Decision d = decide(payment(5_000, "JPY"), List.of(paid), CUSTOMER, List.of());
        assertEquals("oldest-first", d.rule());
        assertEquals(Money.of(5_000, "JPY"), d.toCredit());
        assertTrue(d.reason().contains("paid"), d.reason());
    }

    @Test
    void ledgerAppliesThenARefundReopensTheNewestInvoice() {
        Invoice a = invoice(1, 5_000, "JPY");
        Invoice b = invoice(2, 7_000, "JPY");
        Map<String, Invoice> byId = List.of(a, b).stream().collect(Collectors.toMap(Invoice::id, Function.identity()));
        Payment p = payment(13_000, "JPY");
        PaymentMatching.Decision d = decide(p, List.of(), CUSTOMER, List.of(a, b));
        PaymentLedger.Result applied = PaymentLedger.apply(p, d, byId,
                CreditBalance.empty("cus_1", Currencies.of("JPY")), NOW);
        assertEquals(PaymentStatus.APPLIED, applied.payment().status());
        assertEquals(List.of("inv_1", "inv_2"), applied.paidInvoiceIds());
        assertEquals(Money.of(1_000, "JPY"), applied.balanceAfter().balance());
        ledgerHolds(applied.payment());

        Map<String, Invoice> after = applied.invoices().stream()
                .collect(Collectors.toMap(Invoice::id, Function.identity()));
        List<Allocation> allocations = applied.newAllocations().stream()
                .map(x -> x.withVersion(1L)).toList();
        Refund refund = new Refund(p.id(), "re_1", Refund.Kind.REFUND, Money.of(4_000, "JPY"), Refund.Status.WAITING,
                NOW, 1L);
        PaymentLedger.Result refunded = RefundLedger.refund(applied.payment().withVersion(2L), refund, allocations,
                after, applied.balanceAfter(), NOW.plusSeconds(60));
        assertEquals(List.of("inv_2"), refunded.reopenedInvoiceIds(), "the newest allocation gives back first");
        Invoice reopened = refunded.invoices().get(0);
        assertEquals(InvoiceStatus.OPEN, reopened.status());
        assertEquals(Money.of(4_000, "JPY"), refunded.payment().refunded());
        ledgerHolds(refunded.payment());
        // The allocation covered the refund; the customer's 1,000 of credit then pays part of the reopened invoice,
        // in the same result (one transaction).
        assertEquals(Money.of(3_000, "JPY"), reopened.amountDue());
        assertEquals(Money.of(1_000, "JPY"), reopened.creditApplied());
        assertEquals(1, refunded.creditEntries().size());
        assertEquals(Money.of(-1_000, "JPY"), refunded.creditEntries().get(0).amount());
        assertEquals("credit-used:" + p.id() + ":re_1", refunded.creditEntries().get(0).id());
        assertTrue(refunded.balanceAfter().balance().isZero());
    }

    static void ledgerHolds(Payment p) {
        assertEquals(p.amount(), p.applied().plus(p.unapplied()).plus(p.refunded()), "received = applied + unapplied + refunded");
    }
}
