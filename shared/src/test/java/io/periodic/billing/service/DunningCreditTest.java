package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.dunning.LateFees;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.Email;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.local.engines.Engines;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 12, defect 5: dunning suspended customers whose credit covered what they owed. A refund reopened an invoice
 * while the customer's credit balance was only used when a new invoice was issued, so 11 reopened invoices with
 * 10.00 due went through every reminder, a late fee (paid from the same credit) and suspension while their
 * customers held 10.00 of credit each.
 *
 * <p>Now credit is used (a) by the refund that reopens the invoice, in the same transaction, and (b) by the
 * dunning workflow before every step, whatever path left credit beside an open invoice. The property: a customer is
 * never reminded, charged a late fee or suspended while their credit covers the amount due. On DynamoDB Local,
 * driven the way the workflow drives it (plan, wait, act).
 */
class DunningCreditTest {
    private static final LocalDate DUE = LocalDate.of(2026, 12, 1);
    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    private static final BillingStore STORE = new BillingStore(Engines.dynamo().client(), BillingTable.LOGICAL_ID);

    /** One customer's world: their clock, the dunning e-mails sent, the services. */
    private static final class World {
        final AtomicReference<Instant> now = new AtomicReference<>(START);
        final List<Email> dunningMail = new ArrayList<>();
        final JsonLinesEventLog events;
        final DunningService dunning;
        final PaymentService payments;
        final String prefix = "K" + Ids.randomLetters(7);

        World() {
            try {
                events = new JsonLinesEventLog(Files.createTempDirectory("dunning-credit").resolve("events.jsonl"));
                dunning = new DunningService(STORE, new InvoiceNotifications(new DocumentRenderer(),
                        new DirectoryDocumentStore(Files.createTempDirectory("dunning-credit-docs")), events),
                        dunningMail::add, events, now::get);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            payments = new PaymentService(STORE, events, now::get);
            STORE.settings().putSeller(new SellerProfile("Seller Inc.", new Address("1 Main St", null, "10001",
                    "New York", null, "US"), "billing@seller.example", null, null, null, null, null, prefix, null, 1, Map.of(), 0));
            // Threshold 0: a payment for a customer with nothing open goes to its credit as before the auto-apply
            // threshold (this test is about credit beside reopened invoices; holding: ConfidenceThresholdIntegrationTest).
        }

        record Account(Customer customer, Subscription subscription) {}

        Account customer(String currency) {
            Customer c = STORE.customers().create(new Customer(Ids.newId("cus"), "Credit " + prefix + Ids.randomLetters(4),
                    prefix.toLowerCase(Locale.ROOT) + Ids.randomLetters(5).toLowerCase(Locale.ROOT) + "@c.example",
                    Currencies.of(currency), ZoneId.of("America/New_York"), Locale.US, 30, TaxRate.ZERO, null,
                    new Address("1", null, null, "New York", null, "US"), now.get(), null));
            Subscription s = STORE.subscriptions().create(new Subscription(Ids.newId("sub"), c.id(),
                    List.of(new SubscriptionItem("price_x", 1)), LocalDate.of(2026, 11, 1), BillingInterval.monthly(),
                    SubscriptionStatus.ACTIVE, false, null, 1, null, null, List.of(), now.get(), null));
            return new Account(c, s);
        }

        Invoice invoice(Account a, long minor) {
            Money net = Money.of(minor, a.customer().currency());
            Money zero = Money.zero(a.customer().currency());
            Invoice draft = STORE.invoices().create(new Invoice(Ids.newId("inv"), null, a.customer().id(),
                    a.subscription().id(), a.customer().currency(), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan",
                    LineKind.SUBSCRIPTION, null, null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero,
                    LocalDate.of(2026, 11, 1), DUE, null, null, null, now.get(), null, null));
            Finalization.Decision decision = Finalization.plan(draft, STORE.invoices().sequence(
                    Finalization.seriesOf(draft, prefix)), STORE.credit().balance(a.customer().id(),
                    a.customer().currency()), now.get());
            return STORE.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(),
                    decision.creditEntry(),
                    decision.balanceAfter());
        }

