package io.periodic.functions.billingapi;

import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Refund;
import io.periodic.billing.payments.Suggestions;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.service.DuplicateException;
import io.periodic.billing.service.Listing;
import io.periodic.billing.service.PaymentQueries;
import io.periodic.billing.service.PaymentService;
import io.periodic.functions.billingapi.Http.ApiProblem;
import io.periodic.functions.billingapi.Http.Request;
import io.periodic.functions.billingapi.Http.Response;
import io.periodic.functions.billingapi.Http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * {@code /payments} and {@code /refunds} (the openapi.yaml tag payments): read payments, list those holding
 * unapplied cash and the refunds that can never be applied ({@link PaymentQueries}), apply unapplied cash by
 * hand and undo a misapplied payment ({@link PaymentService}).
 */
final class PaymentRoutes implements Http.Resource {
    private final PaymentQueries queries;
    private final PaymentService payments;
    private final Clock clock;

    PaymentRoutes(PaymentQueries queries, PaymentService payments, Clock clock) {
        this.queries = queries;
        this.payments = payments;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", "/payments", "listPayments", this::list),
                new Route("GET", "/payments/{id}", "getPayment", this::get),
                new Route("POST", "/payments/{id}/applications", "applyPayment", this::apply),
                new Route("GET", "/payments/{id}/suggestions", "listPaymentSuggestions", this::suggestions),
                new Route("POST", "/payments/{id}/unapply", "unapplyPayment", this::unapply),
                new Route("GET", "/refunds", "listRefunds", this::listRefunds));
    }

    private Response list(Request r) {
        Query q = new Query(r.query(), "status", "limit", "cursor");
        String status = q.string("status");
        if (!"unapplied".equals(status)) {
            throw ApiProblem.parameter("status", "list payments with status=unapplied (payments holding unapplied "
                    + "cash); a customer's payments are on GET /invoices/{id} and GET /payments/{id}");
        }
        Listing<Payment> page = queries.unapplied(q.limit(), q.string("cursor"));
        return Response.ok(Views.page(page.items().stream().map(p -> Views.payment(p, null)).toList(),
                page.nextCursor()));
    }

    private Response listRefunds(Request r) {
        Query q = new Query(r.query(), "status", "limit", "cursor");
        if (!"rejected".equals(q.string("status"))) {
            throw ApiProblem.parameter("status", "list refunds with status=rejected (refunds and disputes that can "
                    + "never be applied, e.g. in another currency than their payment, with the reason)");
        }
        Listing<Refund> page = queries.rejectedRefunds(q.limit(), q.string("cursor"));
        return Response.ok(Views.page(page.items().stream().map(Views::refund).toList(), page.nextCursor()));
    }

    private Response get(Request r) {
        Payment payment = queries.payment(r.pathParam("id"));
        return Response.ok(Views.payment(payment, queries.allocations(payment.id())));
    }

    private Response suggestions(Request r) {
        new Query(r.query());
        return Response.ok(SuggestionViews.suggestions(payments.suggestions(r.pathParam("id"))));
    }

    private Response apply(Request r) {
        JsonIn in = JsonIn.body(r.body(), "applications", "suggestionId");
        if (in.present("suggestionId")) {
            return applySuggestion(r, in);
        }
        List<PaymentService.ManualApplication> applications = new ArrayList<>();
        List<JsonIn> items = in.objectsWithin("applications", 1, PaymentService.MAX_MANUAL_APPLICATIONS,
                " (one application is one transaction, never half-applied, and DynamoDB takes at most "
                        + PaymentService.MAX_TRANSACTION_ITEMS
                        + " items in one: apply to more invoices in several requests)", "invoiceId", "amount");
        List<String> invoiceIds = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonIn item = items.get(i);
            String invoiceId = item.id("invoiceId");
            Long amount = item.optAmount("amount");
            if (amount == null || amount == 0) {
                throw ApiProblem.field("/applications/" + i + "/amount", "'amount' is required and must be positive");
            }
            invoiceIds.add(invoiceId);
            applications.add(new PaymentService.ManualApplication(invoiceId, amount));
        }
        long markerExpires = clock.now().plus(Idempotency.KEEP.multipliedBy(2)).getEpochSecond();
        Payment after;
        try {
            after = Http.referencing(() -> payments.applyManually(r.pathParam("id"), applications, r.caller(),
                    r.idempotencyScope(), markerExpires),
                    (what, id) -> what.equals("invoice") && invoiceIds.contains(id)
                            ? "/applications/" + invoiceIds.indexOf(id) + "/invoiceId" : null);
        } catch (DuplicateException committedBefore) {
            // This request's application was committed by an earlier attempt that failed or died before answering.
            if (!r.interrupted()) {
                throw Idempotency.keyUsedBefore();
            }
            after = payments.announcePending(r.pathParam("id"));
        } catch (IllegalArgumentException refused) {
            throw ApiProblem.field("/applications", refused.getMessage());
        }
        return Response.ok(Views.payment(after, queries.allocations(after.id())));
    }

    /** {@code {"suggestionId": "sug_…"}}: one of the payment's current suggestions, applied as a person accepted it. */
    private Response applySuggestion(Request r, JsonIn in) {
        if (in.present("applications")) {
            throw ApiProblem.field("/suggestionId", "send either 'applications' or 'suggestionId', not both");
        }
        String suggestionId = in.string("suggestionId");
        if (!Suggestions.ID.matcher(suggestionId).matches()) {
            throw ApiProblem.field("/suggestionId", "'suggestionId' is not a suggestion id: sug_ and 16 hex digits, "
                    + "as GET /payments/{id}/suggestions gives them");
        }
        return committedOnce(r, markerExpires -> payments.applySuggestion(r.pathParam("id"), suggestionId,
                r.caller(), r.idempotencyScope(), markerExpires));
    }

    /** {@code {"reason": "…"}}: the payment's applications undone, its money unapplied cash again. */
    private Response unapply(Request r) {
        JsonIn in = JsonIn.body(r.body(), "reason");
        String reason = in.string("reason");
        if (reason.isBlank() || reason.length() > PaymentService.MAX_UNAPPLY_REASON) {
            throw ApiProblem.field("/reason", "'reason' must be 1-" + PaymentService.MAX_UNAPPLY_REASON
                    + " characters (why the payment's applications are undone)");
        }
        return committedOnce(r, markerExpires -> payments.unapply(r.pathParam("id"), r.caller(), reason,
                r.idempotencyScope(), markerExpires));
    }

    /**
     * A change committed with the request's idempotency marker: a retry of a request whose change an earlier
     * attempt committed but could not answer gets the payment as it is (its pending events published); any other
     * reuse of the key is refused.
     */
    private Response committedOnce(Request r, LongFunction<Payment> change) {
        long markerExpires = clock.now().plus(Idempotency.KEEP.multipliedBy(2)).getEpochSecond();
        Payment after;
        try {
            after = change.apply(markerExpires);
        } catch (DuplicateException committedBefore) {
            if (!r.interrupted()) {
                throw Idempotency.keyUsedBefore();
            }
            after = payments.announcePending(r.pathParam("id"));
        }
        return Response.ok(Views.payment(after, queries.allocations(after.id())));
    }
}
