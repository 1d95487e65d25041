package io.periodic.billing.dunning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The dates of one invoice's dunning steps: the policy, adapted to the customer's payment history. The rule, kept
 * explainable (its reason is stored with every step):
 * <ul>
 *   <li><b>habitual late payer</b> (at least 3 paid invoices and fewer than half paid on time, or a median of more
 *       than 7 days late, or 2+ short payments): the courtesy notice comes earlier, 7 days before the due date
 *       instead of the policy's day;
 *   <li><b>reliable payer</b> (at least 3 paid invoices, at least 90 % on time, no short payments): no courtesy
 *       notice before the due date - they are not nagged;
 *   <li>otherwise (including new customers): the policy as it is.
 * </ul>
 * Steps after the due date are never moved: escalation stays the same for everyone.
 */
public final class DunningSchedule {
    public static final int EARLY_COURTESY_DAYS = 7;

    private DunningSchedule() {}

    /** One planned step: what, on which local date, and why it is (or is not) where the policy put it. */
    public record Planned(StepKind kind, LocalDate date, String reason) {}

    public static List<Planned> plan(DunningPolicy policy, PaymentBehaviour behaviour, LocalDate dueDate) {
        Profile profile = profile(behaviour);
        List<Planned> planned = new ArrayList<>();
        for (DunningPolicy.Step step : policy.steps()) {
            if (step.kind() == StepKind.COURTESY && profile == Profile.RELIABLE) {
                continue;
            }
            int offset = step.dayOffset();
            String reason = "policy: " + (offset < 0 ? -offset + " days before" : offset + " days after")
                    + " the due date";
            if (step.kind() == StepKind.COURTESY && profile == Profile.LATE_PAYER) {
                offset = Math.min(offset, -EARLY_COURTESY_DAYS);
                reason = "earlier courtesy notice (" + EARLY_COURTESY_DAYS + " days before): habitual late payer, "
                        + behaviour.describe();
            } else if (profile == Profile.RELIABLE && offset > 0 && planned.isEmpty()) {
                reason += "; no courtesy notice: reliable payer, " + behaviour.describe();
            }
            planned.add(new Planned(step.kind(), dueDate.plusDays(offset), reason));
        }
        return planned;
    }

    enum Profile { LATE_PAYER, RELIABLE, DEFAULT }

    static Profile profile(PaymentBehaviour b) {
        if (b.invoicesPaid() < 3) {
            return Profile.DEFAULT;
        }
        if (b.onTimeRate() < 0.5 || b.medianDaysLate() > 7 || b.shortPayments() >= 2) {
            return Profile.LATE_PAYER;
        }
        if (b.onTimeRate() >= 0.9 && b.shortPayments() == 0) {
            return Profile.RELIABLE;
        }
        return Profile.DEFAULT;
    }
}
