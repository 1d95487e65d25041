package io.periodic.billing.reports;

import io.periodic.billing.model.Invoice;
import io.periodic.billing.money.MoneyTotal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Receivables aging as of a date: the amount still due on payable invoices, per currency (amounts in different
 * currencies are never added up), in the buckets finance teams use - current (not yet due), 1-30, 31-60, 61-90 and
 * over 90 days past due - with the invoices behind each bucket. Totals are {@link MoneyTotal}s (exact, unbounded):
 * the report answers on any stored invoices, however large.
 */
public final class AgingReport {
    public enum Bucket {
        CURRENT, DAYS_1_30, DAYS_31_60, DAYS_61_90, OVER_90;

        static Bucket of(long daysPastDue) {
            if (daysPastDue <= 0) {
                return CURRENT;
            }
            if (daysPastDue <= 30) {
                return DAYS_1_30;
            }
            if (daysPastDue <= 60) {
                return DAYS_31_60;
            }
            return daysPastDue <= 90 ? DAYS_61_90 : OVER_90;
        }
    }

    /** One bucket of one currency: its total and the invoices behind it (oldest due first). */
    public record Line(MoneyTotal total, List<Invoice> invoices) {}

    /** The report: per currency code, per bucket. */
    public record Report(LocalDate asOf, Map<String, Map<Bucket, Line>> byCurrency) {
        public MoneyTotal total(String currency, Bucket bucket) {
            Line line = byCurrency.getOrDefault(currency, Map.of()).get(bucket);
            return line == null ? MoneyTotal.zero(Currency.getInstance(currency)) : line.total();
        }

        /** Everything due in one currency, over all buckets. */
        public MoneyTotal totalDue(String currency) {
            return byCurrency.getOrDefault(currency, Map.of()).values().stream().map(Line::total)
                    .reduce(MoneyTotal.zero(Currency.getInstance(currency)), MoneyTotal::plus);
        }
    }

    private AgingReport() {}

    /** @param invoices the payable invoices (open or uncollectible); others and fully paid ones are ignored */
    public static Report build(List<Invoice> invoices, LocalDate asOf) {
        Map<String, Map<Bucket, List<Invoice>>> grouped = new TreeMap<>();
        for (Invoice invoice : invoices) {
            if (!invoice.status().acceptsPayment() || !invoice.amountDue().isPositive()) {
                continue;
            }
            long daysPastDue = ChronoUnit.DAYS.between(invoice.dueDate(), asOf);
            grouped.computeIfAbsent(invoice.currency().getCurrencyCode(), c -> new EnumMap<>(Bucket.class))
                    .computeIfAbsent(Bucket.of(daysPastDue), b -> new ArrayList<>())
                    .add(invoice);
        }
        Map<String, Map<Bucket, Line>> report = new TreeMap<>();
        grouped.forEach((currency, buckets) -> {
            Map<Bucket, Line> lines = new EnumMap<>(Bucket.class);
            buckets.forEach((bucket, list) -> {
                list.sort(Comparator.comparing(Invoice::dueDate).thenComparing(Invoice::id));
                MoneyTotal total = list.stream().map(Invoice::amountDue)
                        .reduce(MoneyTotal.zero(Currency.getInstance(currency)), MoneyTotal::plus, MoneyTotal::plus);
                lines.put(bucket, new Line(total, List.copyOf(list)));
            });
            report.put(currency, lines);
        });
        return new Report(asOf, report);
    }
}
