package io.periodic.billing.service;

import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.PayerAlias;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.BankNames;
import io.periodic.billing.payments.MatchConfidence;
import io.periodic.billing.payments.PayerAliases;
import io.periodic.billing.payments.PaymentLedger;
import io.periodic.billing.payments.PaymentMatching;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentTransitions;
import io.periodic.billing.payments.References;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.service.PaymentService.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Receives a payment: stores it once per (provider, provider payment id) - never per queue message - and applies it
 * once, matched by {@link PaymentMatching} on what the payment names and who paid, then committed in one
 * version-checked transaction (a racing payment on the same invoice makes one of them re-read and decide again).
 * The refunds and disputes that waited for it are decided right after ({@link RefundApplication}).
 */
final class PaymentReceipt {
    private final BillingStore store;
    private final Clock clock;
    private final PaymentPosting posting;
    private final RefundApplication refunds;
    private final ConflictRetry retry = ConflictRetry.standard();

    PaymentReceipt(BillingStore store, Clock clock, PaymentPosting posting, RefundApplication refunds) {
        this.store = store;
        this.clock = clock;
        this.posting = posting;
        this.refunds = refunds;
    }

    /**
     * SnapStart priming: the matching cascade's reads for a payment nobody made — an invoice number, an e-mail, a
     * payer name, a customer's open invoices — and the decision, with nothing written or published.
     */
    void prime() {
        Money zero = Money.zero(Currency.getInstance("USD"));
        Payment probe = new Payment(Payment.idFor("priming", "probe"), "priming", "probe", Money.of(1, "USD"),
                new Payer("Priming Probe", "priming@priming.invalid", null, null), "INV-2000-000000", Instant.EPOCH,
                PaymentStatus.RECEIVED, zero, zero, null, null, null);
        PaymentMatching.decide(context(probe));
        store.invoices().openByCustomer("cus_priming_probe", 1);
        store.payments().allocationsOfPayment(probe.id());
    }

    Outcome receive(PaymentNotification n) {
        String id = Payment.idFor(n.provider(), n.providerPaymentId());
        Payment fresh = new Payment(id, n.provider(), n.providerPaymentId(), n.amount(), n.payer(), remittance(n),
                n.occurredAt(), PaymentStatus.RECEIVED, zero(n), zero(n), null, null, true, n.receivingAccount(), null);
        Payment payment;
        try {
            payment = store.payments().create(fresh);
        } catch (AlreadyExistsException duplicate) {
            payment = store.payments().get(id).orElseThrow();
        }
        store.payments().listReceived(payment); // idempotent: a redelivery after a crash lists it too
        if (!PaymentTransitions.awaitsMatching(payment)) {
            // Applied before; a crash may have come before its waiting refunds were: they are decided now.
            posting.announce(refunds.applyWaiting(payment));
            return Outcome.DUPLICATE;
        }
        Payment[] latest = {payment};
        payment = retry.run(() -> {
            try {
                return applyReceived(latest[0]);
            } catch (ConcurrentUpdateException conflict) {
                latest[0] = store.payments().get(id).orElseThrow();
                if (!PaymentTransitions.awaitsMatching(latest[0])) {
                    return latest[0]; // a racing delivery applied it
                }
                throw conflict;
            }
        });
        payment = refunds.applyWaiting(payment);
        posting.announce(payment);
        return switch (payment.status()) {
            case APPLIED -> Outcome.APPLIED;
            case PARTIALLY_APPLIED -> Outcome.PARTIALLY_APPLIED;
            case REFUNDED, DISPUTED -> Outcome.REFUNDED;
            default -> Outcome.UNAPPLIED;
        };
    }

    private Payment applyReceived(Payment payment) {
        PaymentMatching.Context context = context(payment);
        PaymentMatching.Decision decision = PaymentMatching.decide(context);
        Map<String, Invoice> invoices = new LinkedHashMap<>();
        context.referenced().forEach(i -> invoices.put(i.id(), i));
        context.openInvoices().forEach(i -> invoices.put(i.id(), i));
        CreditBalance balance = decision.customerId() == null ? null
                : store.credit().balance(decision.customerId(), payment.amount().currency());
        PaymentLedger.Result result = PaymentLedger.apply(payment, decision, invoices, balance, clock.now());
        return posting.commit(result);
    }

