package io.periodic.functions.paymentmatcher;

import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.payments.PaymentMatching;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.Suggestions;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.service.PaymentService;
import io.periodic.functions.paymentmatcher.CashApplicationDataset.Kind;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.Engines;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cash application measured, not asserted (issue 14): the labelled data set of {@link CashApplicationDataset} loaded
 * into DynamoDB Local and every payment run through the real matcher ({@link PaymentService}), in order. Prints per
 * kind of payment how many the matcher placed automatically, how many of those were right (the labelled customer
 * and exactly the labelled invoices), how many it held for a person, the share auto-applied, the precision of what
 * it auto-applied (the goal: at least 99.5 %: a wrong automatic match is worse than none), the matching rules used
 * and the time per payment. Run by {@code ./dev bench}, after the payment matching figures
 * ({@link PaymentMatchingBenchmark} ends with it), or alone through {@link #main}.
 */
public final class CashApplicationBenchmark {
    private static final Instant NOW = Instant.parse("2027-01-05T00:00:00Z");
    private static final boolean EXPLAIN = Boolean.getBoolean("cash.explain");
    /** -Dcash.payerNames=false: no payer names registered, i.e. the figures before the payer-name rule. */
    private static final boolean PAYER_NAMES = !"false".equals(System.getProperty("cash.payerNames"));
    /**
     * -Dcash.virtualAccounts=false: no virtual accounts, i.e. the figures before the virtual-account rule. Otherwise
     * every third Japanese customer has one, printed on its invoices, and its payments (whoever sends them) arrive in
     * it, as a Zengin header account; every other payment arrives in the seller's main account.
     */
    private static final boolean VIRTUAL_ACCOUNTS = !"false".equals(System.getProperty("cash.virtualAccounts"));
    /** The seller's ordinary receiving account: no customer's. */
    private static final String MAIN_ACCOUNT = "0005-001-0000001";

    /** -Dcash.fees=false: no bank-fee tolerance (the seller's JPY 880 not set), i.e. before rule fee-tolerance. */
    private static final boolean FEES = !"false".equals(System.getProperty("cash.fees"));

    /**
     * -Dcash.threshold=0.9: the seller's auto-apply confidence (docs/matching-confidence.md); unset: the default
     * (0.90); 0: every decision applies, as before the threshold existed.
     */
    private static final String THRESHOLD = System.getProperty("cash.threshold");

    private CashApplicationBenchmark() {}

    /**
     * Runs the cash application figures alone: {@code java … CashApplicationBenchmark} (docs/suggestions.md and
     * docs/bank-fees.md say how).
     */
    public static void main(String[] args) {
        run();
        System.exit(0); // the embedded engines' threads would keep the JVM up
    }

    /** The suggestions for the payments the matcher held though their label names invoices. */
    static final class SuggestionTally {
        int asked;
        int top1;
        int top3;
        int none;
        final List<Long> nanos = new ArrayList<>();
    }

    /** Per kind of payment: what the matcher did with it. */
    static final class Tally {
        int payments;
        int auto;
        int right;
        int wrong;
        int heldRightly;
        int missed;
        int closedInFull;
    }

    static void run() {
        CashApplicationDataset.Data data = CashApplicationDataset.generate(CashApplicationDataset.SEED, 220, 1_200);
        DynamoDbLocalEngine engine = Engines.dynamo();
        BillingStore store = new BillingStore(engine.client(), BillingTable.LOGICAL_ID);
        String prefix = "C" + Ids.randomLetters(6);
        // The seller accepts transfers short by up to JPY 880 (the largest 振込手数料) from identified customers.
        store.settings().putSeller(new SellerProfile("S", new Address("1", null, null, "T", null, "JP"), "s@s.example",
                null, null, null, null, null, prefix, null, 1, FEES ? Map.of("JPY", 880L) : Map.of(),
                THRESHOLD == null ? null : new BigDecimal(THRESHOLD).movePointRight(4).intValueExact()));
        Map<String, String> customerIds = new HashMap<>();
        Map<String, String> customerKeys = new HashMap<>();
        for (CashApplicationDataset.Customer c : data.customers()) {
            Customer customer = new Customer(Ids.newId("cus"), c.legalName(),
                    Ids.randomLetters(6).toLowerCase(Locale.ROOT) + "." + c.email(), Currencies.of(c.currency()),
                    ZoneId.of(c.currency().equals("JPY") ? "Asia/Tokyo" : "UTC"),
                    c.currency().equals("JPY") ? Locale.JAPAN : Locale.US, 30, TaxRate.ZERO, null,
                    new Address("1", null, null, "T", null, "JP"), NOW, null);
            if (c.currency().equals("JPY") && PAYER_NAMES) {
                // The finance team registers the name the customer's bank prints (issue 14: payerNames).
                customer = customer.toBuilder().payerNames(List.of(c.bankName())).build();
            }
            if (VIRTUAL_ACCOUNTS && virtualAccount(c) != null) {
                customer = customer.toBuilder().virtualAccounts(List.of(virtualAccount(c))).build();
            }
            Customer created = store.customers().create(customer);
            customerIds.put(c.key(), created.id());
            customerKeys.put(created.id(), c.key());
        }
        Map<String, Invoice> invoices = new HashMap<>();
        Map<String, String> invoiceKeys = new HashMap<>();
        for (CashApplicationDataset.Invoice i : data.invoices()) {
            String currency = data.customers().get(Integer.parseInt(i.customerKey().substring(1))).currency();
            Invoice invoice = finalized(store, customerIds.get(i.customerKey()), currency, i, prefix);
            invoices.put(i.key(), invoice);
            invoiceKeys.put(invoice.id(), i.key());
        }
        PaymentService service = new PaymentService(store, e -> { }, () -> NOW);

        Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
        SuggestionTally suggested = new SuggestionTally();
        Map<String, Integer> rules = new TreeMap<>();
        long feesWrittenOff = 0;
        long[] nanos = new long[data.payments().size()];
        int n = 0;
        List<LearnedAliasMonth.Held> held = new ArrayList<>();
        for (CashApplicationDataset.Payment p : data.payments()) {
            String reference = p.reference() == null ? null : invoices.get(p.reference()).number();
            String providerId = "ca-" + p.key() + "-" + Ids.randomLetters(6);
            String into = VIRTUAL_ACCOUNTS ? receivingAccount(p, data) : null;
            PaymentNotification notification = new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank",
                    providerId, providerId, null, Money.of(p.amount(), p.currency()),
                    new Payer(p.payerName(), null, null, null), reference, null, NOW, false, into);
            long started = System.nanoTime();
            service.handle(notification);
            nanos[n++] = System.nanoTime() - started;

            Payment stored = store.payments().getByProviderId("bank", providerId).orElseThrow();
            Set<String> applied = new HashSet<>();
            List<Long> appliedAmounts = new ArrayList<>();
            List<Long> closedTotals = new ArrayList<>();
            boolean feeRule = false;
            for (Allocation a : store.payments().allocationsOfPayment(stored.id())) {
                applied.add(invoiceKeys.get(a.invoiceId()));
                appliedAmounts.add(a.amount().minor());
                closedTotals.add(invoices.get(invoiceKeys.get(a.invoiceId())).total().minor());
                feeRule |= a.rule().equals("fee-tolerance");
                rules.merge(a.rule(), 1, Integer::sum);
            }
            feesWrittenOff += stored.feeWrittenOff().minor();
            boolean automatic = stored.status() == PaymentStatus.APPLIED
                    || stored.status() == PaymentStatus.PARTIALLY_APPLIED;
            if (!automatic) {
                if (LearnedAliasMonth.resolvable(p) && stored.status() == PaymentStatus.UNAPPLIED) {
                    held.add(new LearnedAliasMonth.Held(p, stored.id(), into));
                }
                rules.merge(stored.unappliedReason() != null && stored.unappliedReason().startsWith("held: ")
                        ? "(held: below the threshold)" : "(held: unapplied)", 1, Integer::sum);
            }
            Tally t = tallies.computeIfAbsent(p.kind(), k -> new Tally());
            t.payments++;
            // A parent paying into its subsidiary's virtual account says whose invoice it pays: its oldest.
            boolean knowable = !p.expectedInvoices().isEmpty() || (p.kind() == Kind.PARENT && into != null
                    && !into.equals(MAIN_ACCOUNT));
            if (automatic) {
                t.auto++;
                boolean right = knowable
                        && p.expectedCustomer().equals(customerKeys.get(stored.customerId()))
                        && (p.reference() != null ? applied.equals(new HashSet<>(p.expectedInvoices()))
                                : feeRule ? sorted(closedTotals).equals(sorted(labelledTotals(p, data)))
                                : sorted(appliedAmounts).equals(sorted(p.expectedInvoices().isEmpty()
                                        ? List.of(p.amount()) : expectedAmounts(p, data))));
                if (right) {
                    t.right++;
                } else {
                    t.wrong++;
                    if (EXPLAIN) { // -Dcash.explain=true: each wrong automatic decision, to find the rule at fault
                        System.out.printf("wrong %s %s payer=%s expected %s %s, got %s %s: %s%n", p.key(), p.kind(),
                                p.payerName(), p.expectedCustomer(), p.expectedInvoices(),
                                customerKeys.get(stored.customerId()), applied,
                                store.payments().allocationsOfPayment(stored.id()).stream()
                                        .map(a -> a.rule() + ": " + a.reason()).toList());
                    }
                }
            } else if (!knowable) {
                t.heldRightly++;
            } else {
                t.missed++;
                long asked = System.nanoTime();
                List<Suggestions.Suggestion> ranked = service.suggestions(stored.id()).suggestions();
                suggested.nanos.add(System.nanoTime() - asked);
                suggested.asked++;
                int rank = -1;
                for (int i = 0; i < ranked.size() && rank < 0; i++) {
                    if (rightSuggestion(ranked.get(i), p, data, customerKeys, invoiceKeys)) {
                        rank = i;
                    }
                }
                suggested.top1 += rank == 0 ? 1 : 0;
                suggested.top3 += rank >= 0 && rank < 3 ? 1 : 0;
                suggested.none += ranked.isEmpty() ? 1 : 0;
            }
            if (p.kind() == Kind.FEE_SHORTFALL && store.invoices().get(invoices.get(p.expectedInvoices().get(0)).id())
                    .map(i -> i.status() == InvoiceStatus.PAID).orElse(false)) {
                t.closedInFull++;
            }
        }
        print(data, tallies, rules, Arrays.copyOf(nanos, n));
        printFees(feesWrittenOff);
        printSuggestions(suggested);
        int[] month2 = {0};
        LearnedAliasMonth.run(store, service, held, customerIds, (customerKey, amount) -> finalized(store,
                customerIds.get(customerKey), data.customers().get(Integer.parseInt(customerKey.substring(1)))
                        .currency(), new CashApplicationDataset.Invoice("m2-" + month2[0]++, customerKey, amount, 12),
                prefix), NOW);
    }

    /** Right: the labelled customer and the labelled invoices (with a reference) or their amounts (without). */
    private static boolean rightSuggestion(Suggestions.Suggestion s, CashApplicationDataset.Payment p,
            CashApplicationDataset.Data data, Map<String, String> customerKeys, Map<String, String> invoiceKeys) {
        if (!p.expectedCustomer().equals(customerKeys.get(s.customerId()))) {
            return false;
        }
        Set<String> invoices = new HashSet<>();
        List<Long> amounts = new ArrayList<>();
        for (PaymentMatching.Application a : s.applications()) {
            invoices.add(invoiceKeys.get(a.invoiceId()));
            amounts.add(a.amount().minor());
        }
        return p.reference() != null ? invoices.equals(new HashSet<>(p.expectedInvoices()))
                : sorted(amounts).equals(sorted(expectedAmounts(p, data)));
    }

    private static void printSuggestions(SuggestionTally s) {
        System.out.printf("suggestions for the %d payments held though their label names invoices: top-1 %.1f %% "
                + "(%d), top-3 %.1f %% (%d), none at all %d%n", s.asked, s.asked == 0 ? 0.0 : 100.0 * s.top1 / s.asked,
                s.top1, s.asked == 0 ? 0.0 : 100.0 * s.top3 / s.asked, s.top3, s.none);
        if (!s.nanos.isEmpty()) {
            long[] sortedNanos = s.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("time per suggestion call: median %.1f ms, p95 %.1f ms%n",
                    sortedNanos[sortedNanos.length / 2] / 1e6, sortedNanos[(int) (sortedNanos.length * 0.95)] / 1e6);
        }
    }

    /** The virtual account of every third Japanese customer (by its number in the data set), or null. */
    private static String virtualAccount(CashApplicationDataset.Customer c) {
        int number = Integer.parseInt(c.key().substring(1));
        return c.currency().equals("JPY") && number % 3 == 0
                ? "0005-201-" + String.format(Locale.ROOT, "%07d", 7_000_000 + number) : null;
    }

    /** Where a payment arrives: its customer's virtual account when it has one, else the seller's main account. */
    private static String receivingAccount(CashApplicationDataset.Payment p, CashApplicationDataset.Data data) {
        String account = virtualAccount(data.customers().get(Integer.parseInt(p.expectedCustomer().substring(1))));
        return account == null ? MAIN_ACCOUNT : account;
    }

    private static void printFees(long feesWrittenOff) {
        System.out.println(FEES ? "bank-fee tolerance: JPY 880 (seller setting); fees written off: JPY " + feesWrittenOff
                : "bank-fee tolerance: none (-Dcash.fees=false: as before the fee-tolerance rule)");
    }

    /**
     * The totals of the labelled invoices: a {@code fee-tolerance} decision closes whole invoices (cash plus the fee
     * written off), so it is right when the invoices it closed have exactly these totals (which of two equal invoices
     * is unknowable without a reference, as for {@link #expectedAmounts}).
     */
    private static List<Long> labelledTotals(CashApplicationDataset.Payment p, CashApplicationDataset.Data data) {
        List<Long> totals = new ArrayList<>();
        for (String key : p.expectedInvoices()) {
            totals.add(data.invoices().stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow().amount());
        }
        return totals;
    }

    /**
     * What a payment without a reference should apply: the labelled invoices' amounts (the last one short by the fee
     * when the payer deducted it). Which of a customer's invoices of the same amount it pays cannot be known without
     * a reference; the convention of cash application (and of the matcher) is the oldest open one, so any is right.
     */
    private static List<Long> expectedAmounts(CashApplicationDataset.Payment p, CashApplicationDataset.Data data) {
        List<Long> amounts = new ArrayList<>();
        long sum = 0;
        for (String key : p.expectedInvoices()) {
            long amount = data.invoices().stream().filter(i -> i.key().equals(key)).findFirst().orElseThrow()
                    .amount();
            amounts.add(amount);
            sum += amount;
        }
        if (sum != p.amount() && !amounts.isEmpty()) {
            amounts.set(amounts.size() - 1, amounts.get(amounts.size() - 1) - (sum - p.amount()));
        }
        return amounts;
    }

    private static List<Long> sorted(List<Long> amounts) {
        return amounts.stream().sorted().toList();
    }

    private static void print(CashApplicationDataset.Data data, Map<Kind, Tally> tallies, Map<String, Integer> rules,
            long[] nanos) {
        System.out.printf("%n=== Cash application on a labelled data set (seed %d: %,d payments, %,d customers, "
                + "%,d invoices; DynamoDB Local) ===%n", CashApplicationDataset.SEED, data.payments().size(),
                data.customers().size(), data.invoices().size());
        System.out.println(PAYER_NAMES ? "customers' payer names: the name its bank prints, for each Japanese customer"
                : "customers' payer names: none registered (-Dcash.payerNames=false: as before the payer-name rule)");
        System.out.println("auto-apply confidence threshold: " + (THRESHOLD == null ? "0.9 (the default)" : THRESHOLD)
                + " (-Dcash.threshold; 0 applies every decision, as before the threshold)");
        System.out.println(VIRTUAL_ACCOUNTS ? "virtual accounts: every third Japanese customer, its payments received "
                + "into it (a parent paying into it: its subsidiary's oldest invoice is knowable)"
                : "virtual accounts: none (-Dcash.virtualAccounts=false: as before the virtual-account rule)");
        System.out.println("auto = placed by the matcher (invoices or credit); right = the labelled customer and "
                + "exactly the labelled invoices (with a reference) or invoices of exactly the labelled amounts (without: "
                + "which of two equal invoices is unknowable, the oldest is the convention); held rightly = unapplied "
                + "where no machine could know; missed = unapplied though the label names invoices");
        System.out.printf("%-15s %8s %6s %6s %6s %13s %7s%n", "kind", "payments", "auto", "right", "wrong",
                "held rightly", "missed");
        Tally all = new Tally();
        for (Map.Entry<Kind, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            System.out.printf("%-15s %8d %6d %6d %6d %13d %7d%n", e.getKey().name().toLowerCase(Locale.ROOT),
                    t.payments, t.auto, t.right, t.wrong, t.heldRightly, t.missed);
            all.payments += t.payments;
            all.auto += t.auto;
            all.right += t.right;
            all.wrong += t.wrong;
            all.heldRightly += t.heldRightly;
            all.missed += t.missed;
            all.closedInFull += t.closedInFull;
        }
        System.out.printf("%-15s %8d %6d %6d %6d %13d %7d%n", "all", all.payments, all.auto, all.right, all.wrong,
                all.heldRightly, all.missed);
        System.out.printf("share auto-applied: %.1f %%   precision of auto-applied: %.2f %% (goal >= 99.5 %%)   held "
                + "for a person: %.1f %%%n", 100.0 * all.auto / all.payments,
                all.auto == 0 ? 0.0 : 100.0 * all.right / all.auto,
                100.0 * (all.heldRightly + all.missed) / all.payments);
        Tally fee = tallies.get(Kind.FEE_SHORTFALL);
        if (fee != null) {
            System.out.printf("bank-fee shortfalls closed in full: %d of %d%n", fee.closedInFull, fee.payments);
        }
        System.out.println("rules used (allocations): " + rules);
        Arrays.sort(nanos);
        System.out.printf("time per payment: median %.1f ms, p95 %.1f ms%n", nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.95)] / 1e6);
    }

    private static Invoice finalized(BillingStore store, String customerId, String currencyCode,
            CashApplicationDataset.Invoice i, String prefix) {
        Money net = Money.of(i.amount(), currencyCode);
        Money zero = Money.zero(Currencies.of(currencyCode));
        LocalDate issued = LocalDate.of(2026, 3, 1).plusMonths(i.index());
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customerId, null,
                Currencies.of(currencyCode), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan",
                LineKind.SUBSCRIPTION, null, null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, issued,
                issued.plusDays(30), null, null, null, NOW, null, null));
        Finalization.Decision decision = Finalization.plan(draft, store.invoices().sequence(
                Finalization.seriesOf(draft, prefix)), store.credit().balance(customerId, draft.currency()), NOW);
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
    }
}
