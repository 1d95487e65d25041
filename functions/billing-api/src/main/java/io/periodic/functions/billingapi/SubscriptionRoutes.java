package io.periodic.functions.billingapi;

import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.service.AccountService;
import io.periodic.billing.service.ConflictException;
import io.periodic.functions.billingapi.Http.ApiProblem;
import io.periodic.functions.billingapi.Http.Request;
import io.periodic.functions.billingapi.Http.Response;
import io.periodic.functions.billingapi.Http.Route;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code /subscriptions}: subscribe a customer to a plan, change, cancel, pause and resume (through
 * {@link AccountService}, which decides what each status allows).
 */
final class SubscriptionRoutes implements Http.Resource {
    private final AccountService accounts;

    SubscriptionRoutes(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("POST", "/subscriptions", "createSubscription", this::create),
                new Route("GET", "/subscriptions/{id}", "getSubscription", this::get),
                new Route("POST", "/subscriptions/{id}/changes", "changeSubscription", this::change),
                new Route("POST", "/subscriptions/{id}/cancel", "cancelSubscription", this::cancel),
                new Route("POST", "/subscriptions/{id}/pause", "pauseSubscription", this::pause),
                new Route("POST", "/subscriptions/{id}/resume", "resumeSubscription", this::resume));
    }

    private Response create(Request r) {
        JsonIn in = JsonIn.body(r.body(), "customerId", "planId", "quantity", "startDate");
        String customerId = in.id("customerId");
        String planId = in.id("planId");
        long quantity = quantity(in, 1L);
        LocalDate start = in.date("startDate");
        String subscriptionId = r.derivedId("sub");
        Subscription subscription;
        try {
            subscription = Http.referencing(() -> Idempotency.createOnce(r,
                    () -> accounts.subscribe(subscriptionId, customerId, planId, quantity, start),
                    () -> accounts.subscription(subscriptionId)),
                    (what, id) -> what.equals("customer") && id.equals(customerId) ? "/customerId"
                            : what.equals("plan") && id.equals(planId) ? "/planId" : null);
        } catch (IllegalArgumentException refused) {
            throw ApiProblem.field(refused.getMessage().startsWith("startDate") ? "/startDate" : "/quantity",
                    refused.getMessage());
        }
        return Response.created(Views.subscription(subscription), "/subscriptions/" + subscription.id());
    }

    private static long quantity(JsonIn in, Long absent) {
        Long quantity = in.optInteger("quantity");
        if (quantity == null) {
            return absent;
        }
        if (quantity < 1 || quantity > 1_000_000_000L) {
            throw ApiProblem.field("/quantity", "'quantity' must be 1..1000000000, got " + quantity);
        }
        return quantity;
    }

    private Response get(Request r) {
        return Response.ok(Views.subscription(accounts.subscription(r.pathParam("id"))));
    }

    private Response change(Request r) {
        JsonIn in = JsonIn.body(r.body(), "planId", "quantity", "effectiveDate");
        String planId = in.has("planId") ? in.id("planId") : null;
        Long quantity = in.has("quantity") ? quantity(in, null) : null;
        if (planId == null && quantity == null) {
            throw ApiProblem.field("/", "name a new 'planId', a new 'quantity', or both");
        }
        // One change per request: every attempt of it carries the same change id (scoped to the caller's key).
        String changeId = r.idempotencyScope() != null ? "chg" + r.idempotencyScope().substring(0, 16)
                : Ids.newId("chg");
        Subscription after;
        try {
            after = Http.referencing(() -> accounts.change(r.pathParam("id"), planId, quantity,
                    in.optDate("effectiveDate"), changeId),
                    (what, id) -> what.equals("plan") && id.equals(planId) ? "/planId" : null);
        } catch (IllegalArgumentException refused) {
            throw ApiProblem.field("/quantity", refused.getMessage());
        }
        return Response.ok(Views.subscription(after));
    }

    private Response cancel(Request r) {
        JsonIn in = JsonIn.optionalBody(r.body(), "atPeriodEnd");
        Boolean atPeriodEnd = in.optBoolean("atPeriodEnd");
        boolean atEnd = atPeriodEnd == null || atPeriodEnd;
        return Response.ok(Views.subscription(transition(r, () -> accounts.cancel(r.pathParam("id"), atEnd),
                s -> s.status() == SubscriptionStatus.CANCELED || atEnd && s.cancelAtPeriodEnd())));
    }

    private Response pause(Request r) {
        JsonIn.optionalBody(r.body());
        return Response.ok(Views.subscription(transition(r, () -> accounts.pause(r.pathParam("id")),
                s -> s.status() == SubscriptionStatus.PAUSED)));
    }

    private Response resume(Request r) {
        JsonIn.optionalBody(r.body());
        return Response.ok(Views.subscription(transition(r, () -> accounts.resume(r.pathParam("id")),
                s -> s.status() == SubscriptionStatus.ACTIVE || s.status() == SubscriptionStatus.TRIALING)));
    }

    /**
     * A status change that refuses to happen twice (409). When an earlier attempt of this very request may have
     * committed it ({@link Request#interrupted}) and the subscription is where the request takes it, that is the
     * request's success, answered as such.
     */
    private Subscription transition(Request r, Supplier<Subscription> change, Predicate<Subscription> done) {
        try {
            return change.get();
        } catch (ConflictException refused) {
            if (r.interrupted()) {
                Subscription now = accounts.subscription(r.pathParam("id"));
                if (done.test(now)) {
                    return now;
                }
            }
            throw refused;
        }
    }
}
