package io.periodic.billing.invoicing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.money.Money;
import io.periodic.billing.ports.DomainEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The invoice events other systems subscribe to. Amounts are integer minor units with their currency. Event ids
 * are deterministic ({@code invoice.finalized:<invoice id>}), so a repeated publication can be recognised.
 *
 * <pre>{"invoiceId":"in_sub_…_2026-11-01","number":"INV-2026-000123","status":"OPEN","customerId":"cus_…",
 * "subscriptionId":"sub_…","currency":"JPY","total":13200,"amountDue":13200,"issueDate":"2026-11-01",
 * "dueDate":"2026-12-01","periodStart":"2026-11-01","periodEnd":"2026-12-01","documentUrl":"https://…"}</pre>
 */
public final class InvoiceEvents {
    public static final String FINALIZED = "invoice.finalized";
    public static final String VOIDED = "invoice.voided";
    public static final String CREDIT_NOTE_ISSUED = "credit_note.issued";
    private static final JsonFactory JSON = new JsonFactory();

    private InvoiceEvents() {}

    public static DomainEvent finalized(Invoice invoice, String documentUrl) {
        return new DomainEvent(FINALIZED, FINALIZED + ":" + invoice.id(),
                invoice.finalizedAt() != null ? invoice.finalizedAt() : invoice.createdAt(), detail(invoice, documentUrl));
    }

    public static DomainEvent voided(Invoice invoice, String documentUrl, Instant at) {
        return new DomainEvent(VOIDED, VOIDED + ":" + invoice.id(), at, detail(invoice, documentUrl));
    }

    public static DomainEvent creditNoteIssued(CreditNote note, String documentUrl) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("creditNoteId", note.id());
            g.writeStringField("number", note.number());
            g.writeStringField("invoiceId", note.invoiceId());
            g.writeStringField("customerId", note.customerId());
            g.writeStringField("currency", note.total().currency().getCurrencyCode());
            money(g, "subtotal", note.subtotal());
            money(g, "tax", note.tax());
            money(g, "total", note.total());
            g.writeArrayFieldStart("taxRates"); // per rate, as in the API (docs/tax.md)
            for (CreditNote.TaxPart part : note.taxParts()) {
                g.writeStartObject();
                g.writeStringField("taxRate", part.rate() == null ? null : part.rate().toString());
                money(g, "subtotal", part.subtotal());
                money(g, "tax", part.tax());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("disposition", note.disposition().name());
            g.writeStringField("issueDate", note.issueDate().toString());
            if (documentUrl != null) {
                g.writeStringField("documentUrl", documentUrl);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DomainEvent(CREDIT_NOTE_ISSUED, CREDIT_NOTE_ISSUED + ":" + note.id(), note.createdAt(), out.toString());
    }

    static String detail(Invoice invoice, String documentUrl) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("invoiceId", invoice.id());
            g.writeStringField("number", invoice.number());
            g.writeStringField("status", invoice.status().name());
            g.writeStringField("customerId", invoice.customerId());
            if (invoice.subscriptionId() != null) {
                g.writeStringField("subscriptionId", invoice.subscriptionId());
            }
            g.writeStringField("currency", invoice.currency().getCurrencyCode());
            money(g, "total", invoice.total());
            money(g, "amountDue", invoice.amountDue());
            money(g, "amountPaid", invoice.amountPaid());
            g.writeStringField("issueDate", invoice.issueDate().toString());
            g.writeStringField("dueDate", invoice.dueDate().toString());
            if (invoice.periodStart() != null) {
                g.writeStringField("periodStart", invoice.periodStart().toString());
                g.writeStringField("periodEnd", invoice.periodEnd().toString());
            }
            if (documentUrl != null) {
                g.writeStringField("documentUrl", documentUrl);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void money(JsonGenerator g, String field, Money amount) throws IOException {
        g.writeNumberField(field, amount.minor());
    }
}
