package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.service.InvoiceIssuing.Outcome;
import io.periodic.billing.testing.BillingWorld;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Japan's qualified invoice on the generator's use case, on DynamoDB Local (docs/tax.md): a seller in Japan billing
 * yen with consumption tax and without a valid registration number is parked with that reason and issues nothing
 * (no number taken); with a valid T-number the same subscription's invoice carries each plan's own rate, 10 % and
 * reduced 8 %, with tax rounded once per rate.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class QualifiedInvoiceIssuingTest {
    private static final Instant DEC_1_TOKYO = Instant.parse("2026-11-30T15:00:00Z");
    private final DynamoDbLocalEngine engine;

    QualifiedInvoiceIssuingTest(DynamoDbLocalEngine engine) {
        this.engine = engine;
    }

    private static SellerProfile inJapan(SellerProfile s, String taxId) {
        return new SellerProfile("株式会社テスト", new Address("1-1", null, "100-0001", "千代田区", "東京都", "JP"),
                s.email(), null, null, taxId, s.bankAccount(), null, s.invoicePrefix(), s.creditNotePrefix());
    }

    private static Plan plan(BillingWorld world, long yen, String rate) {
        return world.store.plans().create(new Plan(Ids.newId("plan"), "Plan " + yen, Money.of(yen, "JPY"),
                BillingInterval.monthly(), 0, TaxBehavior.EXCLUSIVE, true, null, rate == null ? null : TaxRate.of(rate)));
    }

    /** A monthly subscription from December 1 to several plans (the quantity of each given after it). */
    private static Subscription subscribe(BillingWorld world, Customer customer, List<SubscriptionItem> items) {
        Subscription draft = new Subscription(Ids.newId("sub"), customer.id(), items, LocalDate.of(2026, 12, 1),
                BillingInterval.monthly(), SubscriptionStatus.ACTIVE, false, null, 0, null, null, List.of(),
                world.clock.now(), null);
        return world.store.subscriptions().create(draft.advancedTo(0, BillingCycle.dueInstant(draft, customer, 0)));
    }

    @Test
    void aJapaneseSellerWithoutAValidRegistrationNumberIsParkedAndIssuesNothing() {
        for (String taxId : new String[] {null, "T4011001234567"}) {
            BillingWorld world = new BillingWorld(engine, DEC_1_TOKYO);
            world.store.settings().putSeller(inJapan(world.seller, taxId));
            Customer customer = world.customer("Asia/Tokyo", "JPY", "10");
            Subscription sub = subscribe(world, customer, List.of(new SubscriptionItem(plan(world, 3_000, null).id(), 8),
                    new SubscriptionItem(plan(world, 1_527, "8").id(), 3)));

            Outcome outcome = world.issuing().processOrPark(sub.id());

            assertEquals(Outcome.Kind.PARKED, outcome.kind(), String.valueOf(taxId));
            assertTrue(outcome.reason().contains("登録番号"), outcome.reason());
            assertEquals(outcome.reason(), world.reload(sub).parkedReason(), "the reason is on the subscription");
            assertTrue(world.invoicesOf(customer).isEmpty(), "no non-qualified invoice was issued");
            assertEquals(0, world.numbersTaken(2026), "no number taken");
            assertEquals(Outcome.Kind.SKIPPED, world.issuing().process(sub.id()).kind(), "stays parked");
        }
    }

    @Test
    void withAValidRegistrationNumberEachPlanIsTaxedAtItsOwnRateRoundedOncePerRate() {
        BillingWorld world = new BillingWorld(engine, DEC_1_TOKYO);
        world.store.settings().putSeller(inJapan(world.seller, "T2011001234567"));
        Customer customer = world.customer("Asia/Tokyo", "JPY", "10");
        Subscription sub = subscribe(world, customer, List.of(new SubscriptionItem(plan(world, 3_000, null).id(), 8),
                new SubscriptionItem(plan(world, 1_527, "8").id(), 3), new SubscriptionItem(plan(world, 2_106, "8").id(), 1)));

        Outcome outcome = world.issuing().processOrPark(sub.id());

        assertEquals(Outcome.Kind.BILLED, outcome.kind(), String.valueOf(outcome.reason()));
        Invoice invoice = world.invoicesOf(customer).get(0);
        assertEquals(List.of("10", "8", "8"), invoice.lines().stream().map(l -> l.taxRate().toString()).toList(),
                "the plan without a rate takes the customer's 10 %");
        // 8 %: (4,581 + 2,106) × 8 % = 534.96 → 535 once (per line it would be 366 + 168 = 534); 10 %: 2,400.
        assertEquals(Map.of(TaxRate.of("8"), Money.of(535, "JPY"), TaxRate.of("10"), Money.of(2_400, "JPY")),
                invoice.taxByRate());
        assertEquals(List.of(2_400L, 367L, 168L), invoice.lines().stream().map(InvoiceLine::tax)
                .map(Money::minor).toList(), "the rate's tax spread over its lines, largest remainder");
        assertEquals(24_000 + 4_581 + 2_106 + 2_935, invoice.total().minor());
        assertNull(world.reload(sub).parkedReason());
    }

    @Test
    void aJapaneseSellerMayIssueUntaxedOrForeignCurrencyInvoicesWithoutARegistrationNumber() {
        BillingWorld world = new BillingWorld(engine, DEC_1_TOKYO);
        world.store.settings().putSeller(inJapan(world.seller, null));
        Customer exempt = world.customer("Asia/Tokyo", "JPY", "0");
        Subscription untaxed = world.subscribe(exempt, plan(world, 3_000, null), 1, LocalDate.of(2026, 12, 1), null);
        assertEquals(Outcome.Kind.BILLED, world.issuing().processOrPark(untaxed.id()).kind());
        Customer abroad = world.customer("America/New_York", "USD", "0");
        Plan usd = world.plan("USD", 1_000, BillingInterval.monthly());
        world.clock.set(Instant.parse("2026-12-01T05:00:00Z"));
        Subscription dollars = world.subscribe(abroad, usd, 1, LocalDate.of(2026, 12, 1), null);
        assertEquals(Outcome.Kind.BILLED, world.issuing().processOrPark(dollars.id()).kind());
    }
}
