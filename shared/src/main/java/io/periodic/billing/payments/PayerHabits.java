package io.periodic.billing.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A payer's habits, derived from its recent payments (plain domain code; docs/suggestions.md): the number of
 * invoices it usually pays together and how many days after (or before) the due date it usually pays. They only
 * re-rank suggestions ({@link Suggestions}): a habit never makes a suggestion on its own.
 * <ul>
 *   <li><b>group size</b>: N when at least {@link #MIN_PAYMENTS} of the past payments each paid the same N &ge; 2
 *       invoices (the most frequent such N; on a tie, the smaller N);
 *   <li><b>days late</b>: the median (the lower one of an even count) of the days between the latest due date of
 *       the invoices a payment paid and its date, over at least {@link #MIN_PAYMENTS} payments (negative: early).
 * </ul>
 *
 * @param groupSize the usual number of invoices paid together, or null when there is none
 * @param daysLate the usual days late (negative: early), or null with fewer than {@link #MIN_PAYMENTS} payments
 * @param payments how many past payments the habits were derived from
 */
public record PayerHabits(Integer groupSize, Integer daysLate, int payments) {
    /** Fewer past payments than this make no habit. */
    public static final int MIN_PAYMENTS = 3;
    /** A payment date within this many days of the due date plus the usual lateness fits the habit. */
    public static final int DATE_SLACK_DAYS = 3;
    /** No habits (no history, or too little). */
    public static final PayerHabits NONE = new PayerHabits(null, null, 0);

    /**
     * One past payment as the habits need it.
     *
     * @param invoices how many invoices it paid
     * @param daysLate the days from the latest due date of those invoices to the payment's date (negative: early)
     */
    public record PastPayment(int invoices, int daysLate) {
        public PastPayment {
            if (invoices < 1) {
                throw new IllegalArgumentException("a past payment paid at least one invoice: " + invoices);
            }
        }
    }

    /** The habits of a payer with these past payments (any order). */
    public static PayerHabits of(List<PastPayment> history) {
        if (history.size() < MIN_PAYMENTS) {
            return new PayerHabits(null, null, history.size());
        }
        Map<Integer, Integer> bySize = new TreeMap<>();
        List<Integer> late = new ArrayList<>();
        for (PastPayment p : history) {
            if (p.invoices() >= 2) {
                bySize.merge(p.invoices(), 1, Integer::sum);
            }
            late.add(p.daysLate());
        }
        Integer group = null;
        int best = MIN_PAYMENTS - 1;
        for (Map.Entry<Integer, Integer> e : bySize.entrySet()) { // ascending: a tie keeps the smaller size
            if (e.getValue() > best) {
                best = e.getValue();
                group = e.getKey();
            }
        }
        late.sort(null);
        return new PayerHabits(group, late.get((late.size() - 1) / 2), history.size());
    }

    /** Whether a set of {@code invoices} invoices fits the usual group size (false when there is none). */
    public boolean fitsGroup(int invoices) {
        return groupSize != null && groupSize == invoices;
    }

    /** Whether paying {@code daysAfterDue} days after the due date fits the usual lateness, within the slack. */
    public boolean fitsLateness(long daysAfterDue) {
        return daysLate != null && Math.abs(daysAfterDue - daysLate) <= DATE_SLACK_DAYS;
    }

    /** The group habit for a person: {@code usually pays 2 invoices together (6 payments seen)}. */
    public String groupText() {
        return "the payer usually pays " + groupSize + " invoices together (" + payments + " payments seen)";
    }

    /** The lateness habit for a person: {@code usually pays about 3 days late}. */
    public String latenessText(long daysAfterDue) {
        String usual = daysLate == 0 ? "on the due date" : String.format(Locale.ROOT, "about %d days %s",
                Math.abs(daysLate), daysLate > 0 ? "late" : "early");
        return "the payer usually pays " + usual + " (median of " + payments + " payments); this one is "
                + (daysAfterDue == 0 ? "on the due date" : Math.abs(daysAfterDue) + " days "
                        + (daysAfterDue > 0 ? "late" : "early"));
    }
}
