package io.periodic.billing.webhooks;

import io.periodic.billing.payments.IntakeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Stripe's {@code Stripe-Signature} header: {@code t=<unix seconds>,v1=<hex>[,v1=<hex>…]}.
 *
 * <p>Each {@code v1} is a hex HMAC-SHA256, keyed with the endpoint secret's UTF-8 bytes (the whole
 * {@code whsec_…} string, as Stripe's libraries do), over {@code "<t>."} followed by the raw body bytes exactly as
 * received: verify before any parsing, and never a re-serialised body. The delivery passes when any {@code v1}
 * matches any configured secret: during a secret roll Stripe sends one {@code v1} per active secret, and we may
 * hold the new and the previous secret at once. Items of other schemes ({@code v0}, the test-mode scheme, or
 * future ones) are ignored.
 *
 * <p>Differences from Stripe's own {@code Webhook.Signature.verifyHeader}, on purpose:
 * <ul>
 *   <li>The timestamp must be within the tolerance in <em>both</em> directions (Stripe's library accepts any
 *       future {@code t}); a tolerance of zero is not accepted (in Stripe's library it turns the check off).</li>
 *   <li>A malformed header is a 400 {@code signature-malformed}, never an unchecked parsing exception: a missing
 *       or repeated {@code t}, a {@code t} that is not 1-12 ASCII digits, no {@code v1}, a {@code v1} that is not
 *       64 hex digits, an empty item, an item without {@code =}, more than 8
 *       {@code v1} items, or a header longer than 4096 characters.</li>
 *   <li>Signatures are compared as decoded bytes with {@link MessageDigest#isEqual}.</li>
 * </ul>
 * The signature is checked before the timestamp, so {@code timestamp-out-of-tolerance} is only ever reported for
 * a genuine delivery (one that is late, replayed, or signed by a sender whose clock is off).
 *
 * <p>Immutable and thread-safe.
 */
public final class StripeSignatureVerifier {
    /** The header Stripe sends (match it case-insensitively). */
    public static final String HEADER = "Stripe-Signature";
    /** Stripe's own default tolerance: 300 s. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

    private static final String SCHEME = "v1";
    private static final int SIGNATURE_HEX_LENGTH = 64;

    private final List<SecretKeySpec> keys;
    private final Clock clock;
    private final Duration tolerance;

    /**
     * @param secrets the endpoint's signing secrets ({@code whsec_…}), current first, then the previous one while a
     *     roll is in progress; 1 to 8 of them. Surrounding whitespace (a stray newline in an environment variable)
     *     is removed; a blank secret is refused.
     * @param clock the clock the tolerance is measured against
     */
    public StripeSignatureVerifier(List<String> secrets, Clock clock) {
        this(secrets, clock, DEFAULT_TOLERANCE);
    }

    /** @param tolerance how far the signed timestamp may be from now, either way: 1 s to 1 h */
    public StripeSignatureVerifier(List<String> secrets, Clock clock, Duration tolerance) {
        List<SecretKeySpec> built = new ArrayList<>();
        int index = 0;
        for (String secret : Signatures.checkSecrets(secrets)) {
            String trimmed = secret.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("Stripe secret #" + index + " is blank");
            }
            built.add(Signatures.key(trimmed.getBytes(StandardCharsets.UTF_8)));
            index++;
        }
        this.keys = List.copyOf(built);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Signatures.checkTolerance(tolerance);
    }

    /**
     * Verifies a delivery, taking the {@code Stripe-Signature} header from {@code headers} (any letter case).
     *
     * @see #verify(String, byte[])
     */
    public Instant verify(Map<String, String> headers, byte[] rawBody) {
        return verify(Signatures.header(headers, HEADER), rawBody);
    }

    /**
     * Verifies a delivery.
     *
     * @param signatureHeader the {@code Stripe-Signature} header value, or null when the request had none
     * @param rawBody the request body exactly as received (decoded from base64 if API Gateway encoded it)
     * @return the signed timestamp {@code t}
     * @throws IntakeException 400 {@code signature-missing} (no header), 400 {@code signature-malformed}, 401
     *     {@code signature-mismatch}, 401 {@code timestamp-out-of-tolerance}
     */
    public Instant verify(String signatureHeader, byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        if (signatureHeader == null) {
            throw Signatures.missing("The " + HEADER + " header is missing");
        }
        Header header = parse(signatureHeader);
        byte[] prefix = (header.timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        if (!Signatures.anyMatches(keys, prefix, rawBody, header.signatures)) {
            throw new IntakeException(401, Signatures.MISMATCH,
                    "No " + SCHEME + " signature in the " + HEADER + " header matches the body under any configured secret");
        }
        Signatures.requireWithinTolerance(header.timestamp, clock, tolerance);
        return Instant.ofEpochSecond(header.timestamp);
    }

    private record Header(long timestamp, List<byte[]> signatures) {}

    private static Header parse(String value) {
        if (value.length() > Signatures.MAX_HEADER_LENGTH) {
            throw Signatures.malformed("The " + HEADER + " header is longer than " + Signatures.MAX_HEADER_LENGTH
                    + " characters");
        }
        if (value.isBlank()) {
            throw Signatures.malformed("The " + HEADER + " header is empty");
        }
        long timestamp = -1;
        List<byte[]> signatures = new ArrayList<>();
        for (String rawItem : value.split(",", -1)) {
            String item = rawItem.strip();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw Signatures.malformed("The " + HEADER + " header has an item that is not key=value");
            }
            String key = item.substring(0, eq);
            String itemValue = item.substring(eq + 1);
            if (key.equals("t")) {
                if (timestamp >= 0) {
                    throw Signatures.malformed("The " + HEADER + " header has more than one t");
                }
                timestamp = Signatures.unixSeconds(itemValue);
                if (timestamp < 0) {
                    throw Signatures.malformed("The " + HEADER + " header's t is not a unix time in seconds");
                }
            } else if (key.equals(SCHEME)) {
                if (itemValue.length() != SIGNATURE_HEX_LENGTH || !isHex(itemValue)) {
                    throw Signatures.malformed("A " + SCHEME + " signature is not " + SIGNATURE_HEX_LENGTH
                            + " hex digits");
                }
                if (signatures.size() == Signatures.MAX_SIGNATURES) {
                    throw Signatures.malformed("The " + HEADER + " header has more than "
                            + Signatures.MAX_SIGNATURES + " " + SCHEME + " signatures");
                }
                signatures.add(HexFormat.of().parseHex(itemValue));
            }
            // Any other scheme (v0, future ones) is ignored, as Stripe documents.
        }
        if (timestamp < 0) {
            throw Signatures.malformed("The " + HEADER + " header has no t");
        }
        if (signatures.isEmpty()) {
            throw Signatures.malformed("The " + HEADER + " header has no " + SCHEME + " signature");
        }
        return new Header(timestamp, signatures);
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
