package io.periodic.billing.service;

import static io.periodic.billing.service.PaymentService.MAX_MANUAL_APPLICATIONS;

import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.PayerAlias;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.BankNames;
import io.periodic.billing.payments.PayerAliases;
import io.periodic.billing.payments.PaymentLedger;
import io.periodic.billing.payments.PaymentMatching;
import io.periodic.billing.payments.PaymentTransitions;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.PaymentRepository;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.service.PaymentService.ManualApplication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a payment's unapplied cash by hand, as a person decided: each amount to its invoice, all of it in one
 * version-checked transaction (never half-applied), then announced like any application. When the invoices are one
 * customer's and the payer has a name, the same transaction learns (or confirms) the payer alias name → customer
 * ({@link PayerAliases#learn}), so the next payment from that payer is identified (rule {@code learned-alias}).
 */
final class ManualPaymentApplication {
    private final BillingStore store;
    private final Clock clock;
    private final PaymentPosting posting;
    private final ConflictRetry retry = ConflictRetry.standard();

    ManualPaymentApplication(BillingStore store, Clock clock, PaymentPosting posting) {
        this.store = store;
        this.clock = clock;
        this.posting = posting;
    }

    /**
     * {@link PaymentService#applyManually(String, List, String, String, long)}: the state refusals are
     * {@link PaymentTransitions}' and {@link PaymentLedger#applyManually}'s, answered as {@link ConflictException}.
     */
    Payment apply(String paymentId, List<ManualApplication> requested, String by, String commitMarker,
            long markerExpiresAt) {
        return apply(paymentId, requested, by, "manual", "applied by hand by " + by, commitMarker,
                markerExpiresAt);
    }

    /**
     * {@link #apply(String, List, String, String, long)} recorded under {@code rule} with {@code reason}; {@code by}
     * is who decided (the alias it teaches names them).
     */
    Payment apply(String paymentId, List<ManualApplication> requested, String by, String rule, String reason,
            String commitMarker, long markerExpiresAt) {
        if (requested.size() > MAX_MANUAL_APPLICATIONS) {
            throw new IllegalArgumentException("one application names at most " + MAX_MANUAL_APPLICATIONS
                    + " invoices (it is one transaction of at most " + PaymentRepository.MAX_TRANSACTION_ITEMS
                    + " items); got " + requested.size() + ": split it into several requests");
        }
        return retry.run(() -> {
            Payment payment = store.payments().get(paymentId)
                    .orElseThrow(() -> new NotFoundException("payment", paymentId));
            List<PaymentMatching.Application> applications = requested.stream()
                    .map(a -> new PaymentMatching.Application(a.invoiceId(),
                            Money.of(a.minor(), payment.amount().currency())))
                    .toList();
            String refusal = PaymentTransitions.refusal(payment, PaymentTransitions.Event.APPLIED_BY_HAND);
            if (refusal != null) {
                throw new ConflictException(refusal);
            }
            Map<String, Invoice> invoices = new LinkedHashMap<>();
            for (PaymentMatching.Application a : applications) {
                invoices.put(a.invoiceId(), store.invoices().get(a.invoiceId())
                        .orElseThrow(() -> new NotFoundException("invoice", a.invoiceId())));
            }
            PaymentLedger.Result result;
            try {
                result = PaymentLedger.applyManually(payment, applications,
                        store.payments().allocationsOfPayment(paymentId), invoices, rule, reason, clock.now());
            } catch (IllegalStateException refused) {
                throw new ConflictException(refused.getMessage());
            }
            PayerAlias learned = learned(payment, applications, invoices, by);
            try {
                Payment after = posting.commit(result, commitMarker, markerExpiresAt, learned);
                posting.announce(after);
                return store.payments().get(paymentId).orElseThrow();
            } catch (AlreadyExistsException committedBefore) {
                throw new DuplicateException(committedBefore.getMessage(), committedBefore);
            }
        });
    }

    /** The alias this application teaches (read as stored, then decided), or null. */
    private PayerAlias learned(Payment payment, List<PaymentMatching.Application> applications,
            Map<String, Invoice> invoices, String by) {
        String key = payment.payer().name() == null ? null : BankNames.key(payment.payer().name());
        Set<String> customers = new TreeSet<>();
        for (PaymentMatching.Application a : applications) {
            if (a.amount().isPositive()) {
                customers.add(invoices.get(a.invoiceId()).customerId());
            }
        }
        if (key == null || customers.size() != 1) {
            return null;
        }
        String id = PayerAliases.id(key, payment.payer().account(), customers.iterator().next());
        PayerAlias existing = store.payerAliases().get(key, id).orElse(null);
        PayerAlias learned = PayerAliases.learn(payment, customers, existing, by, clock.now());
        return learned == existing ? null : learned;
    }
}
