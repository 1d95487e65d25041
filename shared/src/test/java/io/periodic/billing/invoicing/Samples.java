package io.periodic.billing.invoicing;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small domain samples for the invoicing unit tests (no I/O). */
final class Samples {
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private Samples() {}

    static Customer customer(String zone, String currency, String taxRate, int terms) {
        return new Customer("cus_1", "Acme", "ap@acme.example", Currencies.of(currency), ZoneId.of(zone),
                Locale.ENGLISH, terms, TaxRate.of(taxRate), null,
                new Address("1 Main St", null, "10001", "New York", "NY", "US"), CREATED, 1L);
    }

    static Plan plan(String id, String currency, long minor, TaxBehavior behavior) {
        return new Plan(id, "Plan " + id, Money.of(minor, currency), BillingInterval.monthly(), 0, behavior, true, 1L);
    }

    static Subscription subscription(LocalDate anchor, SubscriptionStatus status, LocalDate trialEnd,
            SubscriptionItem... items) {
        return new Subscription("sub_1", "cus_1", List.of(items), anchor, BillingInterval.monthly(), status, false,
                trialEnd, 0, null, null, List.of(), CREATED, 1L);
    }

    static Map<String, Plan> plans(Plan... plans) {
        return java.util.Arrays.stream(plans).collect(java.util.stream.Collectors.toMap(Plan::id, p -> p));
    }
}
