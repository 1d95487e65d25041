package io.periodic.billing.service;

import io.periodic.billing.bankstatements.CamtParser;
import io.periodic.billing.bankstatements.ZenginDateStyle;
import io.periodic.billing.bankstatements.ZenginParser;
import io.periodic.billing.bankstatements.ZenginStatement;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Zengin part of {@code POST /bank-statements} (docs/bank-statement-zengin.md, "Intake"): the whole file is
 * parsed (and refused as a whole) first; then the entries whose payments are already stored are counted as
 * duplicates and not enqueued (BatchGetItem, 100 identities a call), and each cancellation whose credit is not in
 * the file becomes a refund of the payment it names. Nothing is written here: {@link PaymentIntake} stores the
 * delivery and enqueues what this returns.
 */
final class ZenginIntake {
    /** The query parameter (and, as {@code Zengin-Date-Style}, the header) naming how the file writes its dates. */
    static final String DATE_STYLE = "dateStyle";
    static final String DATE_STYLE_HEADER = "zengin-date-style";
    /** How far before a cancellation's 勘定日 the credit it reverses is looked for. */
    static final int CANCELLATION_LOOKBACK_DAYS = 62;
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** What the file asks for: the notifications to enqueue and the counts of the response. */
    record Plan(List<PaymentNotification> notifications, PaymentIntake.Counts counts) {}

    private final BillingStore store;
    private final Clock clock;

    ZenginIntake(BillingStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The date style named by the {@code dateStyle} query parameter or the {@code Zengin-Date-Style} header
     * ({@code auto} when neither is given).
     *
     * @throws IntakeException 400 {@code invalid-parameter} naming the parameter, for a value not known
     */
    static ZenginDateStyle dateStyle(Map<String, String> query, Map<String, String> headers) {
        String value = query == null ? null : query.get(DATE_STYLE);
        String name = DATE_STYLE;
        if (value == null) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase(DATE_STYLE_HEADER)) {
                    value = h.getValue();
                    name = "Zengin-Date-Style";
                }
            }
        }
        if (value == null) {
            return ZenginDateStyle.AUTO;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> ZenginDateStyle.AUTO;
            case "reiwa" -> ZenginDateStyle.REIWA;
            case "heisei" -> ZenginDateStyle.HEISEI;
            case "western" -> ZenginDateStyle.WESTERN;
            default -> throw new IntakeException(400, "invalid-parameter", name + ": "
                    + shown(value) + " is not a date style; use auto (the default), reiwa, western or heisei");
        };
    }

    /** The file parsed as a whole (any refusal is thrown before anything is read or written). */
    ZenginStatement parse(byte[] body, ZenginDateStyle style) {
        return ZenginParser.parse(body, style, LocalDate.ofInstant(clock.instant(), TOKYO));
    }

    /** What to enqueue for {@code statement}, after reading which of its payments and reversals already exist. */
    Plan plan(ZenginStatement statement) {
        List<String> ids = new ArrayList<>(statement.entries().size());
        for (ZenginStatement.Entry e : statement.entries()) {
            ids.add(Payment.idFor(CamtParser.PROVIDER, e.identity()));
        }
        Set<String> stored = new HashSet<>();
        for (Payment p : store.payments().getAll(ids)) {
            stored.add(p.id());
        }
        List<PaymentNotification> out = new ArrayList<>();
        int duplicate = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (stored.contains(ids.get(i))) {
                duplicate++;
            } else {
                out.add(statement.entries().get(i).toNotification());
            }
        }
        int cancelled = 0;
        Map<ZenginStatement.Cancellation, String> targets = reversed(statement.cancellations());
        for (ZenginStatement.Cancellation c : statement.cancellations()) {
            String target = targets.get(c);
            String refundId = refundId(c);
            if (store.payments().getRefund(Payment.idFor(CamtParser.PROVIDER, target), refundId).isPresent()) {
                duplicate++;
                continue;
            }
            out.add(new PaymentNotification(PaymentNotification.Kind.REFUNDED, CamtParser.PROVIDER, refundId, target,
                    refundId, Money.of(c.amount(), ZenginStatement.CURRENCY), Payer.UNKNOWN, null,
                    "取消 (cancellation) in record " + c.record(),
                    c.bookingDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
            cancelled++;
        }
        int accepted = out.size() - cancelled;
        return new Plan(out, new PaymentIntake.Counts(accepted, duplicate, cancelled, statement.skipped().size()));
    }

    /**
     * The refund id of a cancellation: {@code zengin-cancel:} and the cancellation record's own identity, so the
     * same cancellation uploaded again is the same refund.
     */
    static String refundId(ZenginStatement.Cancellation c) {
        return "zengin-cancel:" + c.reverses() + ":" + c.bookingDate();
    }

    /**
     * The provider payment id each cancellation reverses. A cancellation names its credit by account and 照会番号
     * but not by 勘定日, so the candidates are that credit on the cancellation's 勘定日 and each of the
     * {@value #CANCELLATION_LOOKBACK_DAYS} days before, read in one batch: the stored one of the cancelled amount,
     * else any stored one, the latest first; when none is stored (yet), the one of the cancellation's own 勘定日 -
     * the refund then waits for that payment, as every refund that arrives before its payment does.
     */
    private Map<ZenginStatement.Cancellation, String> reversed(List<ZenginStatement.Cancellation> cancellations) {
        Map<String, ZenginStatement.Cancellation> byCandidate = new HashMap<>();
        for (ZenginStatement.Cancellation c : cancellations) {
            for (int d = 0; d <= CANCELLATION_LOOKBACK_DAYS; d++) {
                byCandidate.put(Payment.idFor(CamtParser.PROVIDER, candidate(c, c.bookingDate().minusDays(d))), c);
            }
        }
        Map<ZenginStatement.Cancellation, List<Payment>> found = new HashMap<>();
        if (!cancellations.isEmpty()) {
            for (Payment p : store.payments().getAll(byCandidate.keySet())) {
                for (ZenginStatement.Cancellation c : cancellations) {
                    if (p.providerPaymentId().startsWith("zengin:" + c.reverses() + ":")) {
                        found.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
                    }
                }
            }
        }
        Map<ZenginStatement.Cancellation, String> targets = new HashMap<>();
        for (ZenginStatement.Cancellation c : cancellations) {
            List<Payment> stored = found.getOrDefault(c, List.of());
            targets.put(c, stored.stream()
                    .sorted(Comparator.comparing((Payment p) -> p.amount().minor() != c.amount())
                            .thenComparing(Payment::providerPaymentId, Comparator.reverseOrder()))
                    .map(Payment::providerPaymentId).findFirst().orElse(candidate(c, c.bookingDate())));
        }
        return targets;
    }

    private static String candidate(ZenginStatement.Cancellation c, LocalDate bookingDate) {
        return "zengin:" + c.reverses() + ":" + bookingDate;
    }

    private static String shown(String value) {
        String v = value.replaceAll("[^\\x20-\\x7e]", "?");
        return "\"" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "\"";
    }
}
