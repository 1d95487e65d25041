package io.periodic.functions.billingapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.reports.PaymentBehaviourReport;
import io.periodic.billing.service.Listing;
import io.periodic.billing.service.ReportService;
import io.periodic.functions.billingapi.Http.ApiProblem;
import io.periodic.functions.billingapi.Http.Request;
import io.periodic.functions.billingapi.Http.Response;
import io.periodic.functions.billingapi.Http.Route;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** {@code /reports}: receivables aging, customers' payment behaviour, collections by day ({@link ReportService}). */
final class ReportRoutes implements Http.Resource {
    private final ReportService reports;
    private final Clock clock;

    ReportRoutes(ReportService reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", "/reports/aging", "agingReport", this::aging),
                new Route("GET", "/reports/payment-behaviour", "paymentBehaviourReport", this::behaviour),
                new Route("GET", "/reports/collections", "collectionsReport", this::collections));
    }

    private Response aging(Request r) {
        Query q = new Query(r.query(), "asOf");
        LocalDate asOf = q.date("asOf");
        return Response.ok(Views.aging(reports.aging(asOf != null ? asOf
                : LocalDate.ofInstant(clock.now(), ZoneOffset.UTC))));
    }

    private Response behaviour(Request r) {
        Query q = new Query(r.query(), "limit", "cursor");
        Listing<PaymentBehaviourReport.Line> page = reports.paymentBehaviour(q.limit(), q.string("cursor"));
        return Response.ok(Views.page(page.items().stream().map(Views::behaviour).toList(), page.nextCursor()));
    }

    private Response collections(Request r) {
        Query q = new Query(r.query(), "from", "to");
        LocalDate from = q.date("from");
        LocalDate to = q.date("to");
        if (from == null) {
            throw ApiProblem.parameter("from", "'from' is required (YYYY-MM-DD)");
        }
        if (to == null) {
            throw ApiProblem.parameter("to", "'to' is required (YYYY-MM-DD)");
        }
        try {
            ObjectNode o = Views.F.objectNode();
            o.put("from", from.toString());
            o.put("to", to.toString());
            o.put("timeZone", "UTC");
            ArrayNode days = o.putArray("days");
            reports.collections(from, to).forEach(d -> days.add(Views.collectionsDay(d)));
            return Response.ok(o);
        } catch (IllegalArgumentException badRange) {
            throw ApiProblem.parameter("to", badRange.getMessage());
        }
    }
}
