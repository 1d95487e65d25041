package io.periodic.billing.service;

import io.periodic.billing.calendar.BillingSchedule;
import io.periodic.billing.calendar.LocalDue;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.invoicing.SubscriptionChanges;
import io.periodic.billing.invoicing.SubscriptionTransitions;
import io.periodic.billing.invoicing.SubscriptionTransitions.Transition;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.persistence.AccountHeldException;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the management API does to customers, plans and subscriptions: validation against the stored state
 * (currencies agree, the plan exists, the status allows the change), then one version-checked write. Plain Java
 * over the store; the HTTP handler only parses and formats.
 */
public final class AccountService {
    /** The largest amount one line may reach (unit amount × quantity), in minor units: far below overflow. */
    public static final long MAX_LINE_MINOR = 1_000_000_000_000_000L;
    /** How far back a subscription may start: its periods are invoiced on start, and catch-up is bounded. */
    public static final int MAX_BACKDATE_DAYS = 366;
    /** How far ahead a subscription may start. */
    public static final int MAX_START_AHEAD_YEARS = 10;

    private final BillingStore store;
    private final Clock clock;
    private final ConflictRetry retry = ConflictRetry.standard();

    public AccountService(BillingStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- customers

    public Customer customer(String id) {
        return store.customers().get(id).orElseThrow(() -> new NotFoundException("customer", id));
    }

    /**
     * Creates a customer under its id; {@link DuplicateException} when that id exists already,
     * {@link ConflictException} when one of its virtual accounts is another customer's.
     */
    public Customer createCustomer(Customer customer) {
        try {
            return store.customers().create(customer);
        } catch (AlreadyExistsException exists) {
            throw new DuplicateException(exists.getMessage(), exists);
        } catch (AccountHeldException held) {
            throw new ConflictException(held.getMessage());
        }
    }

    /**
     * Changes a customer. The currency cannot change once the customer has subscriptions or invoices: every
     * amount already issued is in the old one. A virtual account another customer holds is a
     * {@link ConflictException}.
     */
    public Customer updateCustomer(String id, UnaryOperator<Customer> change) {
        return retry.run(() -> {
            Customer before = customer(id);
            Customer after = change.apply(before);
            if (!after.currency().equals(before.currency())
                    && (!store.subscriptions().byCustomer(id, 1, null).items().isEmpty()
                    || !store.invoices().byCustomer(id, 1, null).items().isEmpty())) {
                throw new ConflictException("the currency of customer " + id
                        + " cannot change: it already has subscriptions or invoices in " + before.currency());
            }
            try {
                return store.customers().update(after);
            } catch (AccountHeldException held) {
                throw new ConflictException(held.getMessage());
            }
        });
    }

    // ---------------------------------------------------------------- plans

    public Plan plan(String id) {
        return store.plans().get(id).orElseThrow(() -> new NotFoundException("plan", id));
    }

    /** Creates a plan under its id; {@link DuplicateException} when that id exists already. */
    public Plan createPlan(Plan plan) {
        try {
            return store.plans().create(plan);
        } catch (AlreadyExistsException exists) {
            throw new DuplicateException(exists.getMessage(), exists);
        }
    }

    // ---------------------------------------------------------------- subscriptions

    public Subscription subscription(String id) {
        return store.subscriptions().get(id).orElseThrow(() -> new NotFoundException("subscription", id));
    }

    /**
     * Subscribes a customer to a plan from a local start date (the anchor of every period). A plan with trial days
     * starts in its trial; the first invoice is issued at the start date's local midnight in the customer's zone.
     */
    public Subscription subscribe(String customerId, String planId, long quantity, LocalDate startDate) {
        return subscribe(Ids.newId("sub"), customerId, planId, quantity, startDate);
    }

    /**
     * {@link #subscribe(String, String, long, LocalDate)} under a given id (e.g. one derived from the request's
     * idempotency key): the subscription is created once under it, a second create fails with
     * {@link DuplicateException}.
     */
    public Subscription subscribe(String id, String customerId, String planId, long quantity, LocalDate startDate) {
        Customer customer = customer(customerId);
        Plan plan = plan(planId);
        if (!plan.active()) {
            throw new ConflictException("plan " + planId + " is no longer offered");
        }
        if (!plan.unitAmount().currency().equals(customer.currency())) {
            throw new ConflictException("plan " + planId + " is priced in " + plan.unitAmount().currency()
                    + " but customer " + customerId + " is billed in " + customer.currency());
        }
        LocalDate today = LocalDue.localDate(clock.now(), customer.timeZone());
        if (startDate.isBefore(today.minusDays(MAX_BACKDATE_DAYS))
                || startDate.isAfter(today.plusYears(MAX_START_AHEAD_YEARS))) {
            throw new IllegalArgumentException("startDate must be between " + today.minusDays(MAX_BACKDATE_DAYS)
                    + " and " + today.plusYears(MAX_START_AHEAD_YEARS) + " (the customer's today is " + today + ")");
        }
        requireLineFits(plan, quantity);
        LocalDate trialEnd = plan.trialDays() == 0 ? null : startDate.plusDays(plan.trialDays());
        Subscription draft = new Subscription(id, customerId,
                List.of(new SubscriptionItem(planId, quantity)), startDate, plan.interval(),
                trialEnd == null ? SubscriptionStatus.ACTIVE : SubscriptionStatus.TRIALING, false, trialEnd, 0, null,
                null, List.of(), clock.now(), null);
        try {
            return store.subscriptions().create(draft.advancedTo(0, BillingCycle.dueInstant(draft, customer, 0)));
        } catch (AlreadyExistsException exists) {
            throw new DuplicateException(exists.getMessage(), exists);
        }
    }

    /**
     * Changes the plan and/or quantity from {@code effective} (default: today in the customer's zone), prorating
     * the rest of the current period on the next invoice ({@link SubscriptionChanges}). {@code changeId} makes a
     * retried change recognisable.
     */
    public Subscription change(String id, String newPlanId, Long newQuantity, LocalDate effective, String changeId) {
        return update(id, subscription -> {
            require(subscription, Transition.CHANGE);
            if (subscription.items().size() != 1) {
                throw new ConflictException("subscription " + id + " has several items; change them one by one");
            }
            Customer customer = customer(subscription.customerId());
            SubscriptionItem current = subscription.items().get(0);
            String planId = newPlanId == null ? current.planId() : newPlanId;
            long quantity = newQuantity == null ? current.quantity() : newQuantity;
            Plan oldPlan = plan(current.planId());
            Plan plan = plan(planId);
            if (!plan.unitAmount().currency().equals(customer.currency())) {
                throw new ConflictException("plan " + planId + " is priced in " + plan.unitAmount().currency()
                        + " but the customer is billed in " + customer.currency());
            }
            if (!plan.interval().equals(subscription.interval())) {
                throw new ConflictException("plan " + planId + " bills every " + plan.interval()
                        + " but the subscription every " + subscription.interval()
                        + "; cancel it and subscribe to the new plan instead");
            }
            requireLineFits(plan, quantity);
            if (planId.equals(current.planId()) && quantity == current.quantity()) {
                return subscription; // nothing changes
            }
            LocalDate on = effective != null ? effective : LocalDue.localDate(clock.now(), customer.timeZone());
            Map<String, Plan> plans = new LinkedHashMap<>();
            plans.put(oldPlan.id(), oldPlan);
            plans.put(plan.id(), plan);
            try {
                return SubscriptionChanges.change(subscription, List.of(new SubscriptionItem(planId, quantity)),
                        plans, on, changeId);
            } catch (IllegalArgumentException outsidePeriod) {
                throw new ConflictException(outsidePeriod.getMessage());
            }
        });
    }

    /** Cancels at the end of the current period (it renews no more), or now (never billed again). */
    public Subscription cancel(String id, boolean atPeriodEnd) {
        return update(id, subscription -> {
            require(subscription, Transition.CANCEL);
            return atPeriodEnd ? subscription.withCancelAtPeriodEnd(true) : subscription.canceled();
        });
    }

    /** Pauses billing: periods that start while paused are not invoiced. */
    public Subscription pause(String id) {
        return update(id, subscription -> {
            require(subscription, Transition.PAUSE);
            return subscription.withStatus(SubscriptionStatus.PAUSED);
        });
    }

    /**
     * Resumes a paused (or dunning-suspended) subscription. Billing continues with the first period that starts on
     * or after today (in the customer's zone) — periods that started while it was paused are not billed — computed
     * from the anchor like every period.
     */
    public Subscription resume(String id) {
        return update(id, subscription -> {
            require(subscription, Transition.RESUME);
            Customer customer = customer(subscription.customerId());
            LocalDate today = LocalDue.localDate(clock.now(), customer.timeZone());
            long next = resumedPeriodIndex(subscription.schedule(), subscription.nextPeriodIndex(), today);
            return subscription.withStatus(SubscriptionTransitions.resumedStatus(subscription, today))
                    .advancedTo(next, BillingCycle.dueInstant(subscription, customer, next));
        });
    }

    /**
     * The next period to bill after a pause that ends on {@code today}: the first period starting on or after
     * today (periods that started while paused are not billed), never one before {@code next}, the period that was
     * next when it was paused.
     */
    public static long resumedPeriodIndex(BillingSchedule schedule, long next, LocalDate today) {
        if (today.isBefore(schedule.anchor())) {
            return next;
        }
        long containing = schedule.periodIndexOf(today);
        long firstNotStarted = schedule.periodStart(containing).equals(today) ? containing : containing + 1;
        return Math.max(next, firstNotStarted);
    }

    private Subscription update(String id, UnaryOperator<Subscription> change) {
        return retry.run(() -> {
            Subscription before = subscription(id);
            Subscription after = change.apply(before);
            return after == before ? before : store.subscriptions().update(after);
        });
    }

    /** Refuses a unit amount × quantity beyond {@link #MAX_LINE_MINOR} (IllegalArgumentException: bad input). */
    static void requireLineFits(Plan plan, long quantity) {
        long unit = plan.unitAmount().minor();
        if (unit != 0 && quantity > MAX_LINE_MINOR / unit) {
            throw new IllegalArgumentException("quantity " + quantity + " × unit amount " + unit
                    + " exceeds the largest line amount accepted (" + MAX_LINE_MINOR + " minor units)");
        }
    }

    /** Refuses (409) a status change the subscription's status does not allow ({@link SubscriptionTransitions}). */
    private static void require(Subscription subscription, Transition transition) {
        String refusal = SubscriptionTransitions.refusal(subscription, transition);
        if (refusal != null) {
            throw new ConflictException(refusal);
        }
    }
}
