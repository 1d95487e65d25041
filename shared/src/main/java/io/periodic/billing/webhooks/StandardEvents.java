package io.periodic.billing.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Our own payment events, delivered by any connector (a gateway or bank we have no dedicated parser for) as
 * Standard Webhooks signed by {@link StandardWebhooksVerifier}. The contract is documented for connector authors
 * in {@code docs/payment-events.md}; this class is its reference.
 *
 * <pre>{@code
 * {"type": "payment.received",
 *  "timestamp": "2026-11-05T09:30:00Z",
 *  "data": {"provider": "acme-pay", "paymentId": "pay_8812", "amount": "12.30", "currency": "EUR",
 *           "payer": {"name": "Jane Doe", "email": "jane@example.com", "reference": "C-1001", "account": "DE89…"},
 *           "invoiceNumber": "INV-2026-000123", "remittance": "Invoice INV-2026-000123"}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code type}: {@value #PAYMENT_RECEIVED} (RECEIVED) or {@value #PAYMENT_REFUNDED} (REFUNDED); any other
 *       type is {@link Parsed.Ignored}, so connectors may send more than we use.</li>
 *   <li>{@code timestamp}: when the money moved, ISO-8601 with an offset ({@code Z} or {@code +09:00}), between
 *       1970-01-01 and 9999-12-31 ({@link IntakeRules#isPlausible}).</li>
 *   <li>The provider of every payment is the connector whose secret verified the delivery
 *       ({@link StandardWebhooksVerifier.Verified#connector()}), never what the body says: a connector can only
 *       report and refund its own payments. {@code data.provider} is optional; when present it must be that
 *       connector's name, else the event is refused (422 {@code invalid-field}), since a connector that names
 *       another is misconfigured or forging.</li>
 *   <li>{@code data.paymentId}: the connector's payment id; for a refund, the refunded payment's id. 1-255
 *       characters, no control characters, no surrounding whitespace (it is a deduplication key).</li>
 *   <li>{@code data.refundId}: required for refunds (each partial refund has its own), forbidden otherwise.</li>
 *   <li>{@code data.amount}: a decimal string in major units, positive, parsed strictly by {@link Money#parse}:
 *       {@code "12.30"} and {@code "12.3"} are EUR 12.30; {@code "1.5"} JPY, {@code "10.005"} USD, {@code "1e3"},
 *       {@code "1,000"}, {@code "+5"} and a JSON number are refused, never rounded; at most
 *       {@link Money#MAX_MINOR} minor units (e.g. USD 9999999999999.99).</li>
 *   <li>{@code data.currency}: an upper-case ISO 4217 code of a monetary currency.</li>
 *   <li>{@code data.payer} (optional object): {@code name} (≤ 300), {@code email} (≤ 254), {@code reference}
 *       (a customer reference the payer quoted, ≤ 128), {@code account} (IBAN, masked card, ≤ 64); all optional
 *       strings.</li>
 *   <li>{@code data.invoiceNumber} (optional, ≤ 128): an invoice number the connector knows for sure;
 *       {@code data.remittance} (optional, ≤ 1000): free text that may quote one.</li>
 * </ul>
 * Every text member must be text a person can read ({@link IntakeRules#textProblem}: no lone surrogate, U+FFFD-U+FFFF,
 * control character or bidirectional override; tabs and line breaks only in {@code remittance}).
 * Unknown members are ignored (connectors may add fields). The event id is the {@code webhook-id} header: a
 * redelivery keeps it, so it deduplicates deliveries.
 *
 * <p>Refusals: not JSON or not an object, 400 {@code malformed-json}; anything else wrong, 422 with the field
 * path first in the message: {@code invalid-amount} for {@code data.amount} and {@code data.currency} (e.g.
 * {@code data.amount: 1.5 has more decimals than JPY allows}), {@code invalid-field} for the rest.
 */
public final class StandardEvents {
    public static final String PAYMENT_RECEIVED = "payment.received";
    public static final String PAYMENT_REFUNDED = "payment.refunded";
    /**
     * Names a connector may not have: {@code stripe} and {@code bank} belong to our own intakes, {@code standard} to
     * deliveries stored before connectors had names.
     */
    public static final Set<String> RESERVED_PROVIDERS = Set.of(StripeEvents.PROVIDER, "bank", "standard");

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9_\\-]{1,40}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?");
    private static final int MAX_ID_LENGTH = 255;
    private static final int MAX_AMOUNT_LENGTH = 40;
    private static final int MAX_TIMESTAMP_LENGTH = 64;

    private StandardEvents() {}

    /**
     * @param connector the connector whose secret verified the delivery
     *     ({@link StandardWebhooksVerifier.Verified#connector}): the provider of its payments
     * @param webhookId the verified {@code webhook-id} header ({@link StandardWebhooksVerifier.Verified#webhookId})
     * @param body the body exactly as verified
     * @throws IntakeException 400 {@code malformed-json}, 422 {@code invalid-field} or {@code invalid-amount}
     * @throws IllegalArgumentException if {@code webhookId} is not 1-255 visible ASCII characters or
     *     {@code connector} not a valid, unreserved name (the verifier guarantees both)
     */
    public static Parsed parse(String connector, String webhookId, byte[] body) {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(body, "body");
        if (!PROVIDER.matcher(connector).matches() || RESERVED_PROVIDERS.contains(connector)) {
            throw new IllegalArgumentException("connector must be an unreserved name of 1-40 of a-z, 0-9, - and _");
        }
        if (webhookId.isEmpty() || webhookId.length() > MAX_ID_LENGTH || !Signatures.visibleAscii(webhookId)) {
            throw new IllegalArgumentException("webhookId must be 1-255 visible ASCII characters");
        }
        JsonNode root = Json.readObject(body);
        JsonNode typeNode = Json.member(root, "type");
        if (typeNode == null || !typeNode.isTextual() || !TYPE.matcher(typeNode.textValue()).matches()) {
            throw Json.invalidField("type", "required: an event type such as " + PAYMENT_RECEIVED + " or " + PAYMENT_REFUNDED);
        }
        String type = typeNode.textValue();
        Kind kind = switch (type) {
            case PAYMENT_RECEIVED -> Kind.RECEIVED;
            case PAYMENT_REFUNDED -> Kind.REFUNDED;
            default -> null;
        };
        if (kind == null) {
            return new Parsed.Ignored(webhookId, type);
        }
        Instant occurredAt = timestamp(root);
        JsonNode data = Json.member(root, "data");
        if (data == null || !data.isObject()) {
            throw Json.invalidField("data", "required object");
        }
        String provider = provider(data, connector);
        String paymentId = id(data, "paymentId", true);
        String refundId = id(data, "refundId", kind == Kind.REFUNDED);
        if (kind == Kind.RECEIVED && refundId != null) {
            throw Json.invalidField("data.refundId", "only allowed for " + PAYMENT_REFUNDED);
        }
        Money amount = amount(data);
        Payer payer = payer(Json.member(data, "payer"));
        String invoiceNumber = optionalText(data, "invoiceNumber", "data.invoiceNumber", 128, true);
        String remittance = optionalText(data, "remittance", "data.remittance", 1000, false);
        PaymentNotification notification;
        try {
            notification = new PaymentNotification(kind, provider, webhookId, paymentId, refundId, amount, payer,
                    invoiceNumber, remittance, occurredAt);
        } catch (IllegalArgumentException e) {
            throw Json.invalidField("data", e.getMessage());
        }
        return new Parsed.Notifications(webhookId, type, List.of(notification));
    }

    private static Instant timestamp(JsonNode root) {
        JsonNode node = Json.member(root, "timestamp");
        if (node == null || !node.isTextual()) {
            throw Json.invalidField("timestamp", "required ISO-8601 string with an offset, e.g. 2026-11-05T09:30:00Z");
        }
        String text = node.textValue();
        if (text.length() <= MAX_TIMESTAMP_LENGTH) {
            Instant instant;
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                instant = null; // refused below
            }
            if (instant != null && !IntakeRules.isPlausible(instant)) {
                throw Json.invalidField("timestamp", Json.quote(text) + " is not " + IntakeRules.range());
            }
            if (instant != null) {
                return instant;
            }
        }
        throw Json.invalidField("timestamp", Json.quote(text)
                + " is not an ISO-8601 date-time with an offset, e.g. 2026-11-05T09:30:00Z");
    }

    /** The connector; {@code data.provider}, when sent, must name it. */
    private static String provider(JsonNode data, String connector) {
        JsonNode node = Json.member(data, "provider");
        if (node == null) {
            return connector;
        }
        if (!node.isTextual()) {
            throw Json.invalidField("data.provider", "must be a string, got " + Json.kind(node));
        }
        if (!node.textValue().equals(connector)) {
            throw Json.invalidField("data.provider", Json.quote(node.textValue())
                    + " is not the connector whose secret signed this delivery (" + connector
                    + "); a connector reports only its own payments");
        }
        return connector;
    }

    private static String id(JsonNode data, String name, boolean required) {
        String path = "data." + name;
        JsonNode node = Json.member(data, name);
        if (node == null) {
            if (required) {
                throw Json.invalidField(path, "required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw Json.invalidField(path, "must be a string, got " + Json.kind(node));
        }
        String text = node.textValue();
        if (text.isBlank() || text.length() > MAX_ID_LENGTH || !text.strip().equals(text)) {
            throw Json.invalidField(path, "must be 1-" + MAX_ID_LENGTH
                    + " characters without control characters or surrounding whitespace");
        }
        String problem = IntakeRules.textProblem(text, false);
        if (problem != null) {
            throw Json.invalidField(path, problem);
        }
        return text;
    }

    private static Money amount(JsonNode data) {
        JsonNode currencyNode = Json.member(data, "currency");
        if (currencyNode == null || !currencyNode.isTextual() || !CURRENCY.matcher(currencyNode.textValue()).matches()) {
            throw Json.invalidAmount("data.currency", "required: an upper-case ISO 4217 code such as \"EUR\"");
        }
        Currency currency;
        try {
            currency = Currencies.of(currencyNode.textValue());
        } catch (IllegalArgumentException e) {
            throw Json.invalidAmount("data.currency", "unknown or non-monetary currency " + Json.quote(currencyNode.textValue()));
        }
        JsonNode node = Json.member(data, "amount");
        if (node == null) {
            throw Json.invalidAmount("data.amount", "required: a decimal string such as \"12.30\"");
        }
        if (!node.isTextual()) {
            throw Json.invalidAmount("data.amount", "must be a decimal string such as \"12.30\", got " + Json.kind(node));
        }
        String text = node.textValue();
        if (text.length() > MAX_AMOUNT_LENGTH || !DECIMAL.matcher(text).matches()) {
            throw Json.invalidAmount("data.amount", Json.quote(text)
                    + " is not a plain decimal (digits, optionally a point and digits)");
        }
        String code = currency.getCurrencyCode();
        if (new BigDecimal(text).scale() > Currencies.exponent(currency)) {
            throw Json.invalidAmount("data.amount", text + " has more decimals than " + code + " allows");
        }
        Money amount;
        try {
            amount = Money.parse(text, currency);
        } catch (IllegalArgumentException e) {
            throw Json.invalidAmount("data.amount", e.getMessage());
        }
        if (!amount.isPositive()) {
            throw Json.invalidAmount("data.amount", "must be positive, got " + text);
        }
        return amount;
    }

    private static Payer payer(JsonNode node) {
        if (node == null) {
            return Payer.UNKNOWN;
        }
        if (!node.isObject()) {
            throw Json.invalidField("data.payer", "must be an object, got " + Json.kind(node));
        }
        return new Payer(optionalText(node, "name", "data.payer.name", 300, true),
                optionalText(node, "email", "data.payer.email", 254, true),
                optionalText(node, "reference", "data.payer.reference", 128, true),
                optionalText(node, "account", "data.payer.account", 64, true));
    }

    /**
     * An optional string member, stripped; null when absent, JSON null or blank. A single-line field may not
     * contain control characters (free text may contain line breaks).
     */
    private static String optionalText(JsonNode parent, String name, String path, int maxLength, boolean singleLine) {
        JsonNode node = Json.member(parent, name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw Json.invalidField(path, "must be a string, got " + Json.kind(node));
        }
        String text = node.textValue().strip();
        if (text.length() > maxLength) {
            throw Json.invalidField(path, "longer than " + maxLength + " characters");
        }
        String problem = IntakeRules.textProblem(text, !singleLine);
        if (problem != null) {
            throw Json.invalidField(path, problem);
        }
        return text.isEmpty() ? null : text;
    }
}
