package io.periodic.functions.billingapi;

import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.service.CorrectionService;
import io.periodic.billing.service.InvoiceQueries;
import io.periodic.billing.service.Listing;
import io.periodic.functions.billingapi.Http.ApiProblem;
import io.periodic.functions.billingapi.Http.Request;
import io.periodic.functions.billingapi.Http.Response;
import io.periodic.functions.billingapi.Http.Route;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /invoices}: list and read invoices and their documents ({@link InvoiceQueries}); void them and issue
 * credit notes ({@link CorrectionService}, which decides what an invoice's state allows).
 */
final class InvoiceRoutes implements Http.Resource {
    private final InvoiceQueries invoices;
    private final CorrectionService corrections;

    InvoiceRoutes(InvoiceQueries invoices, CorrectionService corrections) {
        this.invoices = invoices;
        this.corrections = corrections;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", "/invoices", "listInvoices", this::list),
                new Route("GET", "/invoices/{id}", "getInvoice", this::get),
                new Route("GET", "/invoices/{id}/document", "getInvoiceDocument", this::document),
                new Route("POST", "/invoices/{id}/void", "voidInvoice", this::voidInvoice),
                new Route("POST", "/invoices/{id}/credit-notes", "createCreditNote", this::creditNote));
    }

    private Response list(Request r) {
        Query q = new Query(r.query(), "customerId", "status", "limit", "cursor");
        String customerId = q.string("customerId");
        if (customerId != null && !Ids.wellFormed(customerId)) {
            throw ApiProblem.parameter("customerId", "'customerId' is not an id we issue: ids are 1-128 characters "
                    + "of A-Z a-z 0-9 _ . : -");
        }
        InvoiceStatus status = q.parsed("status", text -> {
            try {
                return InvoiceStatus.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be one of draft, open, paid, void, uncollectible");
            }
        });
        int limit = q.limit();
        String cursor = q.string("cursor");
        Listing<Invoice> page;
        if (customerId != null) {
            page = invoices.ofCustomer(customerId, status, limit, cursor);
        } else if (status == InvoiceStatus.OPEN) {
            page = invoices.open(limit, cursor);
        } else {
            throw ApiProblem.parameter("customerId",
                    "'customerId' is required unless status=open (all open invoices)");
        }
        return Response.ok(Views.page(page.items().stream().map(Views::invoiceSummary).toList(), page.nextCursor()));
    }

    private Response get(Request r) {
        InvoiceQueries.Detail detail = invoices.detail(r.pathParam("id"));
        return Response.ok(DeliveryViews.withMailHistory(Views.invoice(detail.invoice(), detail.dunning(),
                detail.payments()), detail.mail()));
    }

    private Response document(Request r) {
        Query q = new Query(r.query(), "format");
        String format = q.string("format");
        if (format == null) {
            format = "html";
        }
        if (!format.equals("html") && !format.equals("pdf")) {
            throw ApiProblem.parameter("format", "'format' must be html or pdf, got " + format);
        }
        InvoiceQueries.Document document = invoices.document(r.pathParam("id"), format.equals("pdf"));
        Invoice invoice = document.invoice();
        if (document.content() == null) {
            throw ApiProblem.notFound("the " + format + " document of invoice " + invoice.id() + " is not stored "
                    + (format.equals("pdf") ? "yet (PDFs are rendered within a minute of issue)" : ""));
        }
        if (format.equals("html")) {
            return new Response(200, "text/html; charset=utf-8",
                    new String(document.content(), StandardCharsets.UTF_8), false, Map.of());
        }
        return new Response(200, "application/pdf", Base64.getEncoder().encodeToString(document.content()), true,
                Map.of("Content-Disposition", "inline; filename=\"" + (invoice.number() == null ? invoice.id()
                        : invoice.number()) + ".pdf\""));
    }

    private Response voidInvoice(Request r) {
        JsonIn.optionalBody(r.body());
        return Response.ok(Views.invoiceSummary(corrections.voidInvoice(r.pathParam("id"), r.interrupted())));
    }

    private Response creditNote(Request r) {
        JsonIn in = JsonIn.body(r.body(), "amount", "reason", "disposition");
        Invoice invoice = invoices.invoice(r.pathParam("id"));
        Long amount = in.optAmount("amount");
        if (amount != null && amount == 0) {
            throw ApiProblem.field("/amount", "'amount' must be positive (omit it to credit everything not yet "
                    + "credited)");
        }
        String reason = in.string("reason");
        if (reason.strip().length() > 1000) {
            throw ApiProblem.field("/reason", "'reason' may be at most 1000 characters");
        }
        CreditNote.Disposition disposition = in.parsed("disposition", false, text -> switch (text) {
            case "reduce_amount_due" -> CreditNote.Disposition.REDUCE_AMOUNT_DUE;
            case "customer_balance" -> CreditNote.Disposition.CUSTOMER_BALANCE;
            default -> throw new IllegalArgumentException("must be reduce_amount_due or customer_balance, got " + text);
        });
        // One note per request: every attempt of it issues the note under the same id (scoped to the caller's key).
        String noteKey = r.idempotencyScope() != null ? r.idempotencyScope().substring(0, 20) : Ids.newId("k");
        CreditNote note;
        try {
            note = corrections.creditNote(invoice.id(), noteKey, amount == null ? null
                    : Money.of(amount, invoice.currency()), reason,
                    disposition == null ? CreditNote.Disposition.REDUCE_AMOUNT_DUE : disposition);
        } catch (IllegalArgumentException refused) {
            throw ApiProblem.field("/amount", refused.getMessage());
        }
        return Response.created(Views.creditNote(note), "/invoices/" + invoice.id());
    }
}
