package io.periodic.billing.webhooks;

import io.periodic.billing.payments.IntakeException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC, constant-time comparison, tolerance and header lookup shared by both verifiers. */
final class Signatures {
    static final String HMAC_SHA256 = "HmacSHA256";
    /** No sender's signature header comes near this; longer ones are refused before any parsing. */
    static final int MAX_HEADER_LENGTH = 4096;
    /** At most this many signatures of our scheme in one header (rotation needs two or three). */
    static final int MAX_SIGNATURES = 8;
    /** At most this many secrets configured at once (current and previous, with room to spare). */
    static final int MAX_SECRETS = 8;
    /** Up to 12 digits: year 33658 in unix seconds; rejects absurd values before any arithmetic. */
    static final int MAX_TIMESTAMP_DIGITS = 12;

    static final String MISSING = "signature-missing";
    static final String MALFORMED = "signature-malformed";
    static final String MISMATCH = "signature-mismatch";
    static final String OUT_OF_TOLERANCE = "timestamp-out-of-tolerance";

    private Signatures() {}

    static IntakeException missing(String detail) {
        return new IntakeException(400, MISSING, detail);
    }

    static IntakeException malformed(String detail) {
        return new IntakeException(400, MALFORMED, detail);
    }

    static SecretKeySpec key(byte[] secret) {
        return new SecretKeySpec(secret, HMAC_SHA256);
    }

    /** HMAC-SHA256 of {@code prefix} followed by {@code body}, without copying the body. */
    static byte[] hmac(SecretKeySpec key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            mac.update(prefix);
            mac.update(body);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * Whether any provided signature equals the HMAC under any key. Every pair is compared with
     * {@link MessageDigest#isEqual} (constant time in the content) and the loop does not stop early, so the time
     * taken does not reveal which pair, if any, matched.
     */
    static boolean anyMatches(List<SecretKeySpec> keys, byte[] prefix, byte[] body, List<byte[]> provided) {
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            byte[] expected = hmac(key, prefix, body);
            for (byte[] signature : provided) {
                matched |= MessageDigest.isEqual(expected, signature);
            }
        }
        return matched;
    }

    /** Parses a unix-seconds value of 1 to {@value #MAX_TIMESTAMP_DIGITS} ASCII digits, or returns -1. */
    static long unixSeconds(String text) {
        if (text.isEmpty() || text.length() > MAX_TIMESTAMP_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Rejects a signed timestamp more than {@code tolerance} away from now, in the past or in the future. */
    static void requireWithinTolerance(long signedAt, Clock clock, Duration tolerance) {
        long now = clock.instant().getEpochSecond();
        long skew = Math.abs(now - signedAt);
        if (skew > tolerance.toSeconds()) {
            throw new IntakeException(401, OUT_OF_TOLERANCE, "The signed timestamp is " + skew + " s "
                    + (signedAt < now ? "old" : "in the future") + "; at most " + tolerance.toSeconds()
                    + " s either way is accepted");
        }
    }

    static Duration checkTolerance(Duration tolerance) {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative() || tolerance.isZero() || tolerance.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("tolerance must be between 1 s and 1 h, got " + tolerance);
        }
        return tolerance;
    }

    static <T> List<T> checkSecrets(List<T> secrets) {
        Objects.requireNonNull(secrets, "secrets");
        if (secrets.isEmpty() || secrets.size() > MAX_SECRETS) {
            throw new IllegalArgumentException("between 1 and " + MAX_SECRETS + " secrets are required, got "
                    + secrets.size());
        }
        for (T secret : secrets) {
            Objects.requireNonNull(secret, "a secret is null");
        }
        return secrets;
    }

    /**
     * The value of header {@code name}, matched case-insensitively (API Gateway REST keeps the sender's case,
     * HTTP APIs lower-case it), or null when absent. The same header under two spellings with different values is
     * ambiguous and refused.
     */
    static String header(Map<String, String> headers, String name) {
        Objects.requireNonNull(headers, "headers");
        String found = null;
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null) {
                if (found != null && !found.equals(entry.getValue())) {
                    throw malformed("Header " + name + " appears more than once with different values");
                }
                found = entry.getValue();
            }
        }
        return found;
    }

    /** Whether every character is visible ASCII (0x21-0x7E): no spaces, controls or non-ASCII. */
    static boolean visibleAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
