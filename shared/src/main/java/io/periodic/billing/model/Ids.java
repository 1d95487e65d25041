package io.periodic.billing.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Identifiers: opaque, URL- and key-safe strings (no '#', which the table uses as a key separator). */
public final class Ids {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:\\-]{0,127}");

    private Ids() {}

    /** A new random id with a readable type prefix, e.g. {@code cus_3f2a...}. */
    public static String newId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** {@code n} random upper-case letters A-P (e.g. a fresh document-number prefix for a test or a demo). */
    public static String randomLetters(int n) {
        StringBuilder letters = new StringBuilder(n);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            letters.append((char) ('A' + random.nextInt(16)));
        }
        return letters.toString();
    }

    /** Characters an id of ours is made of (payment ids too: {@link Payment#idFor} hex-encodes other ones). */
    private static final Pattern SAFE_CHARACTERS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:\\-]*");

    /**
     * Whether {@code id} can be one of our ids (customer, plan, subscription, invoice, credit note): 1-128
     * characters of A-Z a-z 0-9 _ . : - (so at most 128 UTF-8 bytes, well inside DynamoDB's key limits behind any
     * key prefix). An id that is not cannot name anything stored: it is refused before it reaches a key.
     */
    public static boolean wellFormed(String id) {
        return id != null && SAFE.matcher(id).matches();
    }

    /**
     * Whether {@code id} can be a payment id: our id characters, and short enough for the key it is looked up under
     * ({@code prefixBytes} of key prefix, then the id, within {@code maxKeyBytes} UTF-8 bytes: DynamoDB allows 2,048
     * for a partition key, 1,024 for a sort key). Counted in UTF-8 bytes, as DynamoDB counts.
     */
    public static boolean wellFormedPaymentId(String id, int prefixBytes, int maxKeyBytes) {
        return id != null && SAFE_CHARACTERS.matcher(id).matches()
                && prefixBytes + id.getBytes(StandardCharsets.UTF_8).length <= maxKeyBytes;
    }

    static String check(String id, String field) {
        if (id == null || !SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException(field + " must be 1-128 characters of A-Z a-z 0-9 _ . : - , got " + id);
        }
        return id;
    }
}
