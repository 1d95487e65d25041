package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import java.time.Instant;

/**
 * One line of an invoice's dunning history: a step and what happened (reminder sent, fee charged, subscription
 * suspended, dunning stopped or failed), when, on which channel and in which language, and why it happened then.
 * One entry per step (create-once), so a retried step never acts twice.
 *
 * @param step the step's name ({@code FRIENDLY}, {@code LATE_FEE}, ...) or {@code STOPPED} / {@code FAILED}
 * @param reason why the step came when it did (e.g. "earlier courtesy notice: habitual late payer, …")
 */
public record DunningEntry(String invoiceId, String step, Status status, Instant at, String channel,
        String language, String reason, String detail, Long version) {

    public enum Status {
        /** Recorded before acting; a retry finds it and completes the step. */
        PENDING,
        SENT,
        CHARGED,
        SUSPENDED,
        STOPPED,
        /** A new round of dunning started for an invoice that was paid (its dunning stopped) and reopened since. */
        RESUMED,
        FAILED;

        public boolean done() {
            return this != PENDING;
        }
    }

    public DunningEntry {
        invoiceId = Ids.check(invoiceId, "invoice id");
        required(step, "step", 40);
        notNull(status, "status");
        notNull(at, "at");
        channel = optional(channel, "channel", 20);
        language = optional(language, "language", 20);
        reason = optional(reason, "reason", 1000);
        detail = optional(detail, "detail", 2000);
    }

    public DunningEntry completed(Status newStatus, Instant when, String newDetail) {
        return new DunningEntry(invoiceId, step, newStatus, when, channel, language, reason, newDetail, version);
    }
}
