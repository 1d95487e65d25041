package io.periodic.billing.payments;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Refund;
import io.periodic.billing.ports.DomainEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Events of the payment flow on the billing bus: {@code invoice.paid}, {@code invoice.reopened} (a refund or
 * dispute took money back: dunning can resume), {@code payment.unapplied} (money held for a person),
 * {@code payment.refunded}, {@code refund.rejected} (a refund held for a person, with its reason),
 * {@code payment.applied} (a payment's application to invoices was committed: the customer's confirmation is mailed
 * by its consumer, off the payment path). Amounts are integer minor units with their currency. Ids are
 * deterministic.
 */
public final class PaymentEvents {
    public static final String INVOICE_PAID = "invoice.paid";
    public static final String INVOICE_REOPENED = "invoice.reopened";
    public static final String PAYMENT_UNAPPLIED = "payment.unapplied";
    public static final String PAYMENT_REFUNDED = "payment.refunded";
    /** A refund or dispute that can never be applied, held with its reason for a person. */
    public static final String REFUND_REJECTED = "refund.rejected";
    /**
     * A payment's application to invoices committed (in full or in part, first or later): the payment as it is now.
     * Its consumer (the document function) mails the customer's confirmations, once per (payment, invoice).
     */
    public static final String PAYMENT_APPLIED = "payment.applied";
    private static final JsonFactory JSON = new JsonFactory();

    private PaymentEvents() {}

    public static DomainEvent invoicePaid(Invoice invoice, String paymentId, Instant at) {
        return new DomainEvent(INVOICE_PAID, INVOICE_PAID + ":" + invoice.id(), at, invoice(invoice, paymentId));
    }

    public static DomainEvent invoiceReopened(Invoice invoice, String paymentId, String refundId, Instant at) {
        return new DomainEvent(INVOICE_REOPENED, INVOICE_REOPENED + ":" + invoice.id() + ":" + refundId, at,
                invoice(invoice, paymentId));
    }

    public static DomainEvent paymentUnapplied(Payment payment, Instant at) {
        return new DomainEvent(PAYMENT_UNAPPLIED, PAYMENT_UNAPPLIED + ":" + payment.id(), at, payment(payment));
    }

    /** Id {@code payment.applied:<payment id>:<amount applied>}: one per distinct application state. */
    public static DomainEvent paymentApplied(Payment payment, Instant at) {
        return new DomainEvent(PAYMENT_APPLIED, PAYMENT_APPLIED + ":" + payment.id() + ":" + payment.applied().minor(),
                at, payment(payment));
    }

    public static DomainEvent paymentRefunded(Payment payment, String refundId, Instant at) {
        return new DomainEvent(PAYMENT_REFUNDED, PAYMENT_REFUNDED + ":" + payment.id() + ":" + refundId, at,
                payment(payment));
    }

    public static DomainEvent refundRejected(Payment payment, Refund refund, Instant at) {
        return new DomainEvent(REFUND_REJECTED, REFUND_REJECTED + ":" + payment.id() + ":" + refund.refundId(), at,
                json(g -> {
                    g.writeStringField("paymentId", payment.id());
                    g.writeStringField("provider", payment.provider());
                    g.writeStringField("providerPaymentId", payment.providerPaymentId());
                    g.writeStringField("refundId", refund.refundId());
                    g.writeStringField("kind", refund.kind().name());
                    g.writeStringField("currency", refund.amount().currency().getCurrencyCode());
                    g.writeNumberField("amount", refund.amount().minor());
                    g.writeStringField("reason", refund.reason());
                }));
    }

    private static String invoice(Invoice invoice, String paymentId) {
        return json(g -> {
            g.writeStringField("invoiceId", invoice.id());
            g.writeStringField("number", invoice.number());
            g.writeStringField("status", invoice.status().name());
            g.writeStringField("customerId", invoice.customerId());
            g.writeStringField("currency", invoice.currency().getCurrencyCode());
            g.writeNumberField("total", invoice.total().minor());
            g.writeNumberField("amountPaid", invoice.amountPaid().minor());
            g.writeNumberField("amountDue", invoice.amountDue().minor());
            if (invoice.writtenOff().isPositive()) {
                g.writeNumberField("bankFeeWrittenOff", invoice.writtenOff().minor()); // docs/bank-fees.md
            }
            g.writeStringField("dueDate", invoice.dueDate().toString());
            g.writeStringField("paymentId", paymentId);
        });
    }

    private static String payment(Payment payment) {
        return json(g -> {
            g.writeStringField("paymentId", payment.id());
            g.writeStringField("provider", payment.provider());
            g.writeStringField("providerPaymentId", payment.providerPaymentId());
            g.writeStringField("status", payment.status().name());
            g.writeStringField("currency", payment.amount().currency().getCurrencyCode());
            g.writeNumberField("amount", payment.amount().minor());
            g.writeNumberField("applied", payment.applied().minor());
            g.writeNumberField("unapplied", payment.unapplied().minor());
            g.writeNumberField("refunded", payment.refunded().minor());
            if (payment.customerId() != null) {
                g.writeStringField("customerId", payment.customerId());
            }
            if (payment.unappliedReason() != null) {
                g.writeStringField("reason", payment.unappliedReason());
            }
        });
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(Fields fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
