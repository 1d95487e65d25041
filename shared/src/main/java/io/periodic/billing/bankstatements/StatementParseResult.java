package io.periodic.billing.bankstatements;

import io.periodic.billing.payments.PaymentNotification;
import java.util.List;
import java.util.Objects;

/**
 * What a statement parser took and what it left: every booked credit becomes one payment; every other entry (a debit,
 * a pending entry, a reversal, a zero amount) is reported in {@code skipped} with the reason, so the API can answer
 * for the whole file. Both lists keep the statement's order and are unmodifiable.
 *
 * @param payments one notification per booked credit (per transaction detail for a split batch booking)
 * @param skipped the entries not taken, with why
 */
public record StatementParseResult(List<PaymentNotification> payments, List<Skipped> skipped) {

    public StatementParseResult {
        payments = List.copyOf(Objects.requireNonNull(payments, "payments"));
        skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
    }

    /**
     * An entry the parser did not turn into a payment.
     *
     * @param reference the bank's reference for the entry ({@code AcctSvcrRef}, else {@code NtryRef}; for a
     *     transaction of a split batch {@code <entry reference>/<transaction reference>}; the CSV {@code reference}),
     *     or, for a camt entry without any reference, its position such as {@code "entry 4"}
     * @param reason why, e.g. {@code "debit"}, {@code "not booked: PDNG"}, {@code "unsupported: reversal"},
     *     {@code "zero amount"}
     */
    public record Skipped(String reference, String reason) {
        public Skipped {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
