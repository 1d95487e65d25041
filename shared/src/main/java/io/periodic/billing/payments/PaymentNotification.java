package io.periodic.billing.payments;

import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * What any source - a Stripe webhook, a Standard Webhooks connector, a bank statement entry - tells us about
 * money, in one canonical shape. Intake turns each verified delivery into zero or more of these; the matcher
 * applies them.
 *
 * @param provider where the money moved, lower case: {@code stripe}, {@code bank}, or the connector's name
 * @param eventId the source's id of this notification (one delivery may be retried; same id)
 * @param providerPaymentId the source's id of the payment; for a refund or dispute, the ORIGINAL payment's id.
 *     Payments are deduplicated on (provider, providerPaymentId)
 * @param refundId for REFUNDED and DISPUTED: the id of the refund or dispute itself (a payment can be refunded in
 *     several parts); null for RECEIVED
 * @param amount always positive: the amount received, refunded or disputed
 * @param invoiceReference an invoice number the source carries explicitly (e.g. Stripe metadata), or null
 * @param remittanceText free text that may quote an invoice number (description, bank remittance information)
 * @param runningTotal for REFUNDED only: {@code amount} is not this refund's amount but everything refunded from
 *     the payment so far, as the source reports it (Stripe's cumulative {@code amount_refunded}); the refund id is
 *     then one per total ({@code <charge>:refunded:<total>}). Whoever applies it counts only what it adds to the
 *     refunds already counted.
 * @param receivingAccount the account the money arrived in, when the source says and it matters (a Zengin
 *     statement's header account, {@code bank-branch-account} such as {@code 0172-101-1234567}: a customer's
 *     virtual account identifies the customer), or null
 */
public record PaymentNotification(
        Kind kind,
        String provider,
        String eventId,
        String providerPaymentId,
        String refundId,
        Money amount,
        Payer payer,
        String invoiceReference,
        String remittanceText,
        Instant occurredAt,
        boolean runningTotal,
        String receivingAccount) {

    public enum Kind {
        /** Money received from a payer. */
        RECEIVED,
        /** Money returned to the payer (in full or in part). */
        REFUNDED,
        /** The payer disputed the payment (charge-back): treated like a refund until resolved. */
        DISPUTED,
        /** The dispute ({@code refundId}) closed for the seller: the disputed money comes back and is applied again. */
        DISPUTE_WON,
        /** The dispute ({@code refundId}) closed for the payer: the money stays taken back; the outcome is recorded. */
        DISPUTE_LOST
    }

    public PaymentNotification {
        Objects.requireNonNull(kind, "kind");
        if (provider == null || !provider.matches("[a-z0-9_\\-]{1,40}")) {
            throw new IllegalArgumentException("provider must be 1-40 lower-case letters, digits, - or _: " + provider);
        }
        requireText(eventId, "event id");
        requireText(providerPaymentId, "provider payment id");
        if (kind != Kind.RECEIVED) {
            requireText(refundId, "refund id");
        }
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment notification carries a positive amount, got " + amount);
        }
        payer = payer == null ? Payer.UNKNOWN : payer;
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (runningTotal && kind != Kind.REFUNDED) {
            throw new IllegalArgumentException("only a refund is reported as a running total");
        }
        if (receivingAccount != null && (receivingAccount.isBlank() || receivingAccount.length() > 64)) {
            throw new IllegalArgumentException("receiving account must be 1-64 characters when given");
        }
    }

    /** A notification that does not say which account received the money. */
    public PaymentNotification(Kind kind, String provider, String eventId, String providerPaymentId, String refundId,
            Money amount, Payer payer, String invoiceReference, String remittanceText, Instant occurredAt,
            boolean runningTotal) {
        this(kind, provider, eventId, providerPaymentId, refundId, amount, payer, invoiceReference, remittanceText,
                occurredAt, runningTotal, null);
    }

    /** A notification whose amount is its own (not a running total). */
    public PaymentNotification(Kind kind, String provider, String eventId, String providerPaymentId, String refundId,
            Money amount, Payer payer, String invoiceReference, String remittanceText, Instant occurredAt) {
        this(kind, provider, eventId, providerPaymentId, refundId, amount, payer, invoiceReference, remittanceText,
                occurredAt, false, null);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank() || value.length() > 255) {
            throw new IllegalArgumentException(field + " is required (1-255 characters)");
        }
    }
}
