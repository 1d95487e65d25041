package io.periodic.billing.service;

import io.periodic.billing.calendar.Period;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.invoicing.BillingDataException;
import io.periodic.billing.invoicing.BillingDecision;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.invoicing.InvoiceComposer;
import io.periodic.billing.invoicing.InvoiceIds;
import io.periodic.billing.invoicing.QualifiedInvoices;
import io.periodic.billing.calendar.LocalDue;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.persistence.MissingSettingsException;
import io.periodic.billing.ports.Clock;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Issues a subscription's due invoices exactly once per period (the use case behind the invoice-generator
 * function, which feeds it one billing job at a time). Every step is safe to repeat, so a retried or
 * duplicated job, or two generators racing on the same subscription, end with one invoice per period:
 * <ol>
 *   <li>the invoice is composed in memory as a draft under its deterministic id (subscription + period start);
 *   <li>it is finalised and created in one transaction (create-once on that id, next gapless number, credit balance
 *       used first): the draft is never stored on its own, which saves a write and leaves no half-made invoice;
 *   <li>the document, the {@code invoice.finalized} event and the e-mail follow ({@link AfterFinalization});
 *   <li>the subscription advances to the next period, version-checked and only from the period just billed.
 * </ol>
 * A crash between steps leaves the subscription due, so the next delivery resumes at the first step not done.
 * Missed periods are caught up one by one up to a bound. Bad data (a customer or plan gone, currencies that
 * disagree, a seller in Japan without a valid registration number, {@link QualifiedInvoices}) and unexpected errors
 * park the subscription with the reason instead of failing forever; transient
 * AWS errors propagate so that SQS redelivers the job (and, after maxReceiveCount, dead-letters it). Write conflicts
 * are retried by {@link ConflictRetry}.
 */
public final class InvoiceIssuing {
    /** What issuing one subscription's due invoices did, for logs, metrics and tests. */
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

    private final BillingStore store;
    private final AfterFinalization after;
    private final Clock clock;
    private final int maxCatchUp;
    private final ConflictRetry retry = ConflictRetry.standard();

    public InvoiceIssuing(BillingStore store, AfterFinalization after, Clock clock, int maxCatchUp) {
        this.store = store;
        this.after = after;
        this.clock = clock;
        this.maxCatchUp = maxCatchUp;
    }

    public Outcome process(String subscriptionId) {
        SellerProfile seller = store.settings().requireSeller();
        List<String> billed = new ArrayList<>();
        Optional<Subscription> found = store.subscriptions().get(subscriptionId);
        if (found.isEmpty()) {
            return Outcome.of(Outcome.Kind.GONE, billed, "subscription " + subscriptionId + " does not exist");
        }
        Subscription subscription = found.get();
        Optional<Customer> customer = store.customers().get(subscription.customerId());
        if (customer.isEmpty()) {
            return park(subscription, billed, "customer " + subscription.customerId() + " no longer exists");
        }
        // One round per due period, plus one to see that nothing more is due. Each round decides on the
        // subscription as the previous round stored it (a consistent re-read only after a conflict).
        for (int round = 0; round <= maxCatchUp + 1; round++) {
            try {
                BillingDecision decision = BillingCycle.decide(subscription, customer.get(), clock.now(), maxCatchUp);
                switch (decision) {
                    case BillingDecision.NotDue notDue -> {
                        return Outcome.of(billed.isEmpty() ? Outcome.Kind.NOT_DUE : Outcome.Kind.BILLED, billed, null);
                    }
                    case BillingDecision.Skip skip -> {
                        return Outcome.of(billed.isEmpty() ? Outcome.Kind.SKIPPED : Outcome.Kind.BILLED, billed,
                                skip.reason());
                    }
                    case BillingDecision.Park park -> {
                        return park(subscription, billed, park.reason());
                    }
                    case BillingDecision.Cancel cancel -> {
                        if (!subscription.pendingCharges().isEmpty()) {
                            billed.add(invoiceFor(subscription, customer.get(), seller, cancel.periodIndex(), false)
                                    .id());
                            subscription = store.subscriptions().get(subscriptionId).orElseThrow();
                        }
                        update(subscription, Subscription::canceled);
                        return Outcome.of(Outcome.Kind.CANCELED, billed, "canceled at period end");
                    }
                    case BillingDecision.Bill bill -> {
                        Invoice invoice = invoiceFor(subscription, customer.get(), seller, bill.periodIndex(), true);
                        billed.add(invoice.id());
                        subscription = advance(subscription, customer.get(), bill.periodIndex(), invoice);
                    }
                }
            } catch (BillingDataException e) {
                return park(subscription, billed, e.getMessage());
            }
        }
        return Outcome.of(Outcome.Kind.BILLED, billed, "catch-up bound reached");
    }

