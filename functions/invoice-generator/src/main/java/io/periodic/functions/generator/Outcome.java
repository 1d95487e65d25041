package io.periodic.functions.generator;

import java.util.List;

/** What processing one billing job did, for logs, metrics and tests. */
public record Outcome(Kind kind, List<String> invoiceIds, String reason) {
    public enum Kind {
        /** One or more periods invoiced (catch-up bills several). */
        BILLED,
        /** Nothing due (yet): a duplicate or early job. */
        NOT_DUE,
        /** Not billed in its state (paused, suspended, canceled, parked). */
        SKIPPED,
        /** Parked with a reason for a person. */
        PARKED,
        /** Ended at period end. */
        CANCELED,
        /** The subscription no longer exists. */
        GONE
    }

    public Outcome {
        invoiceIds = List.copyOf(invoiceIds);
    }

    static Outcome of(Kind kind, List<String> invoiceIds, String reason) {
        return new Outcome(kind, invoiceIds, reason);
    }
}
