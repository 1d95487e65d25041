package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.service.InvoiceIssuing.Outcome;
import io.periodic.billing.testing.BillingWorld;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Calendar scenarios end to end: {@link InvoiceIssuing} on DynamoDB Local, driven by a clock the test moves. */
@ExtendWith(DynamoDbLocalExtension.class)
class CalendarScenariosTest {
    private final DynamoDbLocalEngine engine;

    CalendarScenariosTest(DynamoDbLocalEngine engine) {
        this.engine = engine;
    }

    /** Runs invoice issuing at each of {@code instants} and returns the periods invoiced, in order. */
    private static List<String> billAt(BillingWorld world, Subscription subscription, Customer customer,
            List<Instant> instants) {
        InvoiceIssuing issuing = world.issuing();
        for (Instant instant : instants) {
            world.clock.set(instant);
            issuing.process(subscription.id());
        }
        return world.invoicesOf(customer).stream().map(i -> i.periodStart() + ".." + i.periodEnd()).toList();
    }

    @Test
    void monthlyAnchoredOnThe31stForThirteenMonths() {
        BillingWorld world = new BillingWorld(engine, Instant.parse("2026-01-01T00:00:00Z"));
        Customer customer = world.customer("UTC", "EUR", "19");
        Plan plan = world.plan("EUR", 4_900, BillingInterval.monthly());
        Subscription subscription = world.subscribe(customer, plan, 1, LocalDate.of(2026, 1, 31), null);

        InvoiceIssuing issuing = world.issuing();
        for (int month = 0; month < 13; month++) {
            world.clock.set(world.reload(subscription).nextBillingAt());
            assertEquals(Outcome.Kind.BILLED, issuing.process(subscription.id()).kind());
            assertEquals(Outcome.Kind.NOT_DUE, issuing.process(subscription.id()).kind(), "second run: nothing");
        }
        List<Invoice> invoices = world.invoicesOf(customer);
        assertEquals(List.of("2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30",
                        "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31",
                        "2027-01-31"),
                invoices.stream().map(i -> i.periodStart().toString()).toList());
        for (int i = 0; i + 1 < invoices.size(); i++) {
            assertEquals(invoices.get(i + 1).periodStart(), invoices.get(i).periodEnd(), "contiguous periods");
        }
        assertEquals(12, world.numbersTaken(2026));
        assertEquals(1, world.numbersTaken(2027), "numbering restarts with the year of issue");
        assertEquals(world.seller.invoicePrefix() + "-2027-000001", invoices.get(12).number());
        assertEquals(13, world.reload(subscription).nextPeriodIndex());
        invoices.forEach(i -> assertEquals(5_831, i.total().minor(), "49.00 + 19% VAT"));
    }

    @Test
    void yearlyOnFebruary29() {
        BillingWorld world = new BillingWorld(engine, Instant.parse("2028-01-01T00:00:00Z"));
        Customer customer = world.customer("UTC", "USD", "0");
        Plan plan = world.plan("USD", 120_000, BillingInterval.yearly());
        Subscription subscription = world.subscribe(customer, plan, 1, LocalDate.of(2028, 2, 29), null);
        List<String> periods = billAt(world, subscription, customer, List.of(
                Instant.parse("2028-02-29T00:00:00Z"), Instant.parse("2029-02-28T00:00:00Z"),
                Instant.parse("2030-02-28T00:00:00Z"), Instant.parse("2031-02-28T00:00:00Z"),
                Instant.parse("2032-02-29T00:00:00Z")));
        assertEquals(List.of("2028-02-29..2029-02-28", "2029-02-28..2030-02-28", "2030-02-28..2031-02-28",
                "2031-02-28..2032-02-29", "2032-02-29..2033-02-28"), periods);
    }

    @Test
    void weekly() {
        BillingWorld world = new BillingWorld(engine, Instant.parse("2026-11-01T00:00:00Z"));
        Customer customer = world.customer("Europe/Belgrade", "EUR", "20");
        Plan plan = world.plan("EUR", 1_000, BillingInterval.weekly());
        Subscription subscription = world.subscribe(customer, plan, 2, LocalDate.of(2026, 11, 2), null);
        // Belgrade is UTC+1 in November: local midnight of Nov 2 is Nov 1 23:00 UTC.
        List<String> periods = billAt(world, subscription, customer, List.of(
                Instant.parse("2026-11-01T22:59:59Z"), Instant.parse("2026-11-01T23:00:00Z"),
                Instant.parse("2026-11-08T23:00:00Z"), Instant.parse("2026-11-15T23:00:00Z")));
        assertEquals(List.of("2026-11-02..2026-11-09", "2026-11-09..2026-11-16", "2026-11-16..2026-11-23"), periods);
    }

