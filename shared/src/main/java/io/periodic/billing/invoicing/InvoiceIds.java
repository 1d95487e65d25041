package io.periodic.billing.invoicing;

import java.time.LocalDate;

/**
 * Deterministic invoice identities. A subscription's invoice for a period is always {@code in_<subscription>_<period
 * start>}: retries, duplicate jobs and racing generators all compute the same id, and the create-once write lets
 * exactly one of them create it.
 */
public final class InvoiceIds {
    private InvoiceIds() {}

    public static String forPeriod(String subscriptionId, LocalDate periodStart) {
        return "in_" + subscriptionId + "_" + periodStart;
    }
}
