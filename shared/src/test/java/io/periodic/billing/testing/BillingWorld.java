package io.periodic.billing.testing;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
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
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.service.AfterFinalization;
import io.periodic.billing.service.InvoiceIssuing;
import io.periodic.local.engines.DynamoDbLocalEngine;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A billing world on the shared DynamoDB Local: a store whose client can crash after any write, a clock the test
 * moves, the seller's settings, and helpers to create customers, plans and subscriptions with fresh ids. Shared
 * with the function modules' tests (shared's test jar).
 */
public final class BillingWorld {
    public final Faults faults = new Faults();
    public final BillingStore store;
    public final TestClock clock;
    /** How often what follows finalisation (document, event, mail) ran, by invoice id. */
    public final Map<String, AtomicInteger> afterFinalization = new ConcurrentHashMap<>();
    public final SellerProfile seller;

    public BillingWorld(DynamoDbLocalEngine engine, Instant start) {
        this.store = new BillingStore(engine.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(faults)).build(), BillingTable.LOGICAL_ID);
        this.clock = new TestClock(start);
        // Each world numbers in its own series, so tests can count the numbers they consume.
        String prefix = "T" + io.periodic.billing.model.Ids.randomLetters(7);
        this.seller = new SellerProfile("Periodic Test GmbH",
                new Address("Teststraße 1", null, "10115", "Berlin", null, "DE"), "billing@periodic.example",
                "+49 30 123456", "https://periodic.example", "DE123456789",
                new SellerProfile.BankAccount("Test Bank", "Periodic Test GmbH", "DE89370400440532013000",
                        "COBADEFFXXX", null, null),
                "https://pay.periodic.example/i/{number}", prefix, "C" + prefix.substring(1));
        store.settings().putSeller(seller);
    }

    /** The invoice-issuing use case on this world, recording what follows finalisation instead of doing it. */
    public InvoiceIssuing issuing() {
        return new InvoiceIssuing(store, recording(), clock, BillingCycle.DEFAULT_MAX_CATCH_UP);
    }

    public AfterFinalization recording() {
        return (invoice, customer, seller) ->
                afterFinalization.computeIfAbsent(invoice.id(), id -> new AtomicInteger()).incrementAndGet();
    }

    public Customer customer(String zone, String currency, String taxRate) {
        return customer(zone, currency, taxRate, Locale.ENGLISH);
    }

    public Customer customer(String zone, String currency, String taxRate, Locale locale) {
        return store.customers().create(new Customer(Ids.newId("cus"), "Customer " + zone, "ap@customer.example",
                Currencies.of(currency), ZoneId.of(zone), locale, 14, TaxRate.of(taxRate), null,
                new Address("1 Road", null, "00000", "City", null, "US"), clock.now(), null));
    }

    public Plan plan(String currency, long minor, BillingInterval interval) {
        return store.plans().create(new Plan(Ids.newId("plan"), "Plan " + minor, Money.of(minor, currency),
                interval, 0, TaxBehavior.EXCLUSIVE, true, null));
    }

    public Subscription subscribe(Customer customer, Plan plan, long quantity, LocalDate anchor,
            LocalDate trialEnd) {
        return subscribe(Ids.newId("sub"), customer, plan, quantity, anchor, trialEnd);
    }

    public Subscription subscribe(String id, Customer customer, Plan plan, long quantity, LocalDate anchor,
            LocalDate trialEnd) {
        Subscription draft = new Subscription(id, customer.id(),
                List.of(new SubscriptionItem(plan.id(), quantity)), anchor, plan.interval(),
                trialEnd == null ? SubscriptionStatus.ACTIVE : SubscriptionStatus.TRIALING, false, trialEnd, 0, null,
                null, List.of(), clock.now(), null);
        return store.subscriptions().create(draft.advancedTo(0, BillingCycle.dueInstant(draft, customer, 0)));
    }

    public Subscription reload(Subscription subscription) {
        return store.subscriptions().get(subscription.id()).orElseThrow();
    }

    public List<Invoice> invoicesOf(Customer customer) {
        List<Invoice> all = new ArrayList<>(store.invoices().byCustomer(customer.id(), 1000, null).items());
        all.sort(java.util.Comparator.comparing(Invoice::periodStart));
        return all;
    }

    public long numbersTaken(int year) {
        return store.invoices().sequence(seller.invoicePrefix() + "-" + year).last();
    }
}
