package io.periodic.billing.model;

import java.util.Objects;

/** Small argument checks shared by the records, with messages that name the field. */
final class Checks {
    private Checks() {}

    static String required(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return optional(value, field, maxLength);
    }

    static String optional(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new IllegalArgumentException(field + " is longer than " + maxLength + " characters");
        }
        return trimmed;
    }

    static <T> T notNull(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    static long positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
        return value;
    }
}
