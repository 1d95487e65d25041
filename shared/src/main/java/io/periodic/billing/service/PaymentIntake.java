package io.periodic.billing.service;

import io.periodic.billing.bankstatements.CamtParser;
import io.periodic.billing.bankstatements.CsvStatementParser;
import io.periodic.billing.bankstatements.StatementLimits;
import io.periodic.billing.bankstatements.StatementParseResult;
import io.periodic.billing.bankstatements.ZenginDateStyle;
import io.periodic.billing.bankstatements.ZenginStatement;
import io.periodic.billing.model.InboundEvent;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotificationJson;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.billing.ports.MessageQueue;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.webhooks.Parsed;
import io.periodic.billing.webhooks.RequestBodies;
import io.periodic.billing.webhooks.StandardEvents;
import io.periodic.billing.webhooks.StandardWebhooksVerifier;
import io.periodic.billing.webhooks.StripeEvents;
import io.periodic.billing.webhooks.StripeSignatureVerifier;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Intake of payment notifications, in this order: verify the signature on the raw bytes → parse → store the
 * delivery durably, create-once on (provider, event id) - the provider being {@code stripe}, {@code bank} or the
 * Standard Webhooks connector whose secret verified the delivery → put its notifications on the payment queue → answer.
 * A duplicate delivery finds its stored event and changes nothing; a delivery stored but not yet enqueued (a crash
 * in between) is enqueued by the sender's retry. Refusals are {@link IntakeException}s with their HTTP status.
 */
public final class PaymentIntake {
    /** The most any source may send in one request. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Duration KEEP = Duration.ofDays(400);

    /**
     * What an accepted delivery did.
     *
     * @param counts for a Zengin file, what became of its records; null for every other delivery
     */
    public record Accepted(String status, String eventId, String eventType, int notifications,
            List<StatementParseResult.Skipped> skipped, Counts counts) {
        public Accepted(String status, String eventId, String eventType, int notifications,
                List<StatementParseResult.Skipped> skipped) {
            this(status, eventId, eventType, notifications, skipped, null);
        }
    }

    /**
     * What became of a Zengin file's data records.
     *
     * @param accepted credits enqueued as new payments
     * @param duplicate credits whose payment is already stored, and cancellations already applied (a re-uploaded or
     *     overlapping file)
     * @param cancelled cancellations enqueued as reversals of the payment they name
     * @param ignored records taken by no payment: debits, zero amounts, a credit and its cancellation in the same file
     */
    public record Counts(int accepted, int duplicate, int cancelled, int ignored) {}

    private final BillingStore store;
    private final MessageQueue queue;
    private final Secrets stripeSecrets;
    private final ConnectorSecrets standardSecrets;
    private final Clock clock;

    /**
     * @param stripeSecrets the Stripe endpoint's signing secrets
     * @param standardSecrets the Standard Webhooks connectors, each with its own secrets
     */
    public PaymentIntake(BillingStore store, MessageQueue queue, Secrets stripeSecrets,
            ConnectorSecrets standardSecrets, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.stripeSecrets = stripeSecrets;
        this.standardSecrets = standardSecrets;
        this.clock = clock;
    }

    /**
     * SnapStart priming: the hot path of a delivery without any real secret, so none is read before the snapshot
     * (it would live in every restored copy). Both verifiers check a signature under a throwaway in-memory secret
     * (and refuse it), both parsers read a sample event, and the event store is read for a key that does not
     * exist. Nothing is written or enqueued.
     */
    public void prime() {
        long now = clock.instant().getEpochSecond();
        byte[] stripeEvent = ("{\"id\":\"evt_priming\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
                + "\"created\":" + now + ",\"data\":{\"object\":{\"id\":\"pi_priming\",\"object\":\"payment_intent\","
                + "\"amount_received\":100,\"currency\":\"usd\",\"metadata\":{\"invoice_number\":\"INV-2000-000000\"}}}}")
                .getBytes(StandardCharsets.UTF_8);
        refusedAsExpected(() -> new StripeSignatureVerifier(List.of(PRIMING_SECRET), clock).verify(
                Map.of("stripe-signature", "t=" + now + ",v1=" + "0".repeat(64)), stripeEvent));
        StripeEvents.parse(stripeEvent);
        byte[] standardEvent = ("{\"type\":\"payment.received\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{"
                + "\"paymentId\":\"pay_priming\",\"amount\":\"1.00\",\"currency\":\"USD\"}}")
                .getBytes(StandardCharsets.UTF_8);
        refusedAsExpected(() -> new StandardWebhooksVerifier(List.of(new ConnectorSecrets.Connector("priming",
                List.of(PRIMING_SECRET))), clock).verify(
                "msg_priming", Long.toString(now), "v1," + Base64.getEncoder().encodeToString(new byte[32]),
                standardEvent));
        StandardEvents.parse("priming", "msg_priming", standardEvent);
        store.inbound().get("priming", "evt_priming");
    }

