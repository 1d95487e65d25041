package io.periodic.billing.model;

/**
 * A gapless number series (e.g. {@code INV-2026}): the last number handed out. A number is taken only in the same
 * transaction that gives it to a document, so a crash or a conflict never leaves a hole and a number is never used
 * twice.
 */
public record Sequence(String series, long last, Long version) {
    public Sequence {
        Checks.required(series, "series", 64);
        if (last < 0) {
            throw new IllegalArgumentException("a sequence cannot be negative");
        }
    }

    public static Sequence start(String series) {
        return new Sequence(series, 0, null);
    }

    /** The sequence after taking the next number. */
    public Sequence next() {
        return new Sequence(series, Math.addExact(last, 1), version);
    }

    public Sequence withVersion(Long newVersion) {
        return new Sequence(series, last, newVersion);
    }
}
