package io.periodic.billing.model;

import java.util.UUID;
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
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            letters.append((char) ('A' + random.nextInt(16)));
        }
        return letters.toString();
    }

    static String check(String id, String field) {
        if (id == null || !SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException(field + " must be 1-128 characters of A-Z a-z 0-9 _ . : - , got " + id);
        }
        return id;
    }
}
