package io.periodic.billing.payments;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link PaymentNotification} as the payment queue's message body: flat JSON, amounts as integer minor units with
 * their currency. Written and read with Jackson's streaming API (no reflection).
 */
public final class PaymentNotificationJson {
    private static final JsonFactory JSON = new JsonFactory();

    private PaymentNotificationJson() {}

    public static String write(PaymentNotification n) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("kind", n.kind().name());
            g.writeStringField("provider", n.provider());
            g.writeStringField("eventId", n.eventId());
            g.writeStringField("providerPaymentId", n.providerPaymentId());
            field(g, "refundId", n.refundId());
            g.writeNumberField("amount", n.amount().minor());
            g.writeStringField("currency", n.amount().currency().getCurrencyCode());
            field(g, "payerName", n.payer().name());
            field(g, "payerEmail", n.payer().email());
            field(g, "payerReference", n.payer().customerReference());
            field(g, "payerAccount", n.payer().account());
            field(g, "invoiceReference", n.invoiceReference());
            field(g, "remittanceText", n.remittanceText());
            g.writeStringField("occurredAt", n.occurredAt().toString());
            field(g, "receivingAccount", n.receivingAccount());
            if (n.runningTotal()) {
                g.writeBooleanField("runningTotal", true);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads a message body; anything that is not one is an IllegalArgumentException saying what is wrong. */
    public static PaymentNotification read(String json) {
        Map<String, String> text = new HashMap<>();
        Long amount = null;
        boolean runningTotal = false;
        try (JsonParser p = JSON.createParser(json == null ? "" : json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("payment notification is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("amount")) {
                    if (value != JsonToken.VALUE_NUMBER_INT) {
                        throw new IllegalArgumentException("amount must be integer minor units");
                    }
                    amount = p.getLongValue();
                } else if (field.equals("runningTotal")) {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                        throw new IllegalArgumentException("runningTotal must be a boolean");
                    }
                    runningTotal = value == JsonToken.VALUE_TRUE;
                } else if (value == JsonToken.VALUE_STRING) {
                    text.put(field, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("payment notification is not valid JSON", e);
        }
        if (amount == null || text.get("currency") == null || text.get("kind") == null
                || text.get("occurredAt") == null) {
            throw new IllegalArgumentException("payment notification lacks kind, amount, currency or occurredAt");
        }
        try {
            return new PaymentNotification(PaymentNotification.Kind.valueOf(text.get("kind")), text.get("provider"),
                    text.get("eventId"), text.get("providerPaymentId"), text.get("refundId"),
                    Money.of(amount, Currencies.of(text.get("currency"))),
                    new Payer(text.get("payerName"), text.get("payerEmail"), text.get("payerReference"),
                            text.get("payerAccount")),
                    text.get("invoiceReference"), text.get("remittanceText"), Instant.parse(text.get("occurredAt")),
                    runningTotal, text.get("receivingAccount"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("payment notification is invalid: " + e.getMessage(), e);
        }
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
