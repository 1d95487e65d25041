package io.periodic.billing.payments;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.Rounding;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ranked, explained suggestions for a payment held as unapplied cash (plain domain code): candidate (customer,
 * invoices, amounts) sets, each with a score in [0, 1] and the reasons behind it as data. The score is a weighted
 * sum of four components, each in [0, 1] (docs/suggestions.md):
 * <pre>
 *   score = 0.35 name + 0.30 amount + 0.25 reference + 0.10 date
 * </pre>
 * <ul>
 *   <li><b>name</b>: the customer reference or e-mail of the payer is the customer's: 1; otherwise the best
 *       Jaro-Winkler similarity ({@link Similarity}) between the payer's name and the customer's name
 *       ({@link Names#key} and {@link BankNames#key}) or one of its payer names ({@link BankNames#key});
 *   <li><b>amount</b>: equal to what one invoice has due 1.0; equal to the sum due on 2-5 invoices
 *       ({@link PaymentMatching#group}) 0.9; short of one invoice by a fee-like amount
 *       ({@link #feeTolerance}) 0.7; anything else (spread oldest first, or over the invoices it names) 0.2;
 *   <li><b>reference</b>: the number of an invoice of the set in the remittance text 1.0; a fragment of it (the
 *       sequence digits, 3 or more, or all its digits) 0.6; nothing 0;
 *   <li><b>date</b>: the payment date against the latest due date of the set: 1 within 7 days either side, then
 *       down linearly to 0 at 60 days.
 * </ul>
 * The payer's habits ({@link PayerHabits}: usual group size, usual days late), when the candidate carries them,
 * re-rank: each habit the set fits adds a reason of weight {@link #WEIGHT_HABIT} that fills part of what the score
 * lacks to 1, {@code score = 1 - (1 - base) (1 - 0.05 per fitting habit)}, so the score stays in [0, 1], is
 * unchanged without a fitting habit, and only re-ranks sets that exist without habits.
 * Ties keep the order of the candidates and, within a customer, the oldest due date first (the cascade's
 * convention). Each
 * suggestion's id is derived from its content ({@link #idOf}), so it stays the same while nothing changes.
 */
public final class Suggestions {
    public static final double WEIGHT_NAME = 0.35;
    public static final double WEIGHT_AMOUNT = 0.30;
    public static final double WEIGHT_REFERENCE = 0.25;
    public static final double WEIGHT_DATE = 0.10;
    /** The weight of each payer habit the set fits, taken from what the score lacks to 1 (see the class doc). */
    public static final double WEIGHT_HABIT = 0.05;
    static final double AMOUNT_EXACT = 1.0;
    static final double AMOUNT_GROUP = 0.9;
    static final double AMOUNT_FEE = 0.7;
    static final double AMOUNT_OTHER = 0.2;
    static final double REFERENCE_FULL = 1.0;
    static final double REFERENCE_FRAGMENT = 0.6;
    static final int DATE_FULL_DAYS = 7;
    static final int DATE_ZERO_DAYS = 60;
    /** The fee-like shortfall bound in minor units: at most this or 1 % of the payment, the larger. */
    public static final long FEE_SHORTFALL_MINOR = 1000;
    /** The id's form: {@code sug_} and 16 lower-case hex digits. */
    public static final Pattern ID = Pattern.compile("sug_[0-9a-f]{16}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private Suggestions() {}

    /**
     * A customer that may have paid, with its open invoices (oldest due first), its effective bank-fee tolerance
     * (null: not set, {@link #feeTolerance(Money)} applies) and its payer habits (null or {@link PayerHabits#NONE}:
     * unknown).
     */
    public record Candidate(Customer customer, List<Invoice> openInvoices, Money feeTolerance, PayerHabits habits) {
        public Candidate {
            openInvoices = List.copyOf(openInvoices);
            habits = habits == null ? PayerHabits.NONE : habits;
        }

        public Candidate(Customer customer, List<Invoice> openInvoices) {
            this(customer, openInvoices, null, null);
        }

        public Candidate withHabits(PayerHabits newHabits) {
            return new Candidate(customer, openInvoices, feeTolerance, newHabits);
        }
    }

    /**
     * One reason: its kind ({@code name}, {@code identity}, {@code amount}, {@code reference}, {@code date},
     * {@code habit}), the component's value in [0, 1], its weight in the score, and a sentence for a person.
     */
    public record Reason(String kind, double value, double weight, String text) {}

    public record Suggestion(String id, String customerId, List<PaymentMatching.Application> applications,
            double score, List<Reason> reasons) {
        public Suggestion {
            applications = List.copyOf(applications);
            reasons = List.copyOf(reasons);
        }
    }

    /** The fee-like shortfall allowed on an amount: {@link #FEE_SHORTFALL_MINOR} or 1 % of it, the larger. */
    public static long feeTolerance(Money amount) {
        return Math.max(FEE_SHORTFALL_MINOR, amount.minor() / 100);
    }

    /**
     * The fee-like shortfall allowed on an amount for a customer: its effective bank-fee tolerance (the customer's
     * own, else the seller's for the currency; zero = none) when set in the amount's currency, else
     * {@link #feeTolerance(Money)}.
     */
    public static long feeTolerance(Money amount, Money customerTolerance) {
        return customerTolerance != null && customerTolerance.currency().equals(amount.currency())
                ? customerTolerance.minor() : feeTolerance(amount);
    }

    /** Every candidate set, best first, at most {@code limit}. */
    public static List<Suggestion> rank(Payment payment, List<Candidate> candidates, int limit) {
        Money amount = payment.unapplied();
        List<Suggestion> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Candidate candidate : candidates) {
            Customer customer = candidate.customer();
            if (!customer.currency().equals(amount.currency()) || !seen.add(customer.id())) {
                continue;
            }
            Reason name = name(payment, customer);
            List<Invoice> open = candidate.openInvoices().stream()
                    .filter(i -> i.currency().equals(amount.currency()) && i.amountDue().isPositive()
                            && i.status().acceptsPayment())
                    .sorted(Comparator.comparing(Invoice::dueDate).thenComparing(Invoice::id))
                    .toList();
            long tolerance = feeTolerance(amount, candidate.feeTolerance());
            for (InvoiceSet set : sets(payment, open, amount, tolerance)) {
                all.add(suggestion(payment, customer, name, set, candidate.habits()));
            }
        }
        all.sort(Comparator.comparingDouble(Suggestion::score).reversed()); // stable: ties keep their order
        Map<String, Suggestion> best = new LinkedHashMap<>();
        for (Suggestion s : all) {
            best.putIfAbsent(s.id(), s); // the same set found two ways: its best reading
        }
        return best.values().stream().limit(limit).toList();
    }

    private record InvoiceSet(List<Invoice> invoices, List<PaymentMatching.Application> applications, double amount,
            String amountText) {}

    /** The invoice sets a customer's payment may be for: exact, group, fee-short, named, else oldest first. */
    private static List<InvoiceSet> sets(Payment payment, List<Invoice> open, Money amount, long tolerance) {
        List<InvoiceSet> sets = new ArrayList<>();
        for (Invoice invoice : open) {
            long shortBy = invoice.amountDue().minor() - amount.minor();
            if (shortBy == 0) {
                sets.add(single(invoice, amount, AMOUNT_EXACT, "the amount equals what is due on " + label(invoice)));
            } else if (shortBy > 0 && shortBy <= tolerance) {
                sets.add(single(invoice, amount, AMOUNT_FEE, "the amount is " + Money.of(shortBy, amount.currency())
                        + " short of what is due on " + label(invoice) + " (like a bank fee the payer deducted)"));
            }
        }
        List<Invoice> group = PaymentMatching.group(
                open.subList(0, Math.min(open.size(), PaymentMatching.GROUP_SEARCH_INVOICES)), amount);
        if (group != null) {
            sets.add(new InvoiceSet(group, group.stream()
                    .map(i -> new PaymentMatching.Application(i.id(), i.amountDue())).toList(), AMOUNT_GROUP,
                    "the amount equals the sum due on " + group.size() + " invoices: " + labels(group)));
        }
        List<Invoice> named = open.stream().filter(i -> reference(payment, i) > 0).toList();
        if (!named.isEmpty() && sets.stream().noneMatch(s -> s.invoices().equals(named))) {
            sets.add(spread(named, amount, "applied to the invoices the remittance text names"));
        }
        if (sets.isEmpty() && !open.isEmpty()) {
            sets.add(spread(open, amount, "the amount matches no invoice; applied oldest first"));
        }
        return sets;
    }

    private static InvoiceSet single(Invoice invoice, Money amount, double value, String text) {
        return new InvoiceSet(List.of(invoice), List.of(new PaymentMatching.Application(invoice.id(), amount)),
                value, text);
    }

    private static InvoiceSet spread(List<Invoice> invoices, Money amount, String text) {
        List<Invoice> used = new ArrayList<>();
        List<PaymentMatching.Application> applications = new ArrayList<>();
        Money left = amount;
        for (Invoice invoice : invoices) {
            if (!left.isPositive() || applications.size() == PaymentMatching.MAX_APPLICATIONS) {
                break;
            }
            Money part = left.min(invoice.amountDue());
            used.add(invoice);
            applications.add(new PaymentMatching.Application(invoice.id(), part));
            left = left.minus(part);
        }
        String full = left.isPositive() ? text + "; " + left + " stays unapplied" : text;
        return new InvoiceSet(used, applications, AMOUNT_OTHER, full + " (" + labels(used) + ")");
    }

    private static Suggestion suggestion(Payment payment, Customer customer, Reason name, InvoiceSet set,
            PayerHabits habits) {
        List<Reason> reasons = new ArrayList<>();
        reasons.add(name);
        reasons.add(new Reason("amount", set.amount(), WEIGHT_AMOUNT, set.amountText()));
        double ref = 0;
        Invoice refInvoice = null;
        for (Invoice invoice : set.invoices()) {
            double r = reference(payment, invoice);
            if (r > ref) {
                ref = r;
                refInvoice = invoice;
            }
        }
        if (refInvoice != null) {
            reasons.add(new Reason("reference", ref, WEIGHT_REFERENCE, (ref == REFERENCE_FULL
                    ? "the remittance text names " : "the remittance text holds digits of ") + label(refInvoice)));
        }
        long daysAfterDue = daysAfterDue(payment, customer, set.invoices());
        reasons.add(date(daysAfterDue, set.invoices()));
        double score = 0;
        for (Reason reason : reasons) {
            score += reason.weight() * reason.value();
        }
        // The habits fill part of what the score lacks to 1: score = 1 - (1 - base)(1 - sum of habit weights).
        double habit = 0;
        if (habits.fitsGroup(set.invoices().size())) {
            reasons.add(new Reason("habit", 1, WEIGHT_HABIT, habits.groupText()));
            habit += WEIGHT_HABIT;
        }
        if (habits.fitsLateness(daysAfterDue)) {
            reasons.add(new Reason("habit", 1, WEIGHT_HABIT, habits.latenessText(daysAfterDue)));
            habit += WEIGHT_HABIT;
        }
        score = 1 - (1 - Math.max(0, Math.min(1, score))) * (1 - habit);
        score = Math.max(0, Math.min(1, rounded(score, 4)));
        return new Suggestion(idOf(customer.id(), set.applications()), customer.id(), set.applications(), score,
                reasons);
    }

    /** The name component: identity by reference or e-mail, else the best similarity and which variant matched. */
    static Reason name(Payment payment, Customer customer) {
        String reference = payment.payer().customerReference();
        if (customer.id().equals(reference)) {
            return new Reason("identity", 1, WEIGHT_NAME, "the payment names customer " + customer.id());
        }
        String email = payment.payer().email();
        if (email != null && email.strip().equalsIgnoreCase(customer.email())) {
            return new Reason("identity", 1, WEIGHT_NAME, "the payer's e-mail is the customer's (" + email + ")");
        }
        String printed = payment.payer().name();
        if (printed == null) {
            return new Reason("name", 0, WEIGHT_NAME, "the payment names no payer");
        }
        double best = 0;
        String variant = null;
        String keys = null;
        String latin = compact(Names.key(printed));
        String bank = BankNames.key(printed);
        double s = Similarity.jaroWinkler(latin, compact(Names.key(customer.name())));
        if (s > best) {
            best = s;
            variant = "its name " + customer.name();
            keys = latin + " / " + compact(Names.key(customer.name()));
        }
        s = Similarity.jaroWinkler(bank, BankNames.key(customer.name()));
        if (s > best) {
            best = s;
            variant = "its name " + customer.name();
            keys = bank + " / " + BankNames.key(customer.name());
        }
        for (String payerName : customer.payerNames()) {
            s = Similarity.jaroWinkler(bank, BankNames.key(payerName));
            if (s > best) {
                best = s;
                variant = "its payer name " + payerName;
                keys = bank + " / " + BankNames.key(payerName);
            }
        }
        double value = rounded(best, 3);
        return variant == null
                ? new Reason("name", 0, WEIGHT_NAME, "the payer " + printed + " has nothing in common with the name"
                        + " of customer " + customer.id())
                : new Reason("name", value, WEIGHT_NAME, String.format(Locale.ROOT,
                        "the payer %s is %.0f %% similar to %s (keys %s)", printed, value * 100, variant, keys));
    }

    /** How the remittance text names an invoice: its number 1.0, a fragment of its digits 0.6, nothing 0. */
    static double reference(Payment payment, Invoice invoice) {
        String text = payment.remittanceText();
        if (text == null || invoice.number() == null) {
            return 0;
        }
        String canonical = References.canonical(invoice.number());
        if (canonical != null && References.findAll(text).contains(canonical)) {
            return REFERENCE_FULL;
        }
        String allDigits = invoice.number().replaceAll("\\D", "");
        String sequence = canonical == null ? null : canonical.substring(canonical.indexOf('.') + 1);
        Matcher m = DIGITS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC));
        while (m.find()) {
            String run = m.group();
            String stripped = run.replaceFirst("^0+(?=\\d)", "");
            if (run.equals(allDigits) || sequence != null && sequence.length() >= 3 && stripped.equals(sequence)) {
                return REFERENCE_FRAGMENT;
            }
        }
        return 0;
    }

    /** The days from the latest due date of the invoices to the payment's date in the customer's zone. */
    public static long daysAfterDue(Payment payment, Customer customer, List<Invoice> invoices) {
        LocalDate paid = payment.receivedAt().atZone(customer.timeZone() == null ? ZoneOffset.UTC
                : customer.timeZone()).toLocalDate();
        LocalDate due = invoices.stream().map(Invoice::dueDate).max(Comparator.naturalOrder()).orElse(paid);
        return ChronoUnit.DAYS.between(due, paid);
    }

    private static Reason date(long days, List<Invoice> invoices) {
        long off = Math.abs(days);
        double value = off <= DATE_FULL_DAYS ? 1 : off >= DATE_ZERO_DAYS ? 0
                : 1 - (double) (off - DATE_FULL_DAYS) / (DATE_ZERO_DAYS - DATE_FULL_DAYS);
        String when = days == 0 ? "on the due date" : Math.abs(days) + (days > 0 ? " days after" : " days before")
                + " the due date";
        LocalDate due = invoices.stream().map(Invoice::dueDate).max(Comparator.naturalOrder()).orElse(null);
        return new Reason("date", rounded(value, 3), WEIGHT_DATE, "paid " + when + (due == null ? "" : " (" + due
                + ")"));
    }

    /**
     * The id of a suggestion: {@code sug_} and the first 16 hex digits of the SHA-256 of the customer id and the
     * (invoice id, amount) pairs sorted by invoice id.
     */
    public static String idOf(String customerId, List<PaymentMatching.Application> applications) {
        StringBuilder content = new StringBuilder(customerId);
        applications.stream().sorted(Comparator.comparing(PaymentMatching.Application::invoiceId))
                .forEach(a -> content.append('|').append(a.invoiceId()).append('=').append(a.amount().minor())
                        .append(' ').append(a.amount().currency().getCurrencyCode()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return "sug_" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** A score or component rounded to {@code places} decimals, as every rounding: {@link Rounding#MODE}. */
    private static double rounded(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, Rounding.MODE).doubleValue();
    }

    private static String compact(String key) {
        return key == null ? null : key.replace(" ", "");
    }

    private static String label(Invoice invoice) {
        return invoice.number() != null ? invoice.number() : invoice.id();
    }

    private static String labels(List<Invoice> invoices) {
        return String.join(", ", invoices.stream().map(Suggestions::label).toList());
    }
}
