package io.periodic.functions.billingapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.model.PayerAlias;
import io.periodic.billing.service.PayerAliasService.AliasView;
import java.util.List;

/** The JSON of learned payer aliases ({@code GET /customers/{id}/payer-aliases}), beside {@link Views}. */
final class PayerAliasViews {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PayerAliasViews() {}

    /** {@code {"data": [...]}}: a customer's learned payer aliases, each with its conflicts. */
    static ObjectNode list(List<AliasView> views) {
        ObjectNode o = F.objectNode();
        ArrayNode data = o.putArray("data");
        for (AliasView v : views) {
            PayerAlias a = v.alias();
            ObjectNode item = data.addObject();
            item.put("id", a.id());
            item.put("customerId", a.customerId());
            item.put("payerName", a.payerName());
            item.put("bankKey", a.bankKey());
            item.put("remittedFrom", a.remittedFrom());
            item.put("learnedBy", a.learnedBy());
            item.put("learnedAt", a.learnedAt().toString());
            item.put("confirmedAt", a.confirmedAt().toString());
            item.put("confirmations", a.confirmations());
            item.put("learnedFromPaymentId", a.learnedFromPayment());
            ArrayNode from = item.putArray("learnedFromPaymentIds");
            a.learnedFrom().forEach(from::add);
            item.put("conflict", v.conflict());
            ArrayNode others = item.putArray("conflictsWith");
            v.conflictsWith().forEach(others::add);
        }
        return o;
    }
}
