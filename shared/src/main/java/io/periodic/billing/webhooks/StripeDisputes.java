package io.periodic.billing.webhooks;

import static io.periodic.billing.webhooks.StripeEvents.amount;
import static io.periodic.billing.webhooks.StripeEvents.id;
import static io.periodic.billing.webhooks.StripeEvents.invoiceReference;
import static io.periodic.billing.webhooks.StripeEvents.notification;
import static io.periodic.billing.webhooks.StripeEvents.paymentIdOf;
import static io.periodic.billing.webhooks.StripeEvents.requireKind;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import java.util.List;

/**
 * Stripe's dispute events ({@code data.object} is the dispute, https://docs.stripe.com/api/disputes/object):
 * payment id: its {@code payment_intent}, else its {@code charge}; refund id: the dispute id ({@code dp_…});
 * amount: the disputed {@code amount}.
 * <ul>
 *   <li>{@code charge.dispute.created}: DISPUTED (taken back like a refund until it is resolved).
 *   <li>{@code charge.dispute.closed}, by the dispute's {@code status}: {@code won} - and {@code warning_closed},
 *       an inquiry closed without becoming a charge-back, where no money left the seller - is DISPUTE_WON (the
 *       money comes back); {@code lost} is DISPUTE_LOST (it stays taken back). Any other status on a closed
 *       event (none is documented) produces nothing.
 * </ul>
 */
final class StripeDisputes {
    private StripeDisputes() {}

    static List<PaymentNotification> of(StripeEvents.Event event) {
        JsonNode dispute = requireKind(event.object(), "dispute");
        String disputeId = id(dispute, "id", "data.object.id");
        String chargeId = id(dispute, "charge", "data.object.charge");
        String paymentId = paymentIdOf(dispute, chargeId);
        Money amount = amount(dispute, "amount", "data.object");
        Kind kind = Kind.DISPUTED;
        if (event.type().equals(StripeEvents.CHARGE_DISPUTE_CLOSED)) {
            JsonNode status = dispute.get("status");
            String closed = status != null && status.isTextual() ? status.textValue() : "";
            if (closed.equals("won") || closed.equals("warning_closed")) {
                kind = Kind.DISPUTE_WON;
            } else if (closed.equals("lost")) {
                kind = Kind.DISPUTE_LOST;
            } else {
                return List.of();
            }
        }
        return List.of(notification(kind, event, paymentId, disputeId, amount, Payer.UNKNOWN,
                invoiceReference(dispute), null));
    }
}
