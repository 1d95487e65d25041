package io.periodic.billing.service;

import io.periodic.billing.calendar.LocalDue;
import io.periodic.billing.dunning.DunningCheck;
import io.periodic.billing.dunning.DunningPolicy;
import io.periodic.billing.dunning.DunningSchedule;
import io.periodic.billing.dunning.LateFees;
import io.periodic.billing.dunning.PaymentBehaviour;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.invoicing.InvoiceTransitions;
import io.periodic.billing.invoicing.SubscriptionTransitions;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.DunningEntry;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.payments.PaymentEvents;
import io.periodic.billing.payments.PaymentLedger;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.DomainEvent;
import io.periodic.billing.ports.EventPublisher;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.rendering.DocumentLanguage;
import io.periodic.billing.rendering.MailLink;
import io.periodic.billing.rendering.ReminderEmails;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dunning steps the workflow calls (plan, act, record a failure). Every call re-reads the invoice first: paid
 * or voided ends the dunning. Then the customer's credit balance pays what it can of the invoice (one
 * version-checked transaction, {@link PaymentLedger#useCredit}): a customer whose credit covers what they owe is
 * never reminded, charged a late fee or suspended, whatever path left the credit beside the open invoice (a refund
 * that reopened it, a credit note, an overpayment that named another invoice). Each step is recorded once in the
 * invoice's dunning history before it acts and marked done after, so a retried step completes what it started and
 * never acts twice.
 */
public final class DunningService {
    /** Local time of day reminders go out. */
    static final LocalTime SEND_AT = LocalTime.of(9, 0);
    private static final String CHANNEL = "email";

    /** What the workflow does next: stop, or wait until {@code at} and perform {@code next}. */
    public record State(String invoiceId, boolean done, String outcome, StepKind next, Instant at, String reason) {}

    private final BillingStore store;
    private final InvoiceNotifications notifications;
    private final Mailer mailer;
    private final EventPublisher events;
    private final Clock clock;
    private final ConflictRetry retry = ConflictRetry.standard();

    public DunningService(BillingStore store, InvoiceNotifications notifications, Mailer mailer, EventPublisher events,
            Clock clock) {
        this.store = store;
        this.notifications = notifications;
        this.mailer = mailer;
        this.events = events;
        this.clock = clock;
    }

    public State plan(String invoiceId) {
        Invoice invoice = creditFirst(invoice(invoiceId));
        if (DunningCheck.of(invoice) instanceof DunningCheck.Stop stop) {
            return stopped(invoice, stop);
        }
        Customer customer = customer(invoice);
        Set<String> done = store.dunning().history(invoiceId).stream().filter(e -> e.status().done())
                .map(DunningEntry::step).collect(Collectors.toSet());
        LocalDate today = LocalDue.localDate(clock.now(), customer.timeZone());
        for (DunningSchedule.Planned step : DunningSchedule.plan(policy(customer.id()), behaviour(customer, invoiceId),
                invoice.dueDate())) {
            if (done.contains(step.kind().name())) {
                continue;
            }
            if (isLateFeeInvoice(invoice) && (step.kind() == StepKind.LATE_FEE || step.kind() == StepKind.SUSPEND)) {
                continue; // a late fee never earns a late fee; suspension is decided by the invoices for the service
            }
            if (step.kind() == StepKind.COURTESY && !today.isBefore(invoice.dueDate())) {
                continue; // a courtesy notice only makes sense before the due date
            }
            Instant at = step.date().atTime(SEND_AT).atZone(customer.timeZone()).toInstant();
            return new State(invoiceId, false, null, step.kind(), at.isBefore(clock.now()) ? clock.now() : at,
                    step.reason());
        }
        return new State(invoiceId, true, "ESCALATED", null, null, "every step of the policy was taken");
    }

    /** Performs one step (if the invoice still needs it and it was not done yet), then plans the next. */
    public State act(String invoiceId, StepKind step) {
        Invoice invoice = creditFirst(invoice(invoiceId));
        if (DunningCheck.of(invoice) instanceof DunningCheck.Stop stop) {
            return stopped(invoice, stop);
        }
        Customer customer = customer(invoice);
        String language = DocumentLanguage.of(customer.locale()).tag();
        DunningEntry entry;
        try {
            entry = store.dunning().create(new DunningEntry(invoiceId, step.name(), DunningEntry.Status.PENDING,
                    clock.now(), CHANNEL, language, reasonFor(step, customer, invoice), null, null));
        } catch (AlreadyExistsException started) {
            entry = store.dunning().get(invoiceId, step.name()).orElseThrow();
        }
        if (!entry.status().done()) {
            SellerProfile seller = store.settings().requireSeller();
            LocalDate today = LocalDue.localDate(clock.now(), customer.timeZone());
            MailLink link = notifications.customerLink(invoice, today);
            DunningEntry.Status status = switch (step) {
                case LATE_FEE -> chargeLateFee(invoice, customer, seller, today, link);
                case SUSPEND -> suspend(invoice, customer, seller, today, link);
                default -> {
                    mailer.send(ReminderEmails.reminder(reminderStep(step), invoice, customer, seller, today, link));
                    yield DunningEntry.Status.SENT;
                }
            };
            store.dunning().update(entry.completed(status, clock.now(),
                    "amount due " + invoice.amountDue() + (invoice.amountPaid().isPositive()
                            ? " after " + invoice.amountPaid() + " paid" : "")));
        }
        return plan(invoiceId);
    }

    /**
     * Pays what it can of a dunned invoice from the customer's credit balance, before anything else happens: the
     * invoice and the balance version-checked, the ledger entry create-once (its id derives from the invoice's
     * version), so a retry or a racing payment re-reads and decides again. An invoice paid in full this way is
     * announced ({@code invoice.paid}) and ends its dunning as recovered.
     */
    private Invoice creditFirst(Invoice read) {
        return retry.run(attempt -> {
            Invoice invoice = attempt == 1 ? read : invoice(read.id());
            if (!(DunningCheck.of(invoice) instanceof DunningCheck.Continue)) {
                return invoice;
            }
            PaymentLedger.CreditUse use = PaymentLedger.useCredit(invoice,
                    store.credit().balance(invoice.customerId(), invoice.currency()), clock.now());
            if (use == null) {
                return invoice;
            }
            Invoice after = store.invoices().commitCreditUse(use.invoices(), use.entry(), use.balanceAfter()).get(0);
            if (after.status() == InvoiceStatus.PAID) {
                events.publish(PaymentEvents.invoicePaid(after, null, clock.now()));
            }
            return after;
        });
    }

    /** An invoice that only charges a late fee (issued by this dunning for another invoice). */
    static boolean isLateFeeInvoice(Invoice invoice) {
        return !invoice.lines().isEmpty() && invoice.lines().stream()
                .allMatch(l -> l.kind() == LineKind.LATE_FEE);
    }

    /**
     * Records a failure the workflow could not recover from, on the invoice's history (an alarm fires too); the
     * workflow is done.
     */
    public State recordFailure(String invoiceId, String error) {
        String step = "FAILED-" + clock.now().toEpochMilli();
        store.dunning().create(new DunningEntry(invoiceId, step, DunningEntry.Status.FAILED, clock.now(), null,
                null, "the dunning workflow failed", error, null));
        return new State(invoiceId, true, "FAILED", null, null, "failure recorded");
    }

    private DunningEntry.Status chargeLateFee(Invoice invoice, Customer customer, SellerProfile seller,
            LocalDate today, MailLink link) {
        Invoice draft = LateFees.draft(invoice, policy(customer.id()).lateFee(), customer, today, clock.now());
        if (draft == null) {
            return DunningEntry.Status.SENT; // no fee applies (policy or currency): nothing charged
        }
        Invoice fee = store.invoices().get(draft.id()).orElseGet(() -> {
            try {
                return store.invoices().create(draft);
            } catch (AlreadyExistsException raced) {
                return store.invoices().get(draft.id()).orElseThrow();
            }
        });
        if (fee.status() == InvoiceStatus.DRAFT) {
            Finalization.Decision decision = Finalization.plan(fee, store.invoices().sequence(
                            Finalization.seriesOf(fee, seller.invoicePrefix(), seller.numberSeries())),
                    store.credit().balance(fee.customerId(), fee.currency()), clock.now());
            fee = store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(),
                    decision.creditEntry(),
                    decision.balanceAfter());
            notifications.announce(fee, customer, seller, null);
        }
        mailer.send(ReminderEmails.lateFee(invoice, customer, seller, today, link, fee.total()));
        return DunningEntry.Status.CHARGED;
    }

    private DunningEntry.Status suspend(Invoice invoice, Customer customer, SellerProfile seller, LocalDate today,
            MailLink link) {
        if (invoice.subscriptionId() != null) {
            Subscription subscription = store.subscriptions().get(invoice.subscriptionId()).orElse(null);
            Subscription suspended = subscription == null ? null : SubscriptionTransitions.suspended(subscription);
            if (suspended != subscription) {
                store.subscriptions().update(suspended);
            }
            events.publish(new DomainEvent("subscription.suspended", "subscription.suspended:" + invoice.subscriptionId()
                    + ":" + invoice.id(), clock.now(), "{\"subscriptionId\":\"" + invoice.subscriptionId()
                    + "\",\"customerId\":\"" + invoice.customerId() + "\",\"invoiceId\":\"" + invoice.id() + "\"}"));
        }
        if (policy(customer.id()).markUncollectibleOnSuspend()) {
            store.invoices().update(InvoiceTransitions.writtenOff(invoice));
        }
        mailer.send(ReminderEmails.reminder(ReminderEmails.Step.SUSPENDED, invoice, customer, seller, today, link));
        return DunningEntry.Status.SUSPENDED;
    }

    private State stopped(Invoice invoice, DunningCheck.Stop stop) {
        // One stop per round of dunning: the first is STOPPED (as always); a round DunningStarter resumed for a
        // reopened invoice (its RESUMED-<n> entry) ends in STOPPED-<n>. A repeated stop of a round that has its stop
        // records nothing new.
        List<DunningEntry> history = store.dunning().history(invoice.id());
        long stops = history.stream().filter(e -> e.status() == DunningEntry.Status.STOPPED).count();
        long resumed = history.stream().filter(e -> e.status() == DunningEntry.Status.RESUMED).count();
        if (stops > 0 && resumed < stops) {
            return new State(invoice.id(), true, stop.outcome().name(), null, null, stop.reason());
        }
        String step = stops == 0 ? "STOPPED" : "STOPPED-" + stops;
        try {
            store.dunning().create(new DunningEntry(invoice.id(), step, DunningEntry.Status.STOPPED, clock.now(),
                    null, null, stop.reason(), stop.outcome().name(), null));
        } catch (AlreadyExistsException raced) {
            // a racing stop of the same round recorded it
        }
        return new State(invoice.id(), true, stop.outcome().name(), null, null, stop.reason());
    }

    private String reasonFor(StepKind step, Customer customer, Invoice invoice) {
        return DunningSchedule.plan(policy(customer.id()), behaviour(customer, invoice.id()), invoice.dueDate()).stream()
                .filter(p -> p.kind() == step).map(DunningSchedule.Planned::reason).findFirst()
                .orElse("step " + step + " taken");
    }

    /**
     * The customer's payment history from their paid invoices (the last 24): due date, the local date of the
     * last payment applied, short when paid in more than one part.
     */
    private PaymentBehaviour behaviour(Customer customer, String exceptInvoiceId) {
        return PaymentBehaviour.of(new PaymentHistory(store).settled(customer, 24, exceptInvoiceId).stream()
                .map(s -> new PaymentBehaviour.Settled(s.dueDate(), s.paidOn(), s.paidInParts()))
                .toList());
    }

    /** The customer's policy: their override, else the stored default, else the built-in default. */
    private DunningPolicy policy(String customerId) {
        return store.dunning().policyFor(customerId);
    }

    private static ReminderEmails.Step reminderStep(StepKind step) {
        return switch (step) {
            case COURTESY -> ReminderEmails.Step.COURTESY;
            case FRIENDLY -> ReminderEmails.Step.FRIENDLY;
            case FIRM -> ReminderEmails.Step.FIRM;
            case FINAL_NOTICE -> ReminderEmails.Step.FINAL_NOTICE;
            case LATE_FEE -> ReminderEmails.Step.LATE_FEE;
            case SUSPEND -> ReminderEmails.Step.SUSPENDED;
        };
    }

    private Invoice invoice(String id) {
        return store.invoices().get(id).orElseThrow(() -> new NoSuchElementException("invoice " + id + " not found"));
    }

    private Customer customer(Invoice invoice) {
        return store.customers().get(invoice.customerId()).orElseThrow(
                () -> new NoSuchElementException("customer " + invoice.customerId() + " not found"));
    }
}
