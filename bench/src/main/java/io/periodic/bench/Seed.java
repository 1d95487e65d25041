package io.periodic.bench;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.rendering.InvoiceDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The state the sample events in events/ act on, written into a fresh table before each cold-start run so every
 * run does the same work: the seller, a Tokyo (JPY) and a Honolulu (USD) customer with subscriptions due now
 * (scheduler, generator), and an overdue invoice INV-2026-000001 of JPY 13,200 (matcher, dunning, PDF).
 */
final class Seed {
    static final String BUCKET = "bench-documents";
    static final String OVERDUE_INVOICE = "in_sub_sample_tokyo_2026-12-01";

    private Seed() {}

    static void into(BillingStore store, Instant now, AwsStub stub) {
        Address tokyoAddress = new Address("千代田1-1", null, "100-0001", "東京都千代田区", null, "JP");
        SellerProfile seller = new SellerProfile("Bench SaaS KK", tokyoAddress, "billing@bench.example", null,
                null, "T9234567890123", new SellerProfile.BankAccount("Bench Bank", "Bench SaaS KK", null, null,
                "1234567", "0005"), "https://pay.bench.example/{number}", "INV", "CN");
        store.settings().putSeller(seller);
        Customer tokyo = store.customers().create(new Customer("cus_sample_tokyo", "株式会社ミナト", "keiri@minato.example",
                Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.of("10"), null,
                tokyoAddress, now, null));
        Customer honolulu = store.customers().create(new Customer("cus_sample_honolulu", "Aloha Analytics LLC",
                "ap@aloha.example", Currencies.of("USD"), ZoneId.of("Pacific/Honolulu"), Locale.US, 14,
                TaxRate.of("4.712"), null, new Address("1 Kalakaua Ave", null, "96815", "Honolulu", "HI", "US"), now,
                null));
        Plan yen = store.plans().create(new Plan("price_sample_jpy", "Team plan", Money.of(12_000, "JPY"),
                BillingInterval.monthly(), 0, TaxBehavior.EXCLUSIVE, true, null));
        Plan dollars = store.plans().create(new Plan("price_sample_usd", "Team plan", Money.of(9_900, "USD"),
                BillingInterval.monthly(), 0, TaxBehavior.EXCLUSIVE, true, null));
        LocalDate anchor = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
        subscribe(store, "sub_sample_tokyo", tokyo, yen, anchor, now);
        subscribe(store, "sub_sample_honolulu", honolulu, dollars, anchor, now);

        Money net = Money.of(12_000, "JPY");
        Invoice draft = store.invoices().create(new Invoice(OVERDUE_INVOICE, null, tokyo.id(), "sub_sample_tokyo",
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Team plan", LineKind.SUBSCRIPTION,
                yen.id(), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), 1, net, net, TaxRate.of("10"),
                Money.of(1_200, "JPY"), null)), Money.zero(Currencies.of("JPY")), Money.zero(Currencies.of("JPY")),
                LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 11, 1), null, now, null, null));
        Finalization.Decision decision = Finalization.plan(draft,
                store.invoices().sequence(Finalization.seriesOf(draft, "INV")),
                store.credit().balance(tokyo.id(), tokyo.currency()), now);
        Invoice open = store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
        String html = new DocumentRenderer().invoiceHtml(new InvoiceDocument(open, tokyo, seller, null));
        stub.putObject(BUCKET, "invoices/" + OVERDUE_INVOICE + ".html", html.getBytes(StandardCharsets.UTF_8));
    }

    private static void subscribe(BillingStore store, String id, Customer customer, Plan plan, LocalDate anchor,
            Instant now) {
        Subscription draft = new Subscription(id, customer.id(), List.of(new SubscriptionItem(plan.id(), 1)), anchor,
                plan.interval(), SubscriptionStatus.ACTIVE, false, null, 0, null, null, List.of(), now, null);
        store.subscriptions().create(draft.advancedTo(0, BillingCycle.dueInstant(draft, customer, 0)));
    }
}
