package io.periodic.billing.reports;

import io.periodic.billing.model.Payment;
import io.periodic.billing.money.MoneyTotal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cash collected per day (UTC) and currency: what was received that day, how much of it is applied to invoices or
 * credit balances now, how much is held as unapplied cash now, how much was refunded, and the bank fees the payers
 * deducted that were written off on the invoices those payments closed (docs/bank-fees.md). received = applied +
 * unapplied + refunded for every row, exactly; the fees are beside it (received + fees = what the invoices and
 * credit took + unapplied + refunded). Days without payments are left out.
 *
 * <p>Sums are {@link MoneyTotal}s (exact, unbounded): the report answers on any stored payments, however large.
 */
public final class CollectionsReport {
    private CollectionsReport() {}

    public record Day(LocalDate date, String currency, int payments, MoneyTotal received, MoneyTotal applied,
            MoneyTotal unapplied, MoneyTotal refunded, MoneyTotal feesWrittenOff) {
        /** A day without bank fees written off. */
        public Day(LocalDate date, String currency, int payments, MoneyTotal received, MoneyTotal applied,
                MoneyTotal unapplied, MoneyTotal refunded) {
            this(date, currency, payments, received, applied, unapplied, refunded, MoneyTotal.zero(
                    received.currency()));
        }
    }

    private record Key(LocalDate date, String currency) {}

    public static List<Day> build(List<Payment> payments, LocalDate from, LocalDate to) {
        Map<Key, Day> days = new TreeMap<>(Comparator.comparing(Key::date).thenComparing(Key::currency));
        for (Payment p : payments) {
            LocalDate date = LocalDate.ofInstant(p.receivedAt(), ZoneOffset.UTC);
            if (date.isBefore(from) || date.isAfter(to)) {
                continue;
            }
            String currency = p.amount().currency().getCurrencyCode();
            days.merge(new Key(date, currency),
                    new Day(date, currency, 1, MoneyTotal.of(p.amount()), MoneyTotal.of(p.applied()),
                            MoneyTotal.of(p.unapplied()), MoneyTotal.of(p.refunded()),
                            MoneyTotal.of(p.feeWrittenOff())),
                    (a, b) -> new Day(a.date(), a.currency(), a.payments() + 1, a.received().plus(b.received()),
                            a.applied().plus(b.applied()), a.unapplied().plus(b.unapplied()),
                            a.refunded().plus(b.refunded()), a.feesWrittenOff().plus(b.feesWrittenOff())));
        }
        return new ArrayList<>(days.values());
    }

    /** The first instant of {@code from} and the first instant after {@code to}, in UTC. */
    public static Instant[] range(LocalDate from, LocalDate to) {
        return new Instant[] {from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()};
    }
}
