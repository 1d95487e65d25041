package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.local.engines.Engines;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The ledger invariants over random sequences of payments, refunds and duplicate deliveries, in random order, on
 * DynamoDB Local. Each try builds the same customer and invoices twice (world A and world B), delivers the
 * notifications in order to A and shuffled with duplicates to B, and checks:
 * <ul>
 *   <li>every payment: received = applied + unapplied + refunded, none negative;
 *   <li>every invoice: total − credit applied − credited − paid = amount due ≥ 0;
 *   <li>duplicates change nothing: the same notifications delivered again (world B) end in exactly the state of
 *       world A, invoice by invoice;
 *   <li>order does not change the customer's ledger: shuffled and duplicated (world C) ends with the same
 *       unapplied cash, refunded total and net position (amounts due minus credit balance) as A. Which invoice an
 *       unreferenced payment lands on follows arrival order - money is applied when it arrives, as in any
 *       cash-application system - so per-invoice amounts may differ between A and C, never the totals.
 * </ul>
 */
class PaymentLedgerPropertiesTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private static final long[] INVOICES = {5_000, 7_000, 3_000};
    private static final BillingStore STORE = new BillingStore(Engines.dynamo().client(), BillingTable.LOGICAL_ID);

    /** One notification of the scenario, by invoice index (worlds differ in ids and numbers). */
    record Step(boolean refund, int payment, long amount, int invoiceRef, boolean identified) {}

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Step> payment = Combinators.combine(
                Arbitraries.integers().between(0, 5), Arbitraries.longs().between(1, 16_000),
                Arbitraries.integers().between(-1, 2), Arbitraries.of(true, false))
                .as((p, amount, ref, identified) -> new Step(false, p, amount, ref, identified));
        Arbitrary<Step> refund = Combinators.combine(Arbitraries.integers().between(0, 5),
                        Arbitraries.longs().between(1, 4_000))
                .as((p, amount) -> new Step(true, p, amount, -1, false));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, payment), net.jqwik.api.Tuple.of(1, refund))
                .list().ofMinSize(1).ofMaxSize(10);
    }

    private record World(Customer customer, List<Invoice> invoices, PaymentService service, String suffix) {}

    private World world() {
        String prefix = "L" + io.periodic.billing.model.Ids.randomLetters(7);
        STORE.settings().putSeller(new SellerProfile("S", new Address("1", null, null, "T", null, "JP"), "s@s.example",
                null, null, null, null, null, prefix, null));
        Customer customer = STORE.customers().create(new Customer(Ids.newId("cus"), "Prop " + prefix,
                "ap@" + prefix.toLowerCase(Locale.ROOT) + ".example", Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"),
                Locale.JAPAN, 30, TaxRate.ZERO, null, new Address("1", null, null, "T", null, "JP"), NOW, null));
        List<Invoice> invoices = new ArrayList<>();
        for (int i = 0; i < INVOICES.length; i++) {
            Money net = Money.of(INVOICES[i], "JPY");
            Money zero = Money.zero(Currencies.of("JPY"));
            Invoice draft = STORE.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                    Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION,
                    null, null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 10, 1),
                    LocalDate.of(2026, 11, 1 + i), null, null, null, NOW, null, null));
            Finalization.Plan plan = Finalization.plan(draft, STORE.invoices().sequence(
                    Finalization.seriesOf(draft, prefix)), STORE.credit().balance(customer.id(), customer.currency()), NOW);
            invoices.add(STORE.invoices().commitFinalization(plan.invoice(), plan.sequenceAfter(), null, null));
        }
        return new World(customer, invoices, new PaymentService(STORE, e -> { }, () -> NOW), prefix);
    }

    private static PaymentNotification notification(World w, Step s, int index) {
        String paymentId = w.suffix() + "-p" + s.payment();
        if (s.refund()) {
            return new PaymentNotification(PaymentNotification.Kind.REFUNDED, "bank", "e" + index, paymentId,
                    paymentId + "-r" + index, Money.of(s.amount(), "JPY"), Payer.UNKNOWN, null, null, NOW);
        }
        Payer payer = s.identified() ? new Payer(null, w.customer().email(), null, null) : Payer.UNKNOWN;
        String reference = s.invoiceRef() < 0 ? null : w.invoices().get(s.invoiceRef()).number();
        return new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "e" + index, paymentId, null,
                Money.of(s.amount(), "JPY"), payer, reference, null, NOW);
    }

    /** Each payment id is one payment: later steps reuse the first amount (a provider never changes it). */
    private static List<Step> consistent(List<Step> steps) {
        java.util.Map<Integer, Step> first = new java.util.HashMap<>();
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            if (!s.refund()) {
                Step f = first.putIfAbsent(s.payment(), s);
                out.add(f == null ? s : f);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private record Summary(List<Long> due, long credit, long unapplied, long refunded, long netPosition) {}

    private Summary summarise(World w, int payments) {
        List<Long> due = new ArrayList<>();
        long totalDue = 0;
        for (Invoice i : w.invoices()) {
            Invoice now = STORE.invoices().get(i.id()).orElseThrow();
            Money expected = now.total().minus(now.creditApplied()).minus(now.credited()).minus(now.amountPaid());
            assertEquals(expected, now.amountDue());
            assertFalse(now.amountDue().isNegative(), "amount due never negative");
            due.add(now.amountDue().minor());
            totalDue += now.amountDue().minor();
        }
        long unapplied = 0;
        long refunded = 0;
        for (int p = 0; p < payments; p++) {
            var payment = STORE.payments().getByProviderId("bank", w.suffix() + "-p" + p);
            if (payment.isEmpty()) {
                continue;
            }
            Payment pay = payment.get();
            assertEquals(pay.amount(), pay.applied().plus(pay.unapplied()).plus(pay.refunded()),
                    "received = applied + unapplied + refunded");
            assertFalse(pay.applied().isNegative() || pay.unapplied().isNegative() || pay.refunded().isNegative());
            unapplied += pay.unapplied().minor();
            refunded += pay.refunded().minor();
        }
        long credit = STORE.credit().balance(w.customer().id(), w.customer().currency()).balance().minor();
        return new Summary(due, credit, unapplied, refunded, totalDue - credit);
    }

    @Property(tries = 15)
    void invariantsHoldAndTheOutcomeIgnoresOrderAndDuplicates(@ForAll("scenarios") List<Step> generated,
            @ForAll long seed) {
        List<Step> steps = consistent(generated);
        World a = world();
        World b = world();
        for (int i = 0; i < steps.size(); i++) {
            a.service().handle(notification(a, steps.get(i), i));
        }
        List<Integer> withDuplicates = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            withDuplicates.add(i);
            if (i % 2 == 0) {
                withDuplicates.add(i); // a duplicate delivery right after the first
            }
        }
        for (int i : withDuplicates) {
            b.service().handle(notification(b, steps.get(i), i));
        }
        World c = world();
        List<Integer> shuffled = new ArrayList<>(withDuplicates);
        java.util.Collections.shuffle(shuffled, new Random(seed));
        for (int i : shuffled) {
            c.service().handle(notification(c, steps.get(i), i));
        }
        Summary inOrder = summarise(a, 6);
        Summary duplicated = summarise(b, 6);
        Summary reordered = summarise(c, 6);
        assertEquals(inOrder, duplicated, "duplicates change nothing");
        assertEquals(inOrder.unapplied(), reordered.unapplied(), "unapplied cash");
        assertEquals(inOrder.refunded(), reordered.refunded(), "refunded");
        assertEquals(inOrder.netPosition(), reordered.netPosition(), "amounts due minus credit");
    }
}
