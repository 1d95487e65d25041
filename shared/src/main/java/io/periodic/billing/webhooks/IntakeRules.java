package io.periodic.billing.webhooks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The rules every intake (Stripe, Standard Webhooks, camt and CSV statements) applies to the text and the dates it
 * passes on in a {@link io.periodic.billing.payments.PaymentNotification}, so that what one intake refuses no other
 * lets through.
 *
 * <h2>Text</h2>
 * A value that is not text a person can read is refused ({@link #textProblem}): a lone surrogate (a JSON escape such
 * as {@code \ud800} that is no character; the payment queue cannot carry it, so it would be stored and never
 * enqueued), U+FFFE or U+FFFF (not allowed in an SQS message), a control character (NUL, ESC, DEL, C1; a
 * single-line value also no tab or line break), a bidirectional override, embedding or isolate (U+202A-U+202E,
 * U+2066-U+2069: they make a payer name, an IBAN or an invoice number read differently on screen; right-to-left
 * text itself is fine), or U+FFFD (text already damaged by a decoder). The management API applies the same rule to
 * what it stores.
 *
 * <h2>Dates</h2>
 * When the money moved must be between {@link #EARLIEST} and {@link #LATEST}: sort keys hold instants as fixed-width
 * text (a five-digit or negative year would sort before every other payment), and no payment is older than 1970.
 */
public final class IntakeRules {
    /** The earliest date of a payment: 1970-01-01T00:00:00Z. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The latest date of a payment: 9999-12-31T23:59:59Z. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private IntakeRules() {}

    /**
     * What makes {@code text} unfit to pass on, or null when it is fine.
     *
     * @param multiLine whether tab and line breaks are allowed (remittance text), or not (names, ids, accounts)
     * @return a phrase that can follow "field: ", e.g. {@code holds the bidirectional control U+202E (at character
     *     5)}
     */
    public static String textProblem(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "holds a lone surrogate (at character " + i + "): not text";
            }
            if (Character.isLowSurrogate(c)) {
                return "holds a lone surrogate (at character " + i + "): not text";
            }
            boolean allowed = multiLine && (c == '\t' || c == '\n' || c == '\r');
            if ((c < 0x20 || c >= 0x7f && c <= 0x9f) && !allowed) {
                return String.format("holds the control character U+%04X (at character %d)", (int) c, i);
            }
            if (c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069') {
                return String.format("holds the bidirectional control U+%04X (at character %d); send the text without"
                        + " overrides", (int) c, i);
            }
            if (c == '\ufffd' || c == '\ufffe' || c == '\uffff') {
                return String.format("holds U+%04X (at character %d): not text", (int) c, i);
            }
        }
        return null;
    }

    /** Whether a payment may be dated {@code instant}: between {@link #EARLIEST} and {@link #LATEST}. */
    public static boolean isPlausible(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** Whether a payment may be booked on {@code date}: 1970-01-01 to 9999-12-31. */
    public static boolean isPlausible(LocalDate date) {
        return isPlausible(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The range, for messages: {@code between 1970-01-01 and 9999-12-31}. */
    public static String range() {
        return "between 1970-01-01 and 9999-12-31";
    }
}
