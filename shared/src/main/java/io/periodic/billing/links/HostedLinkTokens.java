package io.periodic.billing.links;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a hosted invoice page link: {@code base64url(version · key id · expiry · invoice id · HMAC)}, no
 * padding. The HMAC-SHA256 covers every byte before it; the key id (the first 4 bytes of SHA-256 of the key) says
 * which configured key signed it, so a rotation keeps the previous key's links valid while both are configured.
 *
 * <p>Layout: 1 byte version ({@value #VERSION}), 4 bytes key id, 8 bytes expiry (epoch seconds, big-endian), the
 * invoice id (UTF-8, 1 to {@value #MAX_ID_LENGTH} bytes of {@code [A-Za-z0-9_-]}), 32 bytes HMAC-SHA256.
 *
 * <p>Checking runs the same path for every input: a token that does not decode is checked against a dummy body,
 * every configured key's HMAC is computed, and the comparison is constant-time ({@link MessageDigest#isEqual}); only
 * a verified token's expiry is looked at, so an expired token and a forged one are told apart only for the holder
 * of a genuine link. Only the canonical encoding is accepted: any changed character makes the token invalid.
 */
public final class HostedLinkTokens {
    public static final int VERSION = 1;
    public static final int MAX_ID_LENGTH = 64;
    /** A signing key must have at least this many characters (256 bits of a base64 or hex secret). */
    public static final int MIN_KEY_LENGTH = 32;
    /** Longer inputs are not decoded at all (a genuine token is at most 146 characters). */
    public static final int MAX_TOKEN_LENGTH = 160;

    private static final int KEY_ID_LENGTH = 4;
    private static final int MAC_LENGTH = 32;
    private static final int HEADER = 1 + KEY_ID_LENGTH + 8;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID_LENGTH + "}");
    private static final byte[] DUMMY = new byte[HEADER + 1 + MAC_LENGTH];
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private HostedLinkTokens() {
    }

    /** What a token says after checking. */
    public sealed interface Check permits Valid, Expired, Invalid {}

    /** Signed by a configured key and not expired. */
    public record Valid(String invoiceId, Instant expiresAt) implements Check {}

    /** Signed by a configured key, but its expiry has passed: the customer may ask for a fresh link. */
    public record Expired(String invoiceId, Instant expiredAt) implements Check {}

    /** Not a token signed by any configured key (tampered, truncated, made up, or signed by a retired key). */
    public record Invalid() implements Check {}

    /**
     * A token for the invoice, valid until {@code expiresAt} (exclusive), signed with {@code key}.
     *
     * @throws IllegalArgumentException for an invoice id outside {@code [A-Za-z0-9_-]{1,64}} or a short key
     */
    public static String sign(String invoiceId, Instant expiresAt, String key) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        requireKey(key);
        if (!ID.matcher(invoiceId).matches()) {
            throw new IllegalArgumentException("not an invoice id for a link: " + invoiceId);
        }
        byte[] id = invoiceId.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(HEADER + id.length);
        body.put((byte) VERSION).put(keyId(key)).putLong(expiresAt.getEpochSecond()).put(id);
        byte[] mac = hmac(key, body.array());
        return ENCODER.encodeToString(ByteBuffer.allocate(body.capacity() + MAC_LENGTH).put(body.array()).put(mac)
                .array());
    }

    /**
     * Checks a token against the configured keys (current first, then the previous one during a rotation).
     *
     * @param now the instant to compare the expiry with; a token is expired from its expiry on
     */
    public static Check check(String token, List<String> keys, Instant now) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(now, "now");
        byte[] raw = decode(token);
        byte[] input = raw == null ? DUMMY : raw;
        byte[] body = Arrays.copyOfRange(input, 0, input.length - MAC_LENGTH);
        byte[] mac = Arrays.copyOfRange(input, input.length - MAC_LENGTH, input.length);
        boolean verified = false;
        for (String key : keys) {
            byte[] expected = hmac(requireKey(key), body);
            boolean sameKey = MessageDigest.isEqual(keyId(key), Arrays.copyOfRange(body, 1, 1 + KEY_ID_LENGTH));
            verified |= sameKey & MessageDigest.isEqual(expected, mac);
        }
        if (!verified || raw == null || body[0] != VERSION) {
            return new Invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        buffer.position(1 + KEY_ID_LENGTH);
        Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
        String invoiceId = new String(body, HEADER, body.length - HEADER, StandardCharsets.US_ASCII);
        if (!ID.matcher(invoiceId).matches()) {
            return new Invalid();
        }
        return now.isBefore(expiresAt) ? new Valid(invoiceId, expiresAt) : new Expired(invoiceId, expiresAt);
    }

    /** The key id a key's tokens carry: the first 4 bytes of its SHA-256 (reveals nothing usable about the key). */
    static byte[] keyId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, KEY_ID_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The decoded bytes of a canonical token of plausible size, else null. */
    private static byte[] decode(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        byte[] raw;
        try {
            raw = DECODER.decode(token);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (raw.length < HEADER + 1 + MAC_LENGTH || !ENCODER.encodeToString(raw).equals(token)) {
            return null; // too short, or a non-canonical spelling (padding, stray low bits in the last character)
        }
        return raw;
    }

    private static String requireKey(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("a hosted link key must have at least " + MIN_KEY_LENGTH
                    + " characters");
        }
        return key;
    }

    private static byte[] hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
