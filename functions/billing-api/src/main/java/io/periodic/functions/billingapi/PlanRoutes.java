package io.periodic.functions.billingapi;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.calendar.IntervalUnit;
import io.periodic.billing.model.Plan;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.service.AccountService;
import io.periodic.functions.billingapi.Http.ApiProblem;
import io.periodic.functions.billingapi.Http.Request;
import io.periodic.functions.billingapi.Http.Response;
import io.periodic.functions.billingapi.Http.Route;
import java.util.Currency;
import java.util.List;

/** {@code /plans}: create and read the plans subscriptions are billed at (through {@link AccountService}). */
final class PlanRoutes implements Http.Resource {
    private final AccountService accounts;

    PlanRoutes(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("POST", "/plans", "createPlan", this::create),
                new Route("GET", "/plans/{id}", "getPlan", this::get));
    }

    private Response create(Request r) {
        JsonIn in = JsonIn.body(r.body(), "name", "currency", "unitAmount", "interval", "intervalCount",
                "trialDays", "taxBehavior", "taxRate");
        Currency currency = in.currency("currency");
        Long unit = in.optAmount("unitAmount");
        if (unit == null) {
            throw ApiProblem.field("/unitAmount", "'unitAmount' is required (minor units, e.g. 1999 for 19.99)");
        }
        IntervalUnit interval = in.parsed("interval", true, text -> switch (text) {
            case "day" -> IntervalUnit.DAY;
            case "week" -> IntervalUnit.WEEK;
            case "month" -> IntervalUnit.MONTH;
            case "year" -> IntervalUnit.YEAR;
            default -> throw new IllegalArgumentException("must be day, week, month or year, got " + text);
        });
        int count = in.intIn("intervalCount", BillingInterval.MIN_COUNT, BillingInterval.MAX_COUNT, 1);
        TaxBehavior tax = in.parsed("taxBehavior", false, text -> switch (text) {
            case "exclusive" -> TaxBehavior.EXCLUSIVE;
            case "inclusive" -> TaxBehavior.INCLUSIVE;
            default -> throw new IllegalArgumentException("must be exclusive or inclusive, got " + text);
        });
        // The price's own rate (e.g. "8" for a Japanese reduced-rate item); absent or null: the customer's rate.
        TaxRate rate = in.parsed("taxRate", false, TaxRate::of);
        String id = r.derivedId("plan");
        Plan plan = in.build(() -> new Plan(id, in.string("name"), Money.of(unit, currency),
                BillingInterval.of(interval, count), in.intIn("trialDays", 0, 730, 0),
                tax == null ? TaxBehavior.EXCLUSIVE : tax, true, null, rate));
        Plan created = Idempotency.createOnce(r, () -> accounts.createPlan(plan), () -> accounts.plan(id));
        return Response.created(Views.plan(created), "/plans/" + created.id());
    }

    private Response get(Request r) {
        return Response.ok(Views.plan(accounts.plan(r.pathParam("id"))));
    }
}
