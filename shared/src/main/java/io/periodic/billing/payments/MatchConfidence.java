package io.periodic.billing.payments;

import io.periodic.billing.model.Invoice;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How sure an automatic decision of the matching cascade ({@link PaymentMatching}) is, in basis points (0..10,000 =
 * 0..1): a fixed table of what decided the invoices (the amount rule) and how the customer was identified
 * (docs/matching-confidence.md). Integers, so the comparison with the seller's threshold
 * ({@code autoApplyConfidence}) is exact and deterministic.
 *
 * <table>
 *   <caption>confidence of a decision</caption>
 *   <tr><th>invoices decided by</th><th>certain identity: virtual account, customer reference, e-mail, the invoice
 *       it names</th><th>payer-name, learned-alias</th><th>the customer's name (Names key)</th></tr>
 *   <tr><td>reference (the invoices it names, fee-short or not)</td><td colspan="3">1.00</td></tr>
 *   <tr><td>exact-amount</td><td>1.00</td><td>0.97</td><td>0.96</td></tr>
 *   <tr><td>invoice-group</td><td>1.00</td><td>0.95</td><td>0.94</td></tr>
 *   <tr><td>fee-tolerance</td><td>1.00</td><td>0.93</td><td>0.92</td></tr>
 *   <tr><td>oldest-first (the amount matches nothing, or no open invoice: credit)</td><td>0.60</td><td>0.50</td>
 *       <td>0.50</td></tr>
 * </table>
 * A decision that applies nothing ({@code unapplied}) has confidence 0 and is never held: it holds everything anyway.
 */
public final class MatchConfidence {
    /** 1.0 in basis points. */
    public static final int CERTAIN = 10_000;
    /** The default threshold of automatic application (0.90): oldest-first decisions are held. */
    public static final int DEFAULT_THRESHOLD = 9_000;

    /** {@link PaymentMatching.Context#identifiedBy} of a customer found by its id in the payer's customer reference. */
    public static final String BY_CUSTOMER_REFERENCE = "customer reference";
    /** ... by the payer's e-mail (the only customer with it). */
    public static final String BY_EMAIL = "e-mail";
    /** ... by the {@link Names} key of the payer's name (the only customer with it). */
    public static final String BY_NAME = "payer name";
    /** ... as the customer of an invoice the payment names (one that cannot take the money). */
    public static final String BY_NAMED_INVOICE = "the invoice it names";

    private static final Set<String> CERTAIN_MEANS = Set.of(BY_CUSTOMER_REFERENCE, BY_EMAIL, BY_NAMED_INVOICE);

    /** How a customer was identified, from least to most certain. */
    public enum Identification {
        /** The {@link Names} key of its name, or anything not listed here. */
        NAME,
        /** A rule of its own over the bank name: {@code payer-name} or {@code learned-alias}. */
        PAYER_NAME,
        /** {@code virtual-account}, customer reference, e-mail, an invoice it names. */
        CERTAIN
    }

    private MatchConfidence() {}

    /** How the context's customer was identified. */
    public static Identification identification(PaymentMatching.Context c) {
        if ("virtual-account".equals(c.identifyingRule())) {
            return Identification.CERTAIN;
        }
        if (c.identifyingRule() != null) {
            return Identification.PAYER_NAME;
        }
        return c.identifiedBy() != null && CERTAIN_MEANS.contains(c.identifiedBy()) ? Identification.CERTAIN
                : Identification.NAME;
    }

    /**
     * The confidence of a decision of the cascade, before a customer-identifying rule renamed it.
     *
     * @param amountRule the rule that decided the invoices: reference, exact-amount, invoice-group, fee-tolerance,
     *     oldest-first or unapplied
     * @param named whether the decision applies only invoices the payment names (a fee-short named invoice)
     */
    public static int of(String amountRule, boolean named, Identification by) {
        return switch (amountRule) {
            case "reference" -> CERTAIN;
            case "exact-amount" -> pick(by, CERTAIN, 9_700, 9_600);
            case "invoice-group" -> pick(by, CERTAIN, 9_500, 9_400);
            case PaymentMatching.FEE_TOLERANCE -> named ? CERTAIN : pick(by, CERTAIN, 9_300, 9_200);
            case "oldest-first" -> pick(by, 6_000, 5_000, 5_000);
            default -> 0;
        };
    }

    /** {@link #of(String, boolean, Identification)} for a decision made in the context. */
    static int of(PaymentMatching.Decision d, PaymentMatching.Context c) {
        Set<String> referenced = c.referenced().stream().map(Invoice::id).collect(Collectors.toSet());
        boolean named = !d.applications().isEmpty()
                && d.applications().stream().allMatch(a -> referenced.contains(a.invoiceId()));
        return of(d.rule(), named, identification(c));
    }

    private static int pick(Identification by, int certain, int payerName, int name) {
        return switch (by) {
            case CERTAIN -> certain;
            case PAYER_NAME -> payerName;
            case NAME -> name;
        };
    }

    /** Basis points as a ratio with two decimals: 6000 → {@code 0.60}, 9250 → {@code 0.925}. */
    public static String format(int basisPoints) {
        String text = String.format(Locale.ROOT, "%d.%04d", basisPoints / CERTAIN, basisPoints % CERTAIN);
        while (text.endsWith("0") && text.length() > text.indexOf('.') + 3) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
