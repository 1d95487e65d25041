package io.periodic.billing.invoicing;

import io.periodic.billing.calendar.Fraction;
import io.periodic.billing.calendar.Period;
import io.periodic.billing.calendar.Proration;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.PendingCharge;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxCalculator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Computes the draft invoice of one subscription period (plain domain logic, no I/O):
 * <ul>
 *   <li>one line per subscription item: unit price × quantity over the period (billed in advance);
 *   <li>during a free trial the line is free; a trial that ends inside the period charges the days after it
 *       ({@link Proration}, by local day);
 *   <li>every pending charge of the subscription (prorations of mid-period changes) as its own line;
 *   <li>a prorated line carries its factor (days charged / days in the period) so the document can print
 *       {@code 12 × $45.00 × 11/31};
 *   <li>tax at each line's rate: the plan's (or the pending charge's) own rate, else the customer's, so one
 *       invoice may carry several rates (Japan's 10 % and reduced 8 %); rounded once per invoice per rate
 *       ({@link TaxCalculator});
 *   <li>issued on the period's start date, or on {@code today} when billed late (an invoice is never backdated);
 *       due after the customer's payment terms.
 * </ul>
 * The credit balance is applied at finalisation, when the balance is read in the same transaction.
 */
public final class InvoiceComposer {
    private InvoiceComposer() {}

    /**
     * @param plans every plan the subscription's items refer to, by id
     * @param includeRecurring false for a final invoice that bills only pending charges (cancellation)
     * @throws BillingDataException when a plan is missing or disagrees with the customer or subscription
     */
    public static Invoice compose(Customer customer, Subscription subscription, Map<String, Plan> plans,
            long periodIndex, boolean includeRecurring, LocalDate today, Instant now) {
        if (!customer.id().equals(subscription.customerId())) {
            throw new IllegalArgumentException("subscription " + subscription.id() + " is not the customer's");
        }
        Period period = subscription.schedule().period(periodIndex);
        List<Draft> drafts = new ArrayList<>();
        if (includeRecurring) {
            for (SubscriptionItem item : subscription.items()) {
                Plan plan = plans.get(item.planId());
                if (plan == null) {
                    throw new BillingDataException("plan " + item.planId() + " of subscription "
                            + subscription.id() + " no longer exists");
                }
                if (!plan.unitAmount().currency().equals(customer.currency())) {
                    throw new BillingDataException("plan " + plan.id() + " is in "
                            + plan.unitAmount().currency() + " but customer " + customer.id() + " is billed in "
                            + customer.currency());
                }
                if (!plan.interval().equals(subscription.interval())) {
                    throw new BillingDataException("plan " + plan.id() + " bills every " + plan.interval()
                            + " but subscription " + subscription.id() + " every " + subscription.interval());
                }
                Money full = plan.unitAmount().times(item.quantity());
                Fraction chargeable = chargeable(subscription, period);
                Money amount = chargeable.applyTo(full);
                drafts.add(new Draft(new InvoiceLine(plan.productName(), LineKind.SUBSCRIPTION, plan.id(),
                        period.start(), period.end(), item.quantity(), plan.unitAmount(), amount,
                        plan.taxRateOr(customer.taxRate()), Money.zero(customer.currency()), null,
                        chargeable.isWhole() ? null : chargeable), plan.taxBehavior()));
            }
        }
        for (PendingCharge charge : subscription.pendingCharges()) {
            if (!charge.amount().currency().equals(customer.currency())) {
                throw new BillingDataException("pending charge " + charge.id() + " is in "
                        + charge.amount().currency() + ", customer " + customer.id() + " in " + customer.currency());
            }
            drafts.add(new Draft(new InvoiceLine(charge.description(), charge.kind(), charge.planId(),
                    charge.periodStart(), charge.periodEnd(), charge.quantity(), charge.unitAmount(), charge.amount(),
                    charge.taxRateOr(customer.taxRate()), Money.zero(customer.currency()), charge.id(),
                    charge.proration()),
                    charge.taxBehavior()));
        }

        List<InvoiceLine> lines = taxed(customer, drafts);
        LocalDate issueDate = period.start().isBefore(today) ? today : period.start();
        return Invoice.builder().id(InvoiceIds.forPeriod(subscription.id(), period.start())).customerId(customer.id())
                .subscriptionId(subscription.id()).currency(customer.currency()).status(InvoiceStatus.DRAFT)
                .lines(lines).creditApplied(Money.zero(customer.currency()))
                .amountPaid(Money.zero(customer.currency())).issueDate(issueDate)
                .dueDate(issueDate.plusDays(customer.paymentTermsDays())).periodStart(period.start())
                .periodEnd(period.end()).createdAt(now).build();
    }

    /** The part of the period that is charged: all of it, none of it in a trial, or the days after the trial. */
    static Fraction chargeable(Subscription subscription, Period period) {
        LocalDate trialEnd = subscription.trialEnd();
        if (trialEnd == null || !trialEnd.isAfter(period.start())) {
            return Proration.of(period, period);
        }
        if (!trialEnd.isBefore(period.end())) {
            return new Fraction(0, period.days());
        }
        return Proration.remaining(period, trialEnd);
    }

    private record Draft(InvoiceLine line, TaxBehavior behavior) {}

    private static List<InvoiceLine> taxed(Customer customer, List<Draft> drafts) {
        TaxCalculator.Result result = TaxCalculator.calculate(customer.currency(), drafts.stream()
                .map(d -> new TaxCalculator.Line(d.line().amount(), d.line().taxRate(), d.behavior()))
                .toList());
        List<InvoiceLine> lines = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            InvoiceLine l = drafts.get(i).line();
            TaxCalculator.LineTax tax = result.lines().get(i);
            lines.add(new InvoiceLine(l.description(), l.kind(), l.planId(), l.periodStart(), l.periodEnd(),
                    l.quantity(), l.unitAmount(), tax.net(), l.taxRate(), tax.tax(), l.chargeId(), l.proration()));
        }
        return lines;
    }
}
