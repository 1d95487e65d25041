package io.periodic.billing.payments;

import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import java.util.List;

/**
 * What a refund adds to what its payment's refunds already took back (plain domain logic).
 *
 * <p>Sources report refunds in two shapes: a <em>refund object</em> (one refund and its amount: Stripe's
 * {@code re_…}, a connector's {@code payment.refunded}, a bank's return) and a <em>running total</em> (everything
 * refunded from the payment so far: Stripe's cumulative {@code amount_refunded} in {@code charge.refunded}). The
 * same refund may be reported in both shapes, several times, in any order. Each report is a true lower bound of
 * what was refunded: a running total T means at least T; distinct refund objects mean at least their sum. So the
 * refunded amount known from a payment's counted reports is
 *
 * <pre>  max(largest running total, sum of distinct refund objects)</pre>
 *
 * and a new report adds that value's increase - never more, so no refund is counted twice however it is reported
 * (a lower or equal running total arriving late adds nothing), and the count reaches the true amount as soon as
 * one report covers it. Reports are distinct by refund id (a payment stores each once). Disputes are counted one by
 * one ({@link Refund.Kind#DISPUTE}: charge-backs are not in Stripe's {@code amount_refunded}).
 */
public final class RefundTotals {
    private RefundTotals() {}

    /**
     * @param refund the report being decided
     * @param ofPayment every refund of its payment (the report itself may be among them; it is left out): the
     *     ones already counted ({@link Refund.Status#APPLIED} or {@link Refund.Status#IGNORED}) are its baseline
     * @return what {@code refund} adds, zero or more, in its currency
     */
    public static Money newlyRefunded(Refund refund, List<Refund> ofPayment) {
        if (refund.kind() == Refund.Kind.DISPUTE) {
            return refund.amount();
        }
        Money before = Money.zero(refund.amount().currency());
        Money largestTotal = before;
        Money objects = before;
        for (Refund r : ofPayment) {
            boolean counted = r.status() == Refund.Status.APPLIED || r.status() == Refund.Status.IGNORED;
            if (!counted || r.kind() != Refund.Kind.REFUND || r.refundId().equals(refund.refundId())
                    || !r.amount().currency().equals(refund.amount().currency())) {
                continue;
            }
            if (r.runningTotal()) {
                largestTotal = largestTotal.max(r.amount());
            } else {
                objects = objects.plus(r.amount());
            }
        }
        before = largestTotal.max(objects);
        Money after = refund.runningTotal() ? largestTotal.max(refund.amount()).max(objects)
                : largestTotal.max(objects.plus(refund.amount()));
        return after.minus(before);
    }
}
