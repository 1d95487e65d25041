package io.periodic.functions.billingapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.model.DeliveryStatus;
import io.periodic.billing.model.MailEvent;
import io.periodic.billing.service.DeliveryFeedback.CustomerDelivery;
import java.time.Instant;
import java.util.List;

/** The JSON of mail delivery (openapi.yaml: DeliveryStatus, MailEvent): a customer's status, an invoice's mail. */
final class DeliveryViews {
    private DeliveryViews() {}

    /** A customer with its {@code deliveryStatus}. */
    static ObjectNode customer(CustomerDelivery d) {
        ObjectNode o = Views.customer(d.customer());
        o.set("deliveryStatus", status(d.status()));
        return o;
    }

    static ObjectNode status(DeliveryStatus s) {
        ObjectNode o = Views.F.objectNode();
        o.put("address", s.address());
        o.put("deliveryProblem", s.suppresses());
        o.put("suppressed", s.suppressed() == null ? null : Views.lower(s.suppressed().name()));
        o.put("suppressedSince", time(s.suppressedSince()));
        o.put("suppressedSends", s.suppressedSends());
        o.put("softBounces", s.softBounces());
        o.put("lastEvent", s.lastKind() == null ? null : Views.lower(s.lastKind().name()));
        o.put("lastEventAt", time(s.lastEventAt()));
        o.put("lastMailKey", s.lastMailKey());
        o.put("lastDetail", s.lastDetail());
        o.put("clearedAt", time(s.clearedAt()));
        return o;
    }

    /** Adds an invoice's {@code mailHistory} (delivered, bounced, complained, suppressed, oldest first). */
    static ObjectNode withMailHistory(ObjectNode invoice, List<MailEvent> events) {
        ArrayNode history = invoice.putArray("mailHistory");
        for (MailEvent e : events) {
            history.addObject()
                    .put("event", Views.lower(e.kind().name()))
                    .put("recipient", e.recipient())
                    .put("mailKey", e.mailKey())
                    .put("at", e.occurredAt().toString())
                    .put("detail", e.detail());
        }
        return invoice;
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