    /** A secret nobody holds, for priming only: 32 zero bytes. */
    private static final String PRIMING_SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    private static void refusedAsExpected(Runnable verification) {
        try {
            verification.run();
        } catch (IntakeException expected) {
            // a priming signature never matches
        }
    }

    public Accepted stripe(Map<String, String> headers, byte[] body) {
        checkSize(body);
        requireContentType(headers, "application/json");
        new StripeSignatureVerifier(stripeSecrets.current(), clock).verify(headers, body);
        return accept(StripeEvents.PROVIDER, StripeEvents.parse(body), body, List.of());
    }

    /**
     * A Standard Webhooks delivery. It belongs to the connector whose secret verified it: that connector is the
     * provider of its payments, and deliveries are deduplicated on (connector, webhook-id).
     */
    public Accepted standard(Map<String, String> headers, byte[] body) {
        checkSize(body);
        requireContentType(headers, "application/json");
        StandardWebhooksVerifier.Verified verified =
                new StandardWebhooksVerifier(standardSecrets.connectors(), clock).verify(headers, body);
        return accept(verified.connector(), StandardEvents.parse(verified.connector(), verified.webhookId(), body),
                body, List.of());
    }

    /**
     * camt.053/camt.054 XML or the documented CSV; each credit entry becomes one payment notification. The CSV is
     * UTF-8 (a charset parameter naming another is refused, 415). XML is read in the encoding its declaration
     * names; a Content-Type charset is honoured when the declaration names none, and refused (415) when it names
     * another one.
     */
    public Accepted bankStatement(Map<String, String> headers, byte[] body) {
        return bankStatement(headers, Map.of(), body);
    }

    /**
     * {@link #bankStatement(Map, byte[])}, and Zengin files ({@code text/x-zengin}, {@code application/x-zengin}):
     * Shift_JIS bytes read as they were sent, smaller than {@link StatementLimits#MAX_ZENGIN_BYTES} (not
     * {@link #MAX_BODY_BYTES}), their date style named by the {@code dateStyle} query parameter or the
     * {@code Zengin-Date-Style} header (auto when neither). See docs/bank-statement-zengin.md, "Intake".
     *
     * @param query the request's query parameters (null or empty when none)
     */
    public Accepted bankStatement(Map<String, String> headers, Map<String, String> query, byte[] body) {
        RequestBodies.ContentType type = RequestBodies.ContentType.of(headers);
        if (type.isZengin()) {
            return zengin(type, ZenginIntake.dateStyle(query, headers), body);
        }
        checkSize(body);
        StatementParseResult result;
        if (type.isXml()) {
            result = CamtParser.parse(xmlForParser(type, body));
        } else if (type.isCsv()) {
            if (!type.isUtf8OrUnstated()) {
                throw new IntakeException(415, "unsupported-media-type", "CSV statements are UTF-8"
                        + " (docs/bank-statement-csv.md), not " + printable(type.charset()));
            }
            result = CsvStatementParser.parse(body);
        } else {
            throw new IntakeException(415, "unsupported-media-type",
                    "bank statements are application/xml (camt.053, camt.054), text/csv or a Zengin file"
                    + " (application/x-zengin, text/x-zengin), not "
                    + printable(type.mediaType()));
        }
        String eventId = "sha256-" + sha256(body);
        Parsed parsed = new Parsed.Notifications(eventId, type.isCsv() ? "csv-statement" : "camt-statement",
                result.payments());
        return accept("bank", parsed, body, result.skipped());
    }

    /**
     * A Zengin file: parsed and checked as a whole before anything is stored; stored as a delivery without its body
     * (a file may be far above DynamoDB's 400 KB item limit; the event id is the SHA-256 of its bytes and its entries
     * become payments); only the entries and reversals not already stored are enqueued.
     */
    private Accepted zengin(RequestBodies.ContentType type, ZenginDateStyle style, byte[] body) {
        if (type.charset() != null && !SHIFT_JIS_NAMES.contains(type.charset().toLowerCase(Locale.ROOT))) {
            throw new IntakeException(415, "unsupported-media-type", "Zengin files are Shift_JIS (JIS X 0201"
                    + " half-width), not " + printable(type.charset()) + "; send the bytes the bank delivered");
        }
        ZenginIntake zengin = new ZenginIntake(store, clock);
        ZenginStatement statement = zengin.parse(body, style);
        ZenginIntake.Plan plan = zengin.plan(statement);
        String eventId = "sha256-" + sha256(body);
        Instant now = clock.instant();
        InboundEvent event;
        try {
            event = store.inbound().create(new InboundEvent(CamtParser.PROVIDER, eventId, ZENGIN_EVENT_TYPE,
                    InboundEvent.Status.RECEIVED, null, plan.notifications().size(), now,
                    now.plus(KEEP).getEpochSecond(), null));
        } catch (AlreadyExistsException duplicate) {
            event = store.inbound().get(CamtParser.PROVIDER, eventId).orElseThrow();
            if (event.status() != InboundEvent.Status.RECEIVED) {
                // The same bytes again: every entry and cancellation was taken by the first upload.
                return new Accepted("duplicate", eventId, ZENGIN_EVENT_TYPE, 0, statement.skipped(), new Counts(0,
                        statement.entries().size() + statement.cancellations().size(), 0, statement.skipped().size()));
            }
        }
        queue.sendAll(plan.notifications().stream().map(PaymentNotificationJson::write).toList());
        store.inbound().update(event.withStatus(InboundEvent.Status.ENQUEUED));
        return new Accepted("accepted", eventId, ZENGIN_EVENT_TYPE, plan.notifications().size(), statement.skipped(),
                plan.counts());
    }

