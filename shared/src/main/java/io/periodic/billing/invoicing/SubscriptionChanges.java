package io.periodic.billing.invoicing;

import io.periodic.billing.calendar.Fraction;
import io.periodic.billing.calendar.Period;
import io.periodic.billing.calendar.Proration;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.PendingCharge;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.money.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mid-period changes (upgrade, downgrade, quantity change) with proration. Periods are billed in advance, so the
 * current period was already invoiced at the old items. A change effective on local date d adds, for every item
 * that changes, two pending charges for the next invoice:
 * <ul>
 *   <li>a credit for the unused time of the old item: −(old unit × old quantity) × remaining(d);
 *   <li>a charge for the remaining time of the new item: +(new unit × new quantity) × remaining(d);
 * </ul>
 * where remaining(d) = days from d to the period end ÷ days in the period ({@link Proration#remaining}). Each is
 * rounded once. The charge's description is the product name; documents print the localised sentence around it
 * from the line's kind and sign. A downgrade therefore yields a net credit, which the next invoice nets against its charges and,
 * if larger, adds to the customer's credit balance.
 */
public final class SubscriptionChanges {
    private SubscriptionChanges() {}

    /**
     * @param changeId a caller-chosen id of this change (e.g. from the API's idempotency key), making the charge
     *     ids deterministic so a retried change is recognised
     * @param plans the old and new items' plans, by id
     */
    public static Subscription change(Subscription subscription, List<SubscriptionItem> newItems,
            Map<String, Plan> plans, LocalDate effective, String changeId) {
        if (subscription.nextPeriodIndex() == 0) {
            // Nothing billed yet: the first invoice will simply use the new items.
            return subscription.withItems(newItems, subscription.pendingCharges());
        }
        Period current = subscription.schedule().period(subscription.nextPeriodIndex() - 1);
        if (!current.contains(effective)) {
            throw new IllegalArgumentException("a change must take effect within the current period " + current
                    + ", not on " + effective);
        }
        Fraction remaining = Proration.remaining(current, effective);
        Map<String, SubscriptionItem> before = byPlan(subscription.items());
        Map<String, SubscriptionItem> after = byPlan(newItems);
        List<PendingCharge> pending = new ArrayList<>(subscription.pendingCharges());
        if (pending.stream().anyMatch(c -> c.id().startsWith(changeId + ":"))) {
            return subscription; // this change was already applied
        }
        for (SubscriptionItem old : before.values()) {
            SubscriptionItem replacement = after.get(old.planId());
            if (replacement != null && replacement.quantity() == old.quantity()) {
                continue;
            }
            Plan plan = plan(plans, old.planId());
            Money credit = remaining.applyTo(plan.unitAmount().times(old.quantity())).negate();
            pending.add(charge(changeId + ":unused:" + old.planId(), plan.productName(),
                    plan, current, effective, old.quantity(), credit, remaining));
        }
        for (SubscriptionItem item : after.values()) {
            SubscriptionItem old = before.get(item.planId());
            if (old != null && old.quantity() == item.quantity()) {
                continue;
            }
            Plan plan = plan(plans, item.planId());
            Money charge = remaining.applyTo(plan.unitAmount().times(item.quantity()));
            pending.add(charge(changeId + ":remaining:" + item.planId(), plan.productName(),
                    plan, current, effective, item.quantity(), charge, remaining));
        }
        pending.removeIf(c -> c.amount().isZero());
        return subscription.withItems(newItems, pending);
    }

    private static PendingCharge charge(String id, String description, Plan plan, Period current,
            LocalDate effective, long quantity, Money amount, Fraction remaining) {
        return new PendingCharge(id, description, LineKind.PRORATION, plan.id(), effective, current.end(), quantity,
                plan.unitAmount(), amount, plan.taxBehavior(), remaining, plan.taxRate());
    }

    private static Plan plan(Map<String, Plan> plans, String id) {
        Plan plan = plans.get(id);
        if (plan == null) {
            throw new BillingDataException("plan " + id + " does not exist");
        }
        return plan;
    }

    private static Map<String, SubscriptionItem> byPlan(List<SubscriptionItem> items) {
        Map<String, SubscriptionItem> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(i.planId(), i));
        return map;
    }
}