    /** Finds what the payment names and who paid: the inputs of the matching cascade. */
    private PaymentMatching.Context context(Payment payment) {
        Map<String, Invoice> referenced = new LinkedHashMap<>();
        for (String number : References.findAll(payment.remittanceText())) {
            store.invoices().findByNumber(number).ifPresent(i -> referenced.put(i.id(), i));
        }
        Customer customer = null;
        String how = null;
        String rule = null;
        if (payment.receivingAccount() != null) {
            customer = store.customers().findByVirtualAccount(payment.receivingAccount()).orElse(null);
            how = customer == null ? null : "its virtual account " + payment.receivingAccount()
                    + " (the payment was received into it)";
            rule = customer == null ? null : "virtual-account";
        }
        String reference = payment.payer().customerReference();
        if (customer == null && reference != null) {
            customer = store.customers().get(reference).orElse(null);
            how = MatchConfidence.BY_CUSTOMER_REFERENCE;
        }
        if (customer == null && payment.payer().email() != null) {
            customer = only(store.customers().findByEmail(payment.payer().email()));
            how = MatchConfidence.BY_EMAIL;
        }
        if (customer == null && payment.payer().name() != null) {
            customer = only(store.customers().findByName(payment.payer().name()));
            how = MatchConfidence.BY_NAME;
        }
        if (customer == null && payment.payer().name() != null) {
            customer = only(store.customers().findByPayerName(payment.payer().name()));
            how = customer == null ? how : payerName(customer, payment.payer().name());
            rule = customer == null ? null : "payer-name";
        }
        if (customer == null && payment.payer().name() != null && BankNames.key(payment.payer().name()) != null) {
            PayerAliases.Identification learned = PayerAliases.identify(
                    store.payerAliases().byKey(BankNames.key(payment.payer().name())), payment.payer().account());
            customer = learned == null ? null : store.customers().get(learned.customerId()).orElse(null);
            how = customer == null ? how : learnedAlias(learned.alias(), payment.payer().name());
            rule = customer == null ? null : "learned-alias";
        }
        if (customer == null && !referenced.isEmpty()) {
            customer = store.customers().get(referenced.values().iterator().next().customerId()).orElse(null);
            how = MatchConfidence.BY_NAMED_INVOICE;
        }
        // The customer's open invoices are only needed when the named invoices cannot take the money (rules 2-4):
        // a payment that names a payable invoice in its currency skips that query (it is the expensive read).
        boolean referencePays = referenced.values().stream().anyMatch(i -> i.status().acceptsPayment()
                && i.amountDue().isPositive() && i.currency().equals(payment.amount().currency()));
        List<Invoice> open = customer == null || referencePays ? List.of()
                : store.invoices().openByCustomer(customer.id(), 1000);
        // One read of the seller's settings, only when a customer is identified (the fee tolerance and the
        // auto-apply threshold both come from it; without a customer every decision is reference or unapplied,
        // which no threshold holds).
        SellerProfile seller = customer == null ? null : store.settings().seller().orElse(null);
        return new PaymentMatching.Context(payment, new ArrayList<>(referenced.values()), customer, how, open,
                rule, feeTolerance(customer, seller, payment.amount().currency()),
                seller == null ? SellerProfile.DEFAULT_AUTO_APPLY_CONFIDENCE : seller.autoApplyConfidence());
    }

    /** The customer's bank-fee tolerance: its own when set (zero = off), else the seller's for the currency. */
    static Money feeTolerance(Customer customer, SellerProfile seller, Currency currency) {
        if (customer == null) {
            return null;
        }
        if (customer.bankFeeTolerance() != null) {
            return customer.bankFeeTolerance();
        }
        return seller == null ? null : seller.bankFeeTolerance(currency);
    }

    /** How a payer name identified a customer: which of its payer names has the same bank key. */
    private static String payerName(Customer customer, String printed) {
        String key = BankNames.key(printed);
        for (String name : customer.payerNames()) {
            if (key.equals(BankNames.key(name))) {
                return "its payer name " + name + " (the payer " + printed + " has the same bank key " + key + ")";
            }
        }
        return "its payer names (bank key " + key + ")";
    }

    /** How a learned alias identified a customer: who taught it, when, from which payment. */
    private static String learnedAlias(PayerAlias alias, String printed) {
        return "a payer alias learned by " + alias.learnedBy() + " on " + alias.learnedAt() + " from payment "
                + alias.learnedFromPayment() + " (the payer " + printed + " has its bank key " + alias.bankKey()
                + (alias.remittedFrom() == null ? "" : ", remitted from " + alias.remittedFrom()) + ")";
    }

    private static Customer only(List<Customer> customers) {
        return customers.size() == 1 ? customers.get(0) : null;
    }

    /** The payment's remittance text: the invoice reference and the free text, within the stored 2,000 characters. */
    private static String remittance(PaymentNotification n) {
        String text = ((n.invoiceReference() == null ? "" : n.invoiceReference() + " ")
                + (n.remittanceText() == null ? "" : n.remittanceText())).strip();
        if (text.length() > 2000) {
            text = text.substring(0, 1999) + "…";
        }
        return text.isEmpty() ? null : text;
    }

    private static Money zero(PaymentNotification n) {
        return Money.zero(n.amount().currency());
    }
}