    private static final String ZENGIN_EVENT_TYPE = "zengin-statement";
    /** The charset names a Zengin file may be declared in: all read its half-width bytes alike. */
    private static final Set<String> SHIFT_JIS_NAMES = Set.of("shift_jis", "shift-jis", "sjis", "windows-31j",
            "cp932", "ms932", "x-sjis", "us-ascii");

    /** The XML in the encoding the parser will read: its declaration's, else UTF-8. */
    private static byte[] xmlForParser(RequestBodies.ContentType type, byte[] body) {
        if (type.charset() == null) {
            return body;
        }
        Charset stated = RequestBodies.charsetOf(type.charset());
        String declared = RequestBodies.xmlEncoding(body);
        if (declared != null) {
            if (!RequestBodies.charsetOf(declared).equals(stated)) {
                throw new IntakeException(415, "unsupported-media-type", "the Content-Type says charset="
                        + printable(type.charset()) + " but the XML declaration says encoding="
                        + printable(declared) + "; send one encoding");
            }
            return body;
        }
        return stated.equals(StandardCharsets.UTF_8) ? body : RequestBodies.transcodeXmlToUtf8(body, stated);
    }

    private Accepted accept(String provider, Parsed parsed, byte[] body,
            List<StatementParseResult.Skipped> skipped) {
        Instant now = clock.instant();
        long expires = now.plus(KEEP).getEpochSecond();
        if (parsed instanceof Parsed.Ignored ignored) {
            try {
                store.inbound().create(new InboundEvent(provider, ignored.eventId(), ignored.eventType(),
                        InboundEvent.Status.IGNORED, body, 0, now, expires, null));
            } catch (AlreadyExistsException duplicate) {
                return new Accepted("duplicate", ignored.eventId(), ignored.eventType(), 0, List.of());
            }
            return new Accepted("ignored", ignored.eventId(), ignored.eventType(), 0, List.of());
        }
        Parsed.Notifications n = (Parsed.Notifications) parsed;
        InboundEvent event;
        try {
            event = store.inbound().create(new InboundEvent(provider, n.eventId(), n.eventType(),
                    InboundEvent.Status.RECEIVED, body, n.notifications().size(), now, expires, null));
        } catch (AlreadyExistsException duplicate) {
            event = store.inbound().get(provider, n.eventId()).orElseThrow();
            if (event.status() != InboundEvent.Status.RECEIVED) {
                return new Accepted("duplicate", n.eventId(), n.eventType(), 0, skipped);
            }
            // Stored by an earlier attempt that did not get to enqueue: enqueue now (the matcher deduplicates).
        }
        queue.sendAll(n.notifications().stream().map(PaymentNotificationJson::write).toList());
        store.inbound().update(event.withStatus(InboundEvent.Status.ENQUEUED));
        return new Accepted("accepted", n.eventId(), n.eventType(), n.notifications().size(), skipped);
    }

    private static void checkSize(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw new IntakeException(413, "payload-too-large",
                    "the body has " + body.length + " bytes; at most " + MAX_BODY_BYTES + " are accepted");
        }
    }

    /** The media type must be {@code expected} (JSON), in UTF-8: a charset parameter, if any, must say so. */
    private static void requireContentType(Map<String, String> headers, String expected) {
        RequestBodies.ContentType type = RequestBodies.ContentType.of(headers);
        if (!type.mediaType().equals(expected)) {
            throw new IntakeException(415, "unsupported-media-type",
                    "the body must be " + expected + ", not " + printable(type.mediaType()));
        }
        if (!type.isUtf8OrUnstated()) {
            throw new IntakeException(415, "unsupported-media-type",
                    expected + " is UTF-8 (RFC 8259), not " + printable(type.charset()));
        }
    }

    private static String printable(String type) {
        String t = type.isEmpty() ? "(none)" : type.replaceAll("[^\\x20-\\x7e]", "?");
        return t.length() > 60 ? t.substring(0, 60) + "…" : t;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
