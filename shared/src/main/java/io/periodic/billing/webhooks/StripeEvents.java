package io.periodic.billing.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import io.periodic.billing.payments.RefundTotals;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a verified Stripe event (the raw body {@link StripeSignatureVerifier} checked) into payment notifications.
 * Provider is always {@value #PROVIDER}; {@code eventId} is the event's {@code evt_…} id and {@code occurredAt}
 * its {@code created} time.
 *
 * <h2>Handled types</h2>
 * <ul>
 *   <li>{@code payment_intent.succeeded}: RECEIVED, {@code amount_received}. Payment id: the payment intent
 *       ({@code pi_…}). Payer: {@code receipt_email}, account = {@code customer} ({@code cus_…}).</li>
 *   <li>{@code charge.succeeded}: RECEIVED, {@code amount_captured} (or {@code amount} when the field is absent).
 *       Payment id: the charge's {@code payment_intent} when it has one, else the charge id ({@code ch_…} or
 *       {@code py_…}). Payer: {@code billing_details.name}, {@code billing_details.email} (else
 *       {@code receipt_email}), account = {@code customer}. A charge with {@code "captured": false} is only an
 *       authorisation: no money moved, so the result is an empty {@link Parsed.Notifications}.</li>
 *   <li>{@code charge.refunded} (a running total) and the refund objects of {@code refund.created},
 *       {@code refund.updated} and {@code charge.refund.updated}: REFUNDED, see below.</li>
 *   <li>{@code charge.dispute.created}: DISPUTED; {@code data.object} is the dispute. Payment id: its
 *       {@code payment_intent}, else its {@code charge}; refund id: the dispute id ({@code dp_…}); amount: the
 *       disputed {@code amount}.</li>
 *   <li>{@code charge.dispute.closed}: DISPUTE_WON or DISPUTE_LOST by its {@code status}, see
 *       {@link StripeDisputes}.</li>
 * </ul>
 * Every other type is {@link Parsed.Ignored}. All: remittance text = {@code description}; invoice reference =
 * {@code metadata.invoice_number}, else {@code metadata.invoice}.
 *
 * <h2>Why the payment intent is the payment id</h2>
 * One card payment through a PaymentIntent produces both {@code payment_intent.succeeded} (for {@code pi_…}) and
 * {@code charge.succeeded} (for its {@code ch_…}), in no guaranteed order, and an endpoint may subscribe to either
 * or both. Both describe the same money. Payments are deduplicated on (provider, providerPaymentId), so both
 * events name the payment by the payment intent and the second is recognised as a duplicate of the first,
 * whichever comes first. Refunds and disputes name the same id, so they reach the payment whichever event recorded
 * it. A charge made without a payment intent (the legacy Charges API) is named by its charge id everywhere, which
 * is again consistent between its payment, refunds and disputes.
 *
 * <h2>Refunds</h2>
 * A refund is reported in two shapes, often both, in any order, and each may be delivered more than once:
 * <ul>
 *   <li>{@code charge.refunded}: {@code data.object} is the charge after the refund, and its
 *       {@code amount_refunded} is cumulative - everything refunded from the charge so far. API versions before
 *       2022-11-15 add the list of refunds ({@code refunds.data}), later ones leave it out, and
 *       {@code previous_attributes} may be missing; neither is needed. The notification is a <em>running
 *       total</em> ({@link PaymentNotification#runningTotal()}): amount = {@code amount_refunded}, refund id =
 *       {@code <charge id>:refunded:<amount_refunded>} (one per total, so both shapes of the same total are one
 *       refund).</li>
 *   <li>{@code refund.created}, {@code refund.updated}, {@code charge.refund.updated}: {@code data.object} is one
 *       refund ({@code re_…}): refund id = its id, amount = its {@code amount}. A refund that is pending or
 *       succeeded is counted (as Stripe counts it in {@code amount_refunded}); one that failed, was canceled or
 *       requires action gives no notification (an empty {@link Parsed.Notifications}).</li>
 * </ul>
 * Whoever applies them counts only what each adds to the payment's refunds already counted ({@link RefundTotals}:
 * the larger of the highest running total and the sum of the distinct refund objects), so no refund is counted
 * twice and a lower running total arriving late adds nothing. Payment id: the payment intent, else the charge.
 *
 * <h2>Amounts</h2>
 * Stripe sends integer minor units in Stripe's own exponent for the currency, which is the ISO 4217 one except
 * where Stripe documents otherwise: zero-decimal {@code BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF
 * XPF} (so Stripe's MGA 1000 is MGA 1000.00), three-decimal {@code BHD JOD KWD OMR TND}, and ISK, which Stripe
 * keeps at two decimals (ISK 500 is sent as 50000 and must be a multiple of 100). Any other currency whose ISO
 * exponent is not 2 has no known Stripe representation and is refused. The amount must be a JSON integer (not
 * {@code 12.0}, {@code 1e3} or a string), positive, and at most 12 digits (Stripe's largest); the currency a
 * lower-case ISO code of a monetary currency. Otherwise: 422 {@code invalid-amount}.
 *
 * <h2>Strict and lenient fields</h2>
 * Refused: not JSON, not an object, a repeated key, no {@code id} or {@code type} (400 {@code malformed-json});
 * for handled types a missing {@code created}, {@code data.object}, id or payment id that is not 1-255 visible ASCII
 * characters, or a {@code data.object.object} of the wrong kind (422 {@code invalid-field}); amounts as above.
 * Informational fields never refuse a payment: a payer name, email, customer, description or invoice reference that
 * is missing, not a string, too long for {@link Payer} or not text a person can read ({@link IntakeRules#textProblem})
 * is left out. {@code created} must be a unix time up to 9999-12-31 ({@link IntakeRules#LATEST}).
 */
public final class StripeEvents {
    public static final String PROVIDER = "stripe";
    public static final String PAYMENT_INTENT_SUCCEEDED = "payment_intent.succeeded";
    public static final String CHARGE_SUCCEEDED = "charge.succeeded";
    public static final String CHARGE_REFUNDED = "charge.refunded";
    public static final String CHARGE_DISPUTE_CREATED = "charge.dispute.created";
    public static final String CHARGE_DISPUTE_CLOSED = "charge.dispute.closed";
    /** Refund objects: {@code refund.*} since 2024, {@code charge.refund.updated} before. */
    public static final Set<String> REFUND_OBJECT_TYPES = Set.of("refund.created", "refund.updated",
            "charge.refund.updated");
    /** The event types that produce notifications. */
    public static final Set<String> HANDLED_TYPES = Set.of(PAYMENT_INTENT_SUCCEEDED, CHARGE_SUCCEEDED,
            CHARGE_REFUNDED, CHARGE_DISPUTE_CREATED, CHARGE_DISPUTE_CLOSED, "refund.created", "refund.updated", "charge.refund.updated");
    /** Refund statuses of money on its way back to the payer (Stripe's amount_refunded counts them). */
    private static final Set<String> REFUND_MOVED_MONEY = Set.of("pending", "succeeded");
    /** Stripe's largest amount in any currency: 12 digits of minor units. */
    public static final long MAX_AMOUNT = 999_999_999_999L;

    private static final Set<String> ZERO_DECIMAL = Set.of(
            "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");
    private static final Set<String> TWO_DECIMAL_EXCEPTIONS = Set.of("ISK");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
    private static final int MAX_ID_LENGTH = 255;

    private StripeEvents() {}

    record Event(String id, String type, Instant created, JsonNode object) {}

    /**
     * @param rawBody the body exactly as verified
     * @throws IntakeException 400 {@code malformed-json}, 422 {@code invalid-field} or {@code invalid-amount}
     */
    public static Parsed parse(byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        JsonNode root = Json.readObject(rawBody);
        JsonNode id = Json.member(root, "id");
        if (id == null || !id.isTextual() || !isId(id.textValue())) {
            throw Json.malformedJson("The event has no id (1-255 visible ASCII characters)");
        }
        JsonNode type = Json.member(root, "type");
        if (type == null || !type.isTextual() || !EVENT_TYPE.matcher(type.textValue()).matches()) {
            throw Json.malformedJson("The event has no type");
        }
        if (!HANDLED_TYPES.contains(type.textValue())) {
            return new Parsed.Ignored(id.textValue(), type.textValue());
        }
        JsonNode data = Json.member(root, "data");
        JsonNode object = Json.member(data, "object");
        if (object == null || !object.isObject()) {
            throw Json.invalidField("data.object", "missing or not an object");
        }
        Event event = new Event(id.textValue(), type.textValue(), created(root), object);
        List<PaymentNotification> notifications = switch (event.type) {
            case PAYMENT_INTENT_SUCCEEDED -> paymentIntentSucceeded(event);
            case CHARGE_SUCCEEDED -> chargeSucceeded(event);
            case CHARGE_REFUNDED -> chargeRefunded(event);
            case CHARGE_DISPUTE_CREATED, CHARGE_DISPUTE_CLOSED -> StripeDisputes.of(event);
            case "refund.created", "refund.updated", "charge.refund.updated" -> refundObject(event);
            default -> throw new IllegalStateException("unhandled type " + event.type);
        };
        return new Parsed.Notifications(event.id, event.type, notifications);
    }

    private static List<PaymentNotification> paymentIntentSucceeded(Event event) {
        JsonNode intent = requireKind(event.object, "payment_intent");
        String paymentId = id(intent, "id", "data.object.id");
        Money amount = amount(intent, "amount_received", "data.object");
        Payer payer = payer(null, text(intent, "receipt_email"), customer(intent));
        return List.of(notification(Kind.RECEIVED, event, paymentId, null, amount, payer,
                invoiceReference(intent), text(intent, "description")));
    }

    private static List<PaymentNotification> chargeSucceeded(Event event) {
        JsonNode charge = requireKind(event.object, "charge");
        String chargeId = id(charge, "id", "data.object.id");
        JsonNode captured = Json.member(charge, "captured");
        if (captured != null && !captured.isBoolean()) {
            throw Json.invalidField("data.object.captured", "not a boolean");
        }
        if (captured != null && !captured.booleanValue()) {
            return List.of(); // an authorisation only: money moves when (if) it is captured
        }
        String paymentId = paymentIdOf(charge, chargeId);
        Money amount = Json.member(charge, "amount_captured") != null
                ? amount(charge, "amount_captured", "data.object")
                : amount(charge, "amount", "data.object");
        JsonNode billing = Json.member(charge, "billing_details");
        String email = text(billing, "email");
        Payer payer = payer(text(billing, "name"), email != null ? email : text(charge, "receipt_email"), customer(charge));
        return List.of(notification(Kind.RECEIVED, event, paymentId, null, amount, payer,
                invoiceReference(charge), text(charge, "description")));
    }

    private static List<PaymentNotification> chargeRefunded(Event event) {
        JsonNode charge = requireKind(event.object, "charge");
        String chargeId = id(charge, "id", "data.object.id");
        String paymentId = paymentIdOf(charge, chargeId);
        Currency currency = currency(charge, "data.object.currency");
        long refundedTotal = units(charge, "amount_refunded", "data.object.amount_refunded");
        Money total = toMoney(refundedTotal, currency, "data.object.amount_refunded");
        Payer payer = payer(text(Json.member(charge, "billing_details"), "name"),
                text(Json.member(charge, "billing_details"), "email"), customer(charge));
        try {
            return List.of(new PaymentNotification(Kind.REFUNDED, PROVIDER, event.id, paymentId,
                    chargeId + ":refunded:" + refundedTotal, total, payer, invoiceReference(charge),
                    text(charge, "description"), event.created, true));
        } catch (IllegalArgumentException e) {
            throw Json.invalidField("data.object", e.getMessage());
        }
    }

    /**
     * A refund object ({@code refund.created}, {@code refund.updated}, {@code charge.refund.updated}): one refund,
     * counted by its id. A refund that is pending or succeeded is money returned (Stripe counts both in
     * {@code amount_refunded}); one that failed, was canceled or still requires action is not, and gives nothing.
     */
    private static List<PaymentNotification> refundObject(Event event) {
        JsonNode refund = requireKind(event.object, "refund");
        String refundId = id(refund, "id", "data.object.id");
        JsonNode status = Json.member(refund, "status");
        if (status == null || !status.isTextual()) {
            throw Json.invalidField("data.object.status", "missing or not a string");
        }
        if (!REFUND_MOVED_MONEY.contains(status.textValue())) {
            return List.of();
        }
        String chargeId = id(refund, "charge", "data.object.charge");
        String paymentId = paymentIdOf(refund, chargeId);
        Money amount = amount(refund, "amount", "data.object");
        return List.of(notification(Kind.REFUNDED, event, paymentId, refundId, amount, Payer.UNKNOWN,
                invoiceReference(refund), text(refund, "description")));
    }

    static PaymentNotification notification(Kind kind, Event event, String paymentId, String refundId,
            Money amount, Payer payer, String invoiceReference, String remittance) {
        try {
            return new PaymentNotification(kind, PROVIDER, event.id, paymentId, refundId, amount, payer,
                    invoiceReference, remittance, event.created);
        } catch (IllegalArgumentException e) {
            throw Json.invalidField("data.object", e.getMessage());
        }
    }

    private static Instant created(JsonNode root) {
        JsonNode created = Json.member(root, "created");
        if (created == null || !created.isIntegralNumber() || !created.canConvertToLong()
                || created.longValue() <= 0 || created.longValue() > IntakeRules.LATEST.getEpochSecond()) {
            throw Json.invalidField("created", "missing or not a unix time in seconds " + IntakeRules.range());
        }
        return Instant.ofEpochSecond(created.longValue());
    }

    static JsonNode requireKind(JsonNode object, String expected) {
        JsonNode kind = Json.member(object, "object");
        if (kind != null && !(kind.isTextual() && kind.textValue().equals(expected))) {
            throw Json.invalidField("data.object.object", "expected " + expected);
        }
        return object;
    }

    static String paymentIdOf(JsonNode object, String fallback) {
        if (Json.member(object, "payment_intent") == null) {
            return fallback;
        }
        return id(object, "payment_intent", "data.object.payment_intent");
    }

    /** A Stripe id: the string, or the {@code id} of an expanded object; 1-255 visible ASCII characters. */
    static String id(JsonNode parent, String name, String path) {
        JsonNode node = Json.member(parent, name);
        if (node != null && node.isObject()) {
            node = Json.member(node, "id");
        }
        if (node == null || !node.isTextual() || !isId(node.textValue())) {
            throw Json.invalidField(path, "missing or not an id (1-" + MAX_ID_LENGTH + " visible ASCII characters)");
        }
        return node.textValue();
    }

    private static boolean isId(String text) {
        return !text.isEmpty() && text.length() <= MAX_ID_LENGTH && Signatures.visibleAscii(text);
    }

    private static String customer(JsonNode object) {
        JsonNode customer = Json.member(object, "customer");
        if (customer != null && customer.isObject()) {
            customer = Json.member(customer, "id");
        }
        return customer != null && customer.isTextual() && isId(customer.textValue()) ? customer.textValue() : null;
    }

    static String invoiceReference(JsonNode object) {
        JsonNode metadata = Json.member(object, "metadata");
        String number = text(metadata, "invoice_number");
        return number != null ? number : text(metadata, "invoice");
    }

    /**
     * Lenient text: the stripped string, or null when absent, not a string, blank, or not text a person can read
     * ({@link IntakeRules#textProblem}: a lone surrogate, a control character, a bidirectional override, U+FFFD-U+FFFF).
     */
    private static String text(JsonNode parent, String name) {
        JsonNode node = Json.member(parent, name);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            return null;
        }
        String text = node.textValue().strip();
        return IntakeRules.textProblem(text, name.equals("description")) == null ? text : null;
    }

    /** The payer, leaving out whatever {@link Payer} would refuse (informational fields never refuse a payment). */
    private static Payer payer(String name, String email, String account) {
        return new Payer(fit(name, 300), fit(email, 254), null, fit(account, 64));
    }

    private static String fit(String text, int maxLength) {
        return text != null && text.length() <= maxLength ? text : null;
    }

    static Money amount(JsonNode object, String field, String objectPath) {
        Currency currency = currency(object, objectPath + ".currency");
        String path = objectPath + "." + field;
        return toMoney(units(object, field, path), currency, path);
    }

    /** A positive whole number of Stripe minor units, at most {@link #MAX_AMOUNT}. */
    private static long units(JsonNode parent, String name, String path) {
        JsonNode node = Json.member(parent, name);
        if (node == null) {
            throw Json.invalidAmount(path, "missing");
        }
        if (!node.isIntegralNumber()) {
            throw Json.invalidAmount(path, "must be a whole number of minor units, got " + Json.kind(node)
                    + (node.isNumber() ? " " + node.asText() : ""));
        }
        if (!node.canConvertToLong() || node.longValue() > MAX_AMOUNT) {
            throw Json.invalidAmount(path, "more than 12 digits");
        }
        if (node.longValue() <= 0) {
            throw Json.invalidAmount(path, "must be positive, got " + node.longValue());
        }
        return node.longValue();
    }

    private static Currency currency(JsonNode parent, String path) {
        JsonNode node = Json.member(parent, "currency");
        if (node == null || !node.isTextual() || !CURRENCY.matcher(node.textValue()).matches()) {
            throw Json.invalidAmount(path, "missing or not a three-letter ISO 4217 code");
        }
        try {
            return Currencies.of(node.textValue().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Json.invalidAmount(path, "unknown or non-monetary currency " + Json.quote(node.textValue()));
        }
    }

    /** Stripe minor units to our minor units (the JDK's ISO 4217 exponent). */
    private static Money toMoney(long units, Currency currency, String path) {
        int ours = Currencies.exponent(currency);
        int stripe = stripeExponent(currency, path);
        long minor = units;
        if (ours > stripe) {
            minor = Math.multiplyExact(units, pow10(ours - stripe)); // at most 12 digits × 1000: no overflow
        } else if (ours < stripe) {
            long factor = pow10(stripe - ours);
            if (units % factor != 0) {
                throw Json.invalidAmount(path, currency.getCurrencyCode() + " amounts from Stripe must be a multiple of "
                        + factor + " (whole units), got " + units);
            }
            minor = units / factor;
        }
        try {
            return Money.requireWithinLimit(minor, currency); // the one amount check of every intake
        } catch (IllegalArgumentException e) {
            throw Json.invalidAmount(path, e.getMessage());
        }
    }

    /** @param path the amount's path; the refusal names its currency's (the currency is what cannot be read) */
    private static int stripeExponent(Currency currency, String path) {
        String code = currency.getCurrencyCode();
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        if (THREE_DECIMAL.contains(code)) {
            return 3;
        }
        if (TWO_DECIMAL_EXCEPTIONS.contains(code) || Currencies.exponent(currency) == 2) {
            return 2;
        }
        throw Json.invalidAmount(path.substring(0, path.lastIndexOf('.')) + ".currency", code + " has "
                + Currencies.exponent(currency)
                + " decimals in ISO 4217 and no known Stripe representation");
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