    @Test
    void customersInTokyoAndHonoluluAreBilledAtTheirLocalMidnight() {
        BillingWorld world = new BillingWorld(engine, Instant.parse("2026-11-30T00:00:00Z"));
        Customer tokyo = world.customer("Asia/Tokyo", "JPY", "10");
        Customer honolulu = world.customer("Pacific/Honolulu", "USD", "4.712");
        Subscription inTokyo = world.subscribe(tokyo, world.plan("JPY", 12_000, BillingInterval.monthly()), 1,
                LocalDate.of(2026, 12, 1), null);
        Subscription inHonolulu = world.subscribe(honolulu, world.plan("USD", 9_900, BillingInterval.monthly()), 1,
                LocalDate.of(2026, 12, 1), null);
        InvoiceIssuing issuing = world.issuing();

        world.clock.set(Instant.parse("2026-11-30T14:59:59Z")); // 23:59:59 in Tokyo
        assertEquals(Outcome.Kind.NOT_DUE, issuing.process(inTokyo.id()).kind());
        world.clock.advance(Duration.ofSeconds(1)); // midnight in Tokyo, 05:00 the day before in Honolulu
        assertEquals(Outcome.Kind.BILLED, issuing.process(inTokyo.id()).kind());
        assertEquals(Outcome.Kind.NOT_DUE, issuing.process(inHonolulu.id()).kind());
        world.clock.set(Instant.parse("2026-12-01T10:00:00Z")); // midnight in Honolulu
        assertEquals(Outcome.Kind.BILLED, issuing.process(inHonolulu.id()).kind());

        Invoice jp = world.invoicesOf(tokyo).get(0);
        assertEquals(LocalDate.of(2026, 12, 1), jp.issueDate());
        assertEquals(13_200, jp.total().minor());
        Invoice us = world.invoicesOf(honolulu).get(0);
        assertEquals(LocalDate.of(2026, 12, 1), us.issueDate());
        assertEquals(9_900 + 466, us.total().minor(), "4.712% of 99.00 = 4.66488 → 4.66");
    }

    @Test
    void anOutageIsCaughtUpOnePeriodEachAndBeyondTheBoundTheSubscriptionIsParked() {
        BillingWorld world = new BillingWorld(engine, Instant.parse("2026-01-01T00:00:00Z"));
        Customer customer = world.customer("UTC", "EUR", "0");
        Plan plan = world.plan("EUR", 1_000, BillingInterval.monthly());
        Subscription shortOutage = world.subscribe(customer, plan, 1, LocalDate.of(2026, 1, 15), null);
        Customer other = world.customer("UTC", "EUR", "0");
        Subscription longOutage = world.subscribe(other, plan, 1, LocalDate.of(2024, 1, 15), null);

        // The scheduler was down until April 20: January, February, March and April 15 are all due.
        world.clock.set(Instant.parse("2026-04-20T00:00:00Z"));
        Outcome caughtUp = world.issuing().process(shortOutage.id());
        assertEquals(Outcome.Kind.BILLED, caughtUp.kind());
        assertEquals(4, caughtUp.invoiceIds().size());
        assertEquals(List.of("2026-01-15", "2026-02-15", "2026-03-15", "2026-04-15"),
                world.invoicesOf(customer).stream().map(i -> i.periodStart().toString()).toList());
        assertEquals(List.of(LocalDate.of(2026, 4, 20)), world.invoicesOf(customer).stream()
                .map(Invoice::issueDate).distinct().toList(), "billed late, issued today, never backdated");
        assertEquals(Outcome.Kind.NOT_DUE, world.issuing().process(shortOutage.id()).kind(), "each once");

        // 28 periods behind is more than the 12 caught up unattended: parked for a person, nothing billed.
        Outcome parked = world.issuing().process(longOutage.id());
        assertEquals(Outcome.Kind.PARKED, parked.kind());
        assertEquals(0, world.invoicesOf(other).size());
        assertTrue(world.reload(longOutage).parkedReason().contains("more than the 12"), parked.reason());
    }

    @Test
    void cancelAtPeriodEndEndsTheSubscriptionInsteadOfRenewingIt() {
        BillingWorld world = new BillingWorld(engine, Instant.parse("2026-03-01T00:00:00Z"));
        Customer customer = world.customer("UTC", "USD", "0");
        Subscription subscription = world.subscribe(customer, world.plan("USD", 2_000, BillingInterval.monthly()), 1,
                LocalDate.of(2026, 3, 1), null);
        world.issuing().process(subscription.id());
        world.store.subscriptions().update(world.reload(subscription).withCancelAtPeriodEnd(true));

        world.clock.set(Instant.parse("2026-04-01T00:00:00Z"));
        assertEquals(Outcome.Kind.CANCELED, world.issuing().process(subscription.id()).kind());
        assertEquals(1, world.invoicesOf(customer).size(), "March only");
        Subscription ended = world.reload(subscription);
        assertEquals(io.periodic.billing.model.SubscriptionStatus.CANCELED, ended.status());
        assertEquals(null, ended.nextBillingAt(), "out of the scheduler's index");
        world.clock.set(Instant.parse("2026-05-01T00:00:00Z"));
        assertEquals(Outcome.Kind.SKIPPED, world.issuing().process(subscription.id()).kind());
    }
}
