package io.periodic.billing.service;

import io.periodic.billing.model.Customer;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.Page;
import io.periodic.billing.reports.AgingReport;
import io.periodic.billing.reports.CollectionsReport;
import io.periodic.billing.reports.PaymentBehaviourReport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Receivables reports over the store. They read the sparse indexes (open invoices, payments by receipt time) and
 * customers' item collections, never a table scan; the arithmetic is in the pure {@code reports} classes.
 */
public final class ReportService {
    /** The longest collections range one request may ask for. */
    public static final int MAX_COLLECTION_DAYS = 366;
    /** How many of each customer's latest invoices the payment-behaviour report looks at. */
    public static final int BEHAVIOUR_INVOICES = 100;

    private final BillingStore store;
    private final PaymentHistory history;

    public ReportService(BillingStore store) {
        this.store = store;
        this.history = new PaymentHistory(store);
    }

    public AgingReport.Report aging(LocalDate asOf) {
        return AgingReport.build(store.invoices().allOpen(), asOf);
    }

    /** A page of customers with their payment behaviour (customers are many: the report pages like a list). */
    public Listing<PaymentBehaviourReport.Line> paymentBehaviour(int limit, String cursor) {
        Page<Customer> customers = store.customers().all(limit, cursor);
        List<PaymentBehaviourReport.Line> lines = customers.items().stream()
                .map(c -> PaymentBehaviourReport.of(c.id(), c.name(), history.settled(c, BEHAVIOUR_INVOICES, null)))
                .toList();
        return new Listing<>(lines, customers.cursor());
    }

    public List<CollectionsReport.Day> collections(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_COLLECTION_DAYS) {
            throw new IllegalArgumentException("a collections report covers at most " + MAX_COLLECTION_DAYS + " days");
        }
        Instant[] range = CollectionsReport.range(from, to);
        return CollectionsReport.build(store.payments().receivedBetween(range[0], range[1]), from, to);
    }
}
