package io.periodic.functions.billingapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.payments.PaymentMatching;
import io.periodic.billing.payments.Suggestions;
import io.periodic.billing.service.PaymentService;

/** The JSON of a payment's suggestions ({@code GET /payments/{id}/suggestions}), beside {@link Views}. */
final class SuggestionViews {
    private SuggestionViews() {}

    static ObjectNode suggestions(PaymentService.Suggested s) {
        ObjectNode o = Views.F.objectNode();
        o.put("paymentId", s.payment().id());
        o.put("currency", s.payment().amount().currency().getCurrencyCode());
        o.put("unapplied", s.payment().unapplied().minor());
        o.put("note", s.note());
        ArrayNode list = o.putArray("suggestions");
        for (Suggestions.Suggestion suggestion : s.suggestions()) {
            ObjectNode item = list.addObject();
            item.put("id", suggestion.id());
            item.put("customerId", suggestion.customerId());
            item.put("score", suggestion.score());
            ArrayNode applications = item.putArray("applications");
            for (PaymentMatching.Application a : suggestion.applications()) {
                applications.addObject().put("invoiceId", a.invoiceId()).put("amount", a.amount().minor());
            }
            ArrayNode reasons = item.putArray("reasons");
            for (Suggestions.Reason r : suggestion.reasons()) {
                reasons.addObject().put("kind", r.kind()).put("value", r.value()).put("weight", r.weight())
                        .put("text", r.text());
            }
        }
        return o;
    }
}
