package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.money.Money;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Money received from a payment gateway or a bank. Its id derives from (provider, provider payment id), so the
 * same payment reported twice - webhook retry, statement re-upload, queue redrive - is one item.
 *
 * @param applied part of {@code amount} applied to invoices or credit balance
 * @param refunded part of {@code amount} returned to the payer
 * @param feeWrittenOff the bank fee the payer deducted (振込手数料) that was written off on the invoices this payment
 *     closed (docs/bank-fees.md): received + fee written off = settled on invoices and credit + unapplied + refunded
 * @param customerId the customer it was attributed to, once known
 * @param unappliedReason why (part of) it could not be applied, for the person who resolves it
 * @param announced whether the events of its last application (invoice.paid, payment.unapplied, ...) were
 *     published; false right after an application is committed, so a crash before publishing is caught up
 * @param receivingAccount the account it arrived in when the source said ({@code bank-branch-account} of a Zengin
 *     statement), or null
 */
public record Payment(
        String id,
        String provider,
        String providerPaymentId,
        Money amount,
        Payer payer,
        String remittanceText,
        Instant receivedAt,
        PaymentStatus status,
        Money applied,
        Money refunded,
        Money feeWrittenOff,
        String customerId,
        String unappliedReason,
        boolean announced,
        String receivingAccount,
        Long version) {

    public Payment {
        provider = required(provider, "provider", 40);
        if (!provider.matches("[a-z0-9_\\-]+")) {
            throw new IllegalArgumentException("provider must be lower-case letters, digits, - or _: " + provider);
        }
        providerPaymentId = required(providerPaymentId, "provider payment id", MAX_PROVIDER_PAYMENT_ID);
        if (!idFor(provider, providerPaymentId).equals(id)) {
            throw new IllegalArgumentException("payment id must be idFor(provider, providerPaymentId)");
        }
        notNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment amount must be positive: " + amount);
        }
        notNull(payer, "payer");
        remittanceText = optional(remittanceText, "remittance text", 2000);
        notNull(receivedAt, "receivedAt");
        notNull(status, "status");
        notNull(applied, "applied").requireSameCurrency(amount);
        notNull(refunded, "refunded").requireSameCurrency(amount);
        if (applied.isNegative() || refunded.isNegative() || applied.plus(refunded).isGreaterThan(amount)) {
            throw new IllegalArgumentException("applied " + applied + " + refunded " + refunded + " exceed " + amount);
        }
        feeWrittenOff = feeWrittenOff == null ? Money.zero(amount.currency()) : feeWrittenOff;
        feeWrittenOff.requireSameCurrency(amount);
        if (feeWrittenOff.isNegative()) {
            throw new IllegalArgumentException("fee written off cannot be negative: " + feeWrittenOff);
        }
        if (customerId != null) {
            customerId = Ids.check(customerId, "customer id");
        }
        unappliedReason = optional(unappliedReason, "unapplied reason", 1000);
        receivingAccount = optional(receivingAccount, "receiving account", 64);
    }

    /** A payment that does not say which account received it. */
    public Payment(String id, String provider, String providerPaymentId, Money amount, Payer payer,
            String remittanceText, Instant receivedAt, PaymentStatus status, Money applied, Money refunded,
            Money feeWrittenOff, String customerId, String unappliedReason, boolean announced, Long version) {
        this(id, provider, providerPaymentId, amount, payer, remittanceText, receivedAt, status, applied, refunded,
                feeWrittenOff, customerId, unappliedReason, announced, null, version);
    }

    /** A payment with no bank fee written off. */
    public Payment(String id, String provider, String providerPaymentId, Money amount, Payer payer,
            String remittanceText, Instant receivedAt, PaymentStatus status, Money applied, Money refunded,
            String customerId, String unappliedReason, boolean announced, String receivingAccount, Long version) {
        this(id, provider, providerPaymentId, amount, payer, remittanceText, receivedAt, status, applied, refunded,
                null, customerId, unappliedReason, announced, receivingAccount, version);
    }

    /** A payment with no bank fee written off that does not say which account received it. */
    public Payment(String id, String provider, String providerPaymentId, Money amount, Payer payer,
            String remittanceText, Instant receivedAt, PaymentStatus status, Money applied, Money refunded,
            String customerId, String unappliedReason, boolean announced, Long version) {
        this(id, provider, providerPaymentId, amount, payer, remittanceText, receivedAt, status, applied, refunded,
                null, customerId, unappliedReason, announced, null, version);
    }

    /** A payment whose events are all published. */
    public Payment(String id, String provider, String providerPaymentId, Money amount, Payer payer,
            String remittanceText, Instant receivedAt, PaymentStatus status, Money applied, Money refunded,
            String customerId, String unappliedReason, Long version) {
        this(id, provider, providerPaymentId, amount, payer, remittanceText, receivedAt, status, applied, refunded,
                null, customerId, unappliedReason, true, null, version);
    }

    /** The longest provider payment id: what every intake accepts (docs/payment-events.md: 1-255 characters). */
    public static final int MAX_PROVIDER_PAYMENT_ID = 255;
    /**
     * The longest payment id: it is part of sort keys (at most 1,024 bytes), the longest being an allocation's
     * {@code ALLOC#<time>#<payment id>} with 27 characters before it.
     */
    public static final int MAX_ID = 997;

    /**
     * The deterministic id of a provider's payment. Provider payment ids may contain any character, so the id is
     * the provider plus a hex encoding when the raw id is not key-safe, or - when that would be longer than
     * {@link #MAX_ID} (ids that could never be stored whole before; every shorter id is unchanged) - the provider
     * plus the SHA-256 of the raw id.
     */
    public static String idFor(String provider, String providerPaymentId) {
        String raw = provider + ":" + providerPaymentId;
        if (raw.matches("[A-Za-z0-9][A-Za-z0-9_.:\\-]{0,127}")) {
            return raw;
        }
        byte[] bytes = providerPaymentId.getBytes(StandardCharsets.UTF_8);
        if (provider.length() + 2 + 2 * bytes.length > MAX_ID) {
            try {
                return provider + ":h" + HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        StringBuilder hex = new StringBuilder(provider).append(":x");
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    /** Received and neither applied nor refunded: held as unapplied cash. */
    public Money unapplied() {
        return amount.minus(applied).minus(refunded);
    }

    public Payment withVersion(Long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /** The payment after an application: how much is applied and refunded now, why the rest is not. */
    public Payment settled(PaymentStatus newStatus, Money newApplied, Money newRefunded, String newCustomerId,
            String reason) {
        return toBuilder().status(newStatus).applied(newApplied).refunded(newRefunded).customerId(newCustomerId)
                .unappliedReason(reason).announced(false).build();
    }

    /** The payment after a bank fee of {@code fee} more was written off on the invoices it closed. */
    public Payment withFeeWrittenOff(Money fee) {
        return toBuilder().feeWrittenOff(feeWrittenOff.plus(fee)).build();
    }

    public Payment announcedNow() {
        return toBuilder().announced(true).build();
    }

    /** A builder with every field unset (nulls, zeros, false). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this payment's fields: change some, then {@link Builder#build} checks the result. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link Payment}s field by field; {@link #build} runs the record's checks, so a built payment is as
     * valid as a constructed one.
     */
    public static final class Builder {
        private String id;
        private String provider;
        private String providerPaymentId;
        private Money amount;
        private Payer payer;
        private String remittanceText;
        private Instant receivedAt;
        private PaymentStatus status;
        private Money applied;
        private Money refunded;
        private Money feeWrittenOff;
        private String customerId;
        private String unappliedReason;
        private boolean announced;
        private String receivingAccount;
        private Long version;

        private Builder() {}

        private Builder(Payment from) {
            id = from.id;
            provider = from.provider;
            providerPaymentId = from.providerPaymentId;
            amount = from.amount;
            payer = from.payer;
            remittanceText = from.remittanceText;
            receivedAt = from.receivedAt;
            status = from.status;
            applied = from.applied;
            refunded = from.refunded;
            feeWrittenOff = from.feeWrittenOff;
            customerId = from.customerId;
            unappliedReason = from.unappliedReason;
            announced = from.announced;
            receivingAccount = from.receivingAccount;
            version = from.version;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder provider(String value) {
            provider = value;
            return this;
        }

        public Builder providerPaymentId(String value) {
            providerPaymentId = value;
            return this;
        }

        public Builder amount(Money value) {
            amount = value;
            return this;
        }

        public Builder payer(Payer value) {
            payer = value;
            return this;
        }

        public Builder remittanceText(String value) {
            remittanceText = value;
            return this;
        }

        public Builder receivedAt(Instant value) {
            receivedAt = value;
            return this;
        }

        public Builder status(PaymentStatus value) {
            status = value;
            return this;
        }

        public Builder applied(Money value) {
            applied = value;
            return this;
        }

        public Builder refunded(Money value) {
            refunded = value;
            return this;
        }

        public Builder feeWrittenOff(Money value) {
            feeWrittenOff = value;
            return this;
        }

        public Builder customerId(String value) {
            customerId = value;
            return this;
        }

        public Builder unappliedReason(String value) {
            unappliedReason = value;
            return this;
        }

        public Builder announced(boolean value) {
            announced = value;
            return this;
        }

        public Builder receivingAccount(String value) {
            receivingAccount = value;
            return this;
        }

        public Builder version(Long value) {
            version = value;
            return this;
        }

        public Payment build() {
            return new Payment(id, provider, providerPaymentId, amount, payer, remittanceText, receivedAt, status,
                    applied, refunded, feeWrittenOff, customerId, unappliedReason, announced, receivingAccount,
                    version);
        }
    }
}