        PaymentService.Outcome pay(Account a, String paymentId, long minor, String reference) {
            return payments.handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "e-" + paymentId,
                    paymentId, null, Money.of(minor, a.customer().currency()),
                    new Payer(null, a.customer().email(), null, null), reference, null, now.get()));
        }

        PaymentService.Outcome refund(Account a, String paymentId, String refundId, long minor) {
            return payments.handle(new PaymentNotification(PaymentNotification.Kind.REFUNDED, "bank", "e-" + refundId,
                    paymentId, refundId, Money.of(minor, a.customer().currency()), Payer.UNKNOWN, null, null,
                    now.get()));
        }

        /** Credit from any other path (a credit note to the balance, a goodwill credit): one ledger entry. */
        void grantCredit(Account a, long minor, String why) {
            STORE.credit().post(new CreditEntry(a.customer().id(), "test-grant:" + Ids.newId("g") + ":" + why,
                    Money.of(minor, a.customer().currency()), why, now.get()),
                    STORE.credit().balance(a.customer().id(), a.customer().currency()));
        }

        Money credit(Account a) {
            return STORE.credit().balance(a.customer().id(), a.customer().currency()).balance();
        }

        /** What one step did: e-mails sent, a late fee charged, a suspension. */
        record Acted(StepKind step, int mails, boolean feeCharged, boolean suspended, Money dueBefore,
                Money creditBefore) {}

        /**
         * Runs the workflow's loop until it stops; {@code beforeAct} runs before each act (e.g. credit arriving
         * mid-dunning). Returns every act with what it did.
         */
        List<Acted> runDunning(Account a, Invoice invoice, java.util.function.IntConsumer beforeAct) {
            List<Acted> acted = new ArrayList<>();
            DunningService.State state = dunning.plan(invoice.id());
            int index = 0;
            while (!state.done()) {
                now.set(state.at());
                beforeAct.accept(index++);
                Invoice before = STORE.invoices().get(invoice.id()).orElseThrow();
                Money creditBefore = credit(a);
                int mailsBefore = dunningMail.size();
                boolean feeBefore = STORE.invoices().get(LateFees.feeInvoiceId(invoice.id())).isPresent();
                boolean suspendedBefore = suspended(a);
                StepKind step = state.next();
                state = dunning.act(invoice.id(), step);
                acted.add(new Acted(step, dunningMail.size() - mailsBefore,
                        !feeBefore && STORE.invoices().get(LateFees.feeInvoiceId(invoice.id())).isPresent(),
                        !suspendedBefore && suspended(a), before.amountDue(), creditBefore));
            }
            return acted;
        }

        boolean suspended(Account a) {
            return STORE.subscriptions().get(a.subscription().id()).orElseThrow().status()
                    == SubscriptionStatus.SUSPENDED;
        }
    }

    /** The property, checked on every step taken: nothing happens to a customer whose credit covers the due. */
    private static void neverDunnedWhileCreditCovers(List<World.Acted> acted) {
        for (World.Acted a : acted) {
            if (a.creditBefore().currency().equals(a.dueBefore().currency())
                    && !a.creditBefore().isLessThan(a.dueBefore())) {
                assertEquals(0, a.mails(), "reminded while credit " + a.creditBefore() + " covers " + a.dueBefore()
                        + " at " + a.step());
                assertTrue(!a.feeCharged(), "late fee charged while credit covers the amount due at " + a.step());
                assertTrue(!a.suspended(), "suspended while credit covers the amount due at " + a.step());
            }
        }
    }

    @Example
    void theReportedScenarioElevenReopenedInvoicesWithCreditCoveringThemAreNeverDunned() {
        World w = new World();
        List<World.Account> accounts = new ArrayList<>();
        List<Invoice> invoices = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            World.Account a = w.customer("USD");
            Invoice invoice = w.invoice(a, 1_000);
            String paid = Ids.newId("pay");
            assertEquals(PaymentService.Outcome.APPLIED, w.pay(a, paid, 1_000, invoice.number()));
            w.pay(a, Ids.newId("pay"), 1_000, null); // nothing open: 10.00 of credit
            assertEquals(Money.of(1_000, "USD"), w.credit(a));
            w.refund(a, paid, "re-" + i, 1_000); // reopened the invoice: 10.00 due beside 10.00 of credit
            // (a) the refund's own transaction pays the reopened invoice from the credit
            assertEquals(InvoiceStatus.PAID, STORE.invoices().get(invoice.id()).orElseThrow().status());
            accounts.add(a);
            invoices.add(invoice);
        }
        for (int i = 0; i < 11; i++) {
            World.Account a = accounts.get(i);
            List<World.Acted> acted = w.runDunning(a, invoices.get(i), step -> { });
            neverDunnedWhileCreditCovers(acted);
            Invoice after = STORE.invoices().get(invoices.get(i).id()).orElseThrow();
            assertEquals(InvoiceStatus.PAID, after.status(), "paid from the credit balance");
            assertEquals(Money.of(1_000, "USD"), after.creditApplied());
            assertTrue(w.credit(a).isZero(), "the credit was used, once");
            assertTrue(STORE.invoices().get(LateFees.feeInvoiceId(after.id())).isEmpty(), "no late fee");
            assertTrue(!w.suspended(a), "not suspended");
        }
        assertEquals(List.of(), w.dunningMail, "no reminder at all");
    }

    @Example
    void creditLeftBesideAnOpenInvoiceByAnyPathPaysItBeforeTheFirstStep() {
        World w = new World();
        World.Account a = w.customer("USD");
        Invoice open = w.invoice(a, 1_000);
        Invoice named = w.invoice(a, 500);
        // The payment names the other invoice: the reference rule pays it and keeps the excess as credit, beside
        // the first invoice that is still open (no refund involved).
        w.pay(a, Ids.newId("pay"), 1_500, named.number());
        assertEquals(Money.of(1_000, "USD"), w.credit(a));
        assertEquals(InvoiceStatus.OPEN, STORE.invoices().get(open.id()).orElseThrow().status());

        List<World.Acted> acted = w.runDunning(a, open, step -> { });

        assertEquals(List.of(), acted, "the plan finds it paid: no step at all");
        assertEquals(InvoiceStatus.PAID, STORE.invoices().get(open.id()).orElseThrow().status());
        assertTrue(w.credit(a).isZero());
        assertEquals(List.of(), w.dunningMail);
        assertTrue(w.events.events().stream().anyMatch(e -> e.type().equals("invoice.paid")
                && e.id().equals("invoice.paid:" + open.id())), "announced as paid");
        assertEquals("RECOVERED", STORE.dunning().history(open.id()).stream()
                .filter(e -> e.step().equals("STOPPED")).findFirst().orElseThrow().detail());
    }

    @Example
    void partialCreditIsUsedFirstSoRemindersAndTheLateFeeAreForWhatIsLeft() {
        World w = new World();
        World.Account a = w.customer("USD");
        Invoice invoice = w.invoice(a, 100_000); // 1,000.00
        List<World.Acted> acted = w.runDunning(a, invoice, step -> {
            if (step == 2) { // credit arrives after the friendly reminder
                w.grantCredit(a, 40_000, "credit note");
            }
        });
        neverDunnedWhileCreditCovers(acted);
        Invoice after = STORE.invoices().get(invoice.id()).orElseThrow();
        assertEquals(Money.of(40_000, "USD"), after.creditApplied());
        assertEquals(Money.of(60_000, "USD"), after.amountDue());
        assertTrue(w.credit(a).isZero());
        Invoice fee = STORE.invoices().get(LateFees.feeInvoiceId(invoice.id())).orElseThrow();
        assertEquals(Money.of(900, "USD"), fee.total(), "1.5 % of the 600.00 still due, not of 1,000.00");
        assertTrue(fee.creditApplied().isZero(), "the fee was not paid from credit that belonged to the invoice");
    }

    @Provide
    Arbitrary<long[]> worlds() {
        // due, credit, the step before which the credit arrives (0 = before the first step, 7 = never), currency
        return Combinators.combine(Arbitraries.longs().between(1, 30_000), Arbitraries.longs().between(0, 40_000),
                Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 2))
                .as((due, credit, when, currency) -> new long[] {due, credit, when, currency});
    }

    /**
     * Random worlds: an amount due, some credit that arrives before the dunning or between any two steps, JPY,
     * USD or KWD. Whatever happens, no step reminds, charges or suspends while the credit covers the amount due;
     * credit is used before any step; and the money adds up: what the invoice took from credit is what left the
     * balance.
     */
    @Property(tries = 25)
    void neverRemindedChargedOrSuspendedWhileCreditCoversTheAmountDue(@ForAll("worlds") long[] world) {
        String currency = List.of("JPY", "USD", "KWD").get((int) world[3]);
        World w = new World();
        World.Account a = w.customer(currency);
        Invoice invoice = w.invoice(a, world[0]);
        long credit = world[1];
        int when = (int) world[2];
        if (when == 0 && credit > 0) {
            w.grantCredit(a, credit, "before");
        }
        List<World.Acted> acted = w.runDunning(a, invoice, step -> {
            if (step + 1 == when && credit > 0) {
                w.grantCredit(a, credit, "mid");
            }
        });
        neverDunnedWhileCreditCovers(acted);
        Invoice after = STORE.invoices().get(invoice.id()).orElseThrow();
        boolean granted = credit > 0 && when <= acted.size();
        long used = granted ? Math.min(credit, world[0]) : 0;
        assertEquals(Money.of(used, currency), after.creditApplied(), "credit used on the invoice");
        assertEquals(Money.of(granted ? credit - used : 0, currency), w.credit(a), "the rest stays as credit");
        assertEquals(Money.of(world[0] - used, currency), after.amountDue());
        if (granted && credit >= world[0]) {
            assertEquals(InvoiceStatus.PAID, after.status());
        }
    }
}
