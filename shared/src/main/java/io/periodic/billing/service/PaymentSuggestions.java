package io.periodic.billing.service;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.payments.BankNames;
import io.periodic.billing.payments.Names;
import io.periodic.billing.payments.PayerHabits;
import io.periodic.billing.payments.PayerHabits.PastPayment;
import io.periodic.billing.payments.PaymentTransitions;
import io.periodic.billing.payments.References;
import io.periodic.billing.payments.Similarity;
import io.periodic.billing.payments.Suggestions;
import io.periodic.billing.payments.Suggestions.Candidate;
import io.periodic.billing.payments.Suggestions.Suggestion;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.service.PaymentService.Suggested;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranked, explained suggestions for a payment's unapplied cash ({@link Suggestions} decides; this class finds the
 * candidates, boundedly): the customer the payment names or is attributed to, customers found by e-mail, by the
 * name key and by the bank key of the payer's name, the customers of the invoices its remittance text names, and —
 * for names with a typo — the customers among the first {@link #FUZZY_SCAN_CUSTOMERS} of the customer list whose
 * name or payer names are at least {@link #FUZZY_MIN_SIMILARITY} similar to the payer's (that page of customers
 * costs about 25 RCU, eventually consistent, at 1 KB a customer). At most {@link #MAX_CANDIDATES} customers' open
 * invoices are read (up to {@link #OPEN_INVOICES} each), and the seller's settings once (the bank-fee tolerance of
 * a customer without its own). The payer habits ({@link PayerHabits}) are read only for the customers of the top
 * {@link #LIMIT} suggestions ({@link #habits}), which are then ranked again.
 */
final class PaymentSuggestions {
    static final int LIMIT = 5;
    static final int FUZZY_SCAN_CUSTOMERS = 200;
    static final double FUZZY_MIN_SIMILARITY = 0.8;
    static final int FUZZY_CANDIDATES = 5;
    static final int MAX_CANDIDATES = 15;
    static final int OPEN_INVOICES = 100;
    /** How many of a top customer's newest invoices its payer habits are read from. */
    static final int HISTORY_INVOICES = 12;

    private final BillingStore store;

    PaymentSuggestions(BillingStore store) {
        this.store = store;
    }

    Suggested suggest(String paymentId) {
        Payment payment = store.payments().get(paymentId)
                .orElseThrow(() -> new NotFoundException("payment", paymentId));
        String refusal = PaymentTransitions.refusal(payment, PaymentTransitions.Event.APPLIED_BY_HAND);
        if (refusal != null) {
            return new Suggested(payment, List.of(), refusal);
        }
        List<Candidate> candidates = candidates(payment);
        List<Suggestion> ranked = Suggestions.rank(payment, candidates, Integer.MAX_VALUE);
        // The habits of the customers of the top suggestions only: their history is the expensive read.
        Set<String> top = new LinkedHashSet<>();
        ranked.stream().limit(LIMIT).forEach(s -> top.add(s.customerId()));
        if (top.isEmpty()) {
            return new Suggested(payment, List.of(), null);
        }
        List<Candidate> withHabits = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            withHabits.add(top.contains(c.customer().id()) ? c.withHabits(habits(payment, c.customer())) : c);
        }
        return new Suggested(payment, Suggestions.rank(payment, withHabits, LIMIT), null);
    }

    /**
     * A customer's payer habits from its recent payments: the payments applied to its {@link #HISTORY_INVOICES}
     * newest invoices with money paid (1 query for the invoices, 1 query of the allocations per paid invoice, 1
     * batch get of the payments). The payment being suggested for is left out; a past payment counts the invoices
     * it paid among those read.
     */
    private PayerHabits habits(Payment payment, Customer customer) {
        Map<String, Invoice> paid = new LinkedHashMap<>();
        for (Invoice i : store.invoices().byCustomer(customer.id(), HISTORY_INVOICES, null).items()) {
            if (i.amountPaid() != null && i.amountPaid().isPositive()) {
                paid.put(i.id(), i);
            }
        }
        Map<String, Set<String>> invoicesByPayment = new LinkedHashMap<>();
        for (Invoice invoice : paid.values()) {
            for (Allocation a : store.payments().allocationsOfInvoice(invoice.id())) {
                if (a.amount().isPositive() && !a.paymentId().equals(payment.id())) {
                    invoicesByPayment.computeIfAbsent(a.paymentId(), k -> new LinkedHashSet<>()).add(a.invoiceId());
                }
            }
        }
        if (invoicesByPayment.size() < PayerHabits.MIN_PAYMENTS) {
            return new PayerHabits(null, null, invoicesByPayment.size()); // no payment read: too few for a habit
        }
        List<PastPayment> history = new ArrayList<>();
        for (Payment past : store.payments().getAll(invoicesByPayment.keySet())) {
            List<Invoice> invoices = invoicesByPayment.get(past.id()).stream().map(paid::get).toList();
            history.add(new PastPayment(invoices.size(),
                    (int) Suggestions.daysAfterDue(past, customer, invoices)));
        }
        return PayerHabits.of(history);
    }

    private List<Candidate> candidates(Payment payment) {
        Map<String, Customer> found = new LinkedHashMap<>();
        if (payment.customerId() != null) {
            store.customers().get(payment.customerId()).ifPresent(c -> found.put(c.id(), c));
        }
        String reference = payment.payer().customerReference();
        if (reference != null) {
            store.customers().get(reference).ifPresent(c -> found.putIfAbsent(c.id(), c));
        }
        if (payment.payer().email() != null) {
            store.customers().findByEmail(payment.payer().email()).forEach(c -> found.putIfAbsent(c.id(), c));
        }
        for (String number : References.findAll(payment.remittanceText())) {
            store.invoices().findByNumber(number).flatMap(i -> store.customers().get(i.customerId()))
                    .ifPresent(c -> found.putIfAbsent(c.id(), c));
        }
        String name = payment.payer().name();
        if (name != null) {
            store.customers().findByName(name).forEach(c -> found.putIfAbsent(c.id(), c));
            store.customers().findByPayerName(name).forEach(c -> found.putIfAbsent(c.id(), c));
            fuzzy(payment, name).forEach(c -> found.putIfAbsent(c.id(), c));
        }
        List<Candidate> candidates = new ArrayList<>();
        SellerProfile seller = null;
        boolean sellerRead = false;
        for (Customer customer : found.values()) {
            if (candidates.size() == MAX_CANDIDATES) {
                break;
            }
            if (customer.currency().equals(payment.amount().currency())) {
                List<Invoice> open = store.invoices().openByCustomer(customer.id(), OPEN_INVOICES);
                if (customer.bankFeeTolerance() == null && !sellerRead) {
                    seller = store.settings().seller().orElse(null); // once per call, when a customer needs it
                    sellerRead = true;
                }
                candidates.add(new Candidate(customer, open, PaymentReceipt.feeTolerance(customer, seller,
                        payment.amount().currency()), null));
            }
        }
        return candidates;
    }

    /** The customers of the first page of the list whose names are close to the payer's, closest first. */
    private List<Customer> fuzzy(Payment payment, String printed) {
        String latin = compact(Names.key(printed));
        String bank = BankNames.key(printed);
        record Close(Customer customer, double similarity) {}
        List<Close> close = new ArrayList<>();
        for (Customer c : store.customers().all(FUZZY_SCAN_CUSTOMERS, null).items()) {
            if (!c.currency().equals(payment.amount().currency())) {
                continue;
            }
            double best = Math.max(Similarity.jaroWinkler(latin, compact(Names.key(c.name()))),
                    Similarity.jaroWinkler(bank, BankNames.key(c.name())));
            for (String payerName : c.payerNames()) {
                best = Math.max(best, Similarity.jaroWinkler(bank, BankNames.key(payerName)));
            }
            if (best >= FUZZY_MIN_SIMILARITY) {
                close.add(new Close(c, best));
            }
        }
        return close.stream().sorted(Comparator.comparingDouble(Close::similarity).reversed())
                .limit(FUZZY_CANDIDATES).map(Close::customer).toList();
    }

    private static String compact(String key) {
        return key == null ? null : key.replace(" ", "");
    }
}