    /**
     * One billing job: {@link #process}, and a fault of the subscription's own (bad data, a bug its data triggers)
     * parks it with the reason ({@link #parkAfterFailure}) instead of failing the job forever. Throws only what a
     * retry may cure, so the job is redelivered (then dead-lettered): an AWS failure, a conflict that outlasted the
     * retries, an I/O failure, settings the deployment lacks.
     */
    public Outcome processOrPark(String subscriptionId) {
        try {
            return process(subscriptionId);
        } catch (SdkException | ConcurrentUpdateException | UncheckedIOException | MissingSettingsException retry) {
            throw retry;
        } catch (RuntimeException failure) {
            return parkAfterFailure(subscriptionId, failure);
        }
    }

    /**
     * Parks a subscription after an unexpected failure, so that later runs skip it until a person releases it.
     * Called by {@link #processOrPark} for errors that retrying cannot fix.
     */
    public Outcome parkAfterFailure(String subscriptionId, Exception failure) {
        String reason = "unexpected " + failure.getClass().getSimpleName() + ": "
                + Objects.requireNonNullElse(failure.getMessage(), "(no message)");
        return store.subscriptions().get(subscriptionId)
                .map(s -> park(s, List.of(), reason))
                .orElseGet(() -> Outcome.of(Outcome.Kind.GONE, List.of(), reason));
    }

    /** The period's invoice: created, finalised and announced (each step only if not done yet). */
    private Invoice invoiceFor(Subscription subscription, Customer customer, SellerProfile seller, long n,
            boolean recurring) {
        Period period = subscription.schedule().period(n);
        String id = InvoiceIds.forPeriod(subscription.id(), period.start());
        Invoice invoice = store.invoices().get(id).orElseGet(() -> compose(subscription, customer, n, recurring));
        if (invoice.status() == InvoiceStatus.DRAFT) {
            // A composed draft (never stored), or a draft stored by an earlier version of this function. A
            // Japanese seller without a valid registration number would issue a non-qualified invoice: park instead.
            String problem = QualifiedInvoices.issueProblem(invoice, seller);
            if (problem != null) {
                throw new BillingDataException(problem);
            }
            invoice = finalizeDraft(invoice, seller);
        }
        after.finalized(invoice, customer, seller);
        return invoice;
    }

    private Invoice compose(Subscription subscription, Customer customer, long n, boolean recurring) {
        Map<String, Plan> plans = new HashMap<>();
        for (SubscriptionItem item : subscription.items()) {
            store.plans().get(item.planId()).ifPresent(p -> plans.put(p.id(), p));
        }
        Instant now = clock.now();
        return InvoiceComposer.compose(customer, subscription, plans, n, recurring,
                LocalDue.localDate(now, customer.timeZone()), now);
    }

    private Invoice finalizeDraft(Invoice composed, SellerProfile seller) {
        String series = Finalization.seriesOf(composed, seller.invoicePrefix(), seller.numberSeries());
        Invoice[] draft = {composed};
        return retry.run(() -> {
            Finalization.Decision decision = Finalization.plan(draft[0], store.invoices().sequence(series),
                    store.credit().balance(draft[0].customerId(), draft[0].currency()), clock.now());
            try {
                return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(),
                        decision.creditEntry(),
                        decision.balanceAfter());
            } catch (ConcurrentUpdateException conflict) {
                // Another invoice took the number, the balance moved, or another generator created this one.
                Optional<Invoice> stored = store.invoices().get(composed.id());
                if (stored.isPresent() && stored.get().status() != InvoiceStatus.DRAFT) {
                    return stored.get();
                }
                draft[0] = stored.orElse(draft[0]);
                throw conflict;
            }
        });
    }

    /**
     * Moves the subscription past the billed period, removing the pending charges the invoice billed. Returns the
     * subscription as stored afterwards. Version-checked: after a conflict it re-reads, and stops if another
     * generator (or an earlier attempt) already advanced it.
     */
    private Subscription advance(Subscription read, Customer customer, long billedIndex, Invoice invoice) {
        Set<String> billedCharges = invoice.lines().stream().map(InvoiceLine::chargeId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return retry.run(attempt -> {
            Subscription current = attempt == 1 ? read : store.subscriptions().get(read.id()).orElseThrow();
            if (current.nextPeriodIndex() != billedIndex) {
                return current; // already advanced past this period
            }
            return store.subscriptions().update(BillingCycle.advance(current, customer, billedIndex, billedCharges));
        });
    }

    private Outcome park(Subscription subscription, List<String> billed, String reason) {
        update(subscription, s -> s.parked(reason));
        return Outcome.of(Outcome.Kind.PARKED, billed, reason);
    }

    private void update(Subscription subscription, UnaryOperator<Subscription> change) {
        retry.run(attempt -> store.subscriptions().update(change.apply(attempt == 1 ? subscription
                : store.subscriptions().get(subscription.id()).orElseThrow())));
    }
}
