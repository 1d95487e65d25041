package io.periodic.billing.model;

import java.time.Instant;

/**
 * Where a paged sweep of one shard stopped (e.g. the invoice scheduler out of Lambda time): the cursor inside the
 * shard, or null when the shard is done for the current sweep. The next run resumes there instead of re-reading
 * what it already handled.
 */
public record Checkpoint(String name, int shard, String cursor, Instant savedAt) {
    public Checkpoint {
        Checks.required(name, "checkpoint name", 64);
        if (shard < 0) {
            throw new IllegalArgumentException("shard must be >= 0");
        }
        Checks.notNull(savedAt, "savedAt");
    }
}
