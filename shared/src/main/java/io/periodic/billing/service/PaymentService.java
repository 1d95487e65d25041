package io.periodic.billing.service;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentEvents;
import io.periodic.billing.payments.PaymentLedger;
import io.periodic.billing.payments.PaymentMatching;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.References;
import io.periodic.billing.payments.RefundTotals;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.persistence.PaymentRepository;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.EventPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies payment notifications, idempotently and in any order:
 * <ul>
 *   <li>a payment is stored once per (provider, provider payment id) - never per queue message - and applied once:
 *       matched by {@link PaymentMatching}, then written by {@link PaymentRepository#commit} in one version-checked
 *       transaction (a racing payment on the same invoice makes one of them re-read and decide again);
 *   <li>a refund or dispute is stored once per (payment, refund id); one that arrives before its payment waits
 *       and is applied right after the payment (also when the payment's message comes back after a crash). What a
 *       refund takes back is what it adds to the refunds already counted ({@link RefundTotals}), so the same refund
 *       reported twice, in two shapes or out of order counts once; one that adds nothing is recorded as ignored,
 *       one that can never be applied (another currency) is recorded as rejected with its reason, listed for a
 *       person and announced - never thrown, which would only retry it into the dead-letter queue;
 *   <li>events ({@code invoice.paid}, {@code payment.unapplied}, ...) are published after the commit; the payment
 *       remembers whether they were, so a crash in between is caught up by the redelivered message.
 * </ul>
 * Every accepted notification ends applied, held as unapplied cash or as a rejected refund (with a reason, listed
 * for a person), or - when writing keeps failing - back on the queue and finally on its alarmed dead-letter
 * queue.
 */
public final class PaymentService {
    /**
     * What handling one notification did. {@code IGNORED}: a refund the payment's refunds already count (another
     * report of the same refund), recorded. {@code REJECTED}: a refund that can never be applied (another currency
     * than its payment), held with its reason and listed for a person.
     */
    public enum Outcome {
        APPLIED, PARTIALLY_APPLIED, UNAPPLIED, REFUNDED, WAITING_FOR_PAYMENT, DUPLICATE, IGNORED, REJECTED
    }

    private final BillingStore store;
    private final EventPublisher events;
    private final Clock clock;
    private final ConflictRetry retry = ConflictRetry.standard();

    public PaymentService(BillingStore store, EventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /**
     * SnapStart priming: the matching cascade's reads for a payment nobody made — an invoice number, an e-mail, a
     * payer name, a customer's open invoices — and the decision, with nothing written or published.
     */
    public void prime() {
        Payment probe = new Payment(Payment.idFor("priming", "probe"), "priming", "probe",
                Money.of(1, "USD"), new Payer("Priming Probe",
                "priming@priming.invalid", null, null), "INV-2000-000000", Instant.EPOCH,
                PaymentStatus.RECEIVED, Money.zero(Currency.getInstance("USD")),
                Money.zero(Currency.getInstance("USD")), null, null, null);
        PaymentMatching.decide(context(probe));
        store.invoices().openByCustomer("cus_priming_probe", 1);
        store.payments().allocationsOfPayment(probe.id());
    }

    public Outcome handle(PaymentNotification n) {
        return n.kind() == PaymentNotification.Kind.RECEIVED ? receive(n) : takeBack(n);
    }

    private Outcome receive(PaymentNotification n) {
        String id = Payment.idFor(n.provider(), n.providerPaymentId());
        Payment fresh = new Payment(id, n.provider(), n.providerPaymentId(), n.amount(), n.payer(), remittance(n),
                n.occurredAt(), PaymentStatus.RECEIVED, zero(n), zero(n), null, null, true, null);
        Payment payment;
        try {
            payment = store.payments().create(fresh);
        } catch (AlreadyExistsException duplicate) {
            payment = store.payments().get(id).orElseThrow();
        }
        store.payments().listReceived(payment); // idempotent: a redelivery after a crash lists it too
        if (payment.status() != PaymentStatus.RECEIVED) {
            // Applied before; a crash may have come before its waiting refunds were: they are decided now.
            announce(applyWaitingRefunds(payment));
            return Outcome.DUPLICATE;
        }
        Payment[] latest = {payment};
        payment = retry.run(() -> {
            try {
                return applyReceived(latest[0]);
            } catch (ConcurrentUpdateException conflict) {
                latest[0] = store.payments().get(id).orElseThrow();
                if (latest[0].status() != PaymentStatus.RECEIVED) {
                    return latest[0]; // a racing delivery applied it
                }
                throw conflict;
            }
        });
        payment = applyWaitingRefunds(payment);
        announce(payment);
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
        return commit(result);
    }

    /** Finds what the payment names and who paid: the inputs of the matching cascade. */
    private PaymentMatching.Context context(Payment payment) {
        Map<String, Invoice> referenced = new LinkedHashMap<>();
        for (String number : References.findAll(payment.remittanceText())) {
            store.invoices().findByNumber(number).ifPresent(i -> referenced.put(i.id(), i));
        }
        Customer customer = null;
        String how = null;
        String reference = payment.payer().customerReference();
        if (reference != null) {
            customer = store.customers().get(reference).orElse(null);
            how = "customer reference";
        }
        if (customer == null && payment.payer().email() != null) {
            customer = only(store.customers().findByEmail(payment.payer().email()));
            how = "e-mail";
        }
        if (customer == null && payment.payer().name() != null) {
            customer = only(store.customers().findByName(payment.payer().name()));
            how = "payer name";
        }
        if (customer == null && !referenced.isEmpty()) {
            customer = store.customers().get(referenced.values().iterator().next().customerId()).orElse(null);
            how = "the invoice it names";
        }
        // The customer's open invoices are only needed when the named invoices cannot take the money (rules 2-4):
        // a payment that names a payable invoice in its currency skips that query (it is the expensive read).
        boolean referencePays = referenced.values().stream().anyMatch(i -> i.status().acceptsPayment()
                && i.amountDue().isPositive() && i.currency().equals(payment.amount().currency()));
        List<Invoice> open = customer == null || referencePays ? List.of()
                : store.invoices().openByCustomer(customer.id(), 1000);
        return new PaymentMatching.Context(payment, new ArrayList<>(referenced.values()), customer, how, open);
    }

    private Outcome takeBack(PaymentNotification n) {
        String paymentId = Payment.idFor(n.provider(), n.providerPaymentId());
        Refund refund = new Refund(paymentId, n.refundId(),
                n.kind() == PaymentNotification.Kind.DISPUTED ? Refund.Kind.DISPUTE : Refund.Kind.REFUND, n.amount(),
                Refund.Status.WAITING, n.occurredAt(), n.runningTotal(), null, null, null);
        try {
            refund = store.payments().createRefund(refund);
        } catch (AlreadyExistsException duplicate) {
            refund = store.payments().getRefund(paymentId, n.refundId()).orElseThrow();
        }
        Optional<Payment> payment = store.payments().get(paymentId);
        if (payment.isEmpty() || payment.get().status() == PaymentStatus.RECEIVED) {
            return Outcome.WAITING_FOR_PAYMENT; // decided right after its payment
        }
        if (refund.status() != Refund.Status.WAITING) {
            announce(payment.get());
            if (refund.status() == Refund.Status.REJECTED) {
                // Again, in case a crash came between the decision and its announcement (the event id is the same).
                events.publish(PaymentEvents.refundRejected(payment.get(), refund, clock.now()));
                return Outcome.REJECTED;
            }
            return Outcome.DUPLICATE;
        }
        Decided decided = applyRefund(payment.get(), refund);
        announce(decided.payment());
        return switch (decided.refund().status()) {
            case IGNORED -> Outcome.IGNORED;
            case REJECTED -> Outcome.REJECTED;
            default -> Outcome.REFUNDED;
        };
    }

    /** Decides the payment's waiting refunds and disputes, in id order; returns the payment after them. */
    private Payment applyWaitingRefunds(Payment payment) {
        for (Refund waiting : store.payments().refundsOf(payment.id())) {
            if (waiting.status() == Refund.Status.WAITING) {
                payment = applyRefund(payment, waiting).payment();
            }
        }
        return payment;
    }

    /** A refund as decided, and its payment after the decision. */
    private record Decided(Payment payment, Refund refund) {}

    /**
     * Decides one waiting refund or dispute, in one version-checked transaction with its payment: rejected (another
     * currency than the payment: it can never be applied), ignored (it adds nothing to the refunds already counted,
     * or the payment is refunded in full), or applied for what it adds. Every decision writes the payment, so two
     * refunds of one payment are decided one after the other, each against the other's outcome: the payment is
     * read first, then its refunds (consistently), and a commit after either changed is refused and decided again.
     */
    private Decided applyRefund(Payment read, Refund waiting) {
        return retry.run(() -> {
            Payment payment = store.payments().get(read.id()).orElseThrow();
            Refund refund = store.payments().getRefund(payment.id(), waiting.refundId()).orElseThrow();
            if (refund.status() != Refund.Status.WAITING) {
                return new Decided(payment, refund);
            }
            if (!refund.amount().currency().equals(payment.amount().currency())) {
                Refund rejected = refund.rejected(refund.kind().name().toLowerCase(Locale.ROOT) + " "
                        + refund.refundId() + " of " + refund.amount() + " is in "
                        + refund.amount().currency().getCurrencyCode() + " but payment " + payment.id()
                        + " is in " + payment.amount().currency().getCurrencyCode()
                        + "; it cannot be applied and waits for a person");
                Payment after = commitDecision(payment, rejected);
                events.publish(PaymentEvents.refundRejected(after, rejected, clock.now()));
                return new Decided(after, rejected);
            }
            List<Refund> refunds = store.payments().refundsOf(payment.id());
            Money newly = RefundTotals.newlyRefunded(refund, refunds);
            Money remaining = payment.amount().minus(payment.refunded());
            if (!newly.isPositive() || !remaining.isPositive()) {
                Refund ignored = refund.ignored(!newly.isPositive()
                        ? (refund.runningTotal() ? "a running total of " + refund.amount()
                                : "refund of " + refund.amount())
                                + " adds nothing to the refunds already counted for this payment ("
                                + countedRefunds(refunds) + ")"
                        : "payment " + payment.id() + " is refunded in full already");
                return new Decided(commitDecision(payment, ignored), ignored);
            }
            List<Allocation> allocations = store.payments().allocationsOfPayment(payment.id());
            Map<String, Invoice> invoices = new LinkedHashMap<>();
            for (Allocation a : allocations) {
                store.invoices().get(a.invoiceId()).ifPresent(i -> invoices.put(i.id(), i));
            }
            CreditBalance balance = payment.customerId() == null
                    ? CreditBalance.empty("unknown", payment.amount().currency())
                    : store.credit().balance(payment.customerId(), payment.amount().currency());
            PaymentLedger.Result result = PaymentLedger.refund(payment, refund, newly, allocations, invoices,
                    balance, clock.now());
            Payment after = commit(result);
            for (String reopened : result.reopenedInvoiceIds()) {
                Invoice invoice = store.invoices().get(reopened).orElseThrow();
                events.publish(PaymentEvents.invoiceReopened(invoice, payment.id(), refund.refundId(), clock.now()));
            }
            events.publish(PaymentEvents.paymentRefunded(after, refund.refundId(), clock.now()));
            return new Decided(after, result.refunds().get(0));
        });
    }

    /** Records a decision that takes nothing back: the refund, with the payment version-checked (and bumped). */
    private Payment commitDecision(Payment payment, Refund decided) {
        return store.payments().commit(new PaymentRepository.Application(payment, List.of(), List.of(), List.of(),
                List.of(), null, List.of(decided)));
    }

    /** The payment's counted refunds, for a reason: "<id> <amount>, …". */
    private static String countedRefunds(List<Refund> refunds) {
        String listed = refunds.stream()
                .filter(r -> r.status() == Refund.Status.APPLIED || r.status() == Refund.Status.IGNORED)
                .map(r -> r.refundId() + " " + r.amount() + (r.runningTotal() ? " in total" : ""))
                .collect(Collectors.joining(", "));
        return listed.isEmpty() ? "none" : listed;
    }

    /** An amount (minor units of the payment's currency) a person applies to one invoice. */
    public record ManualApplication(String invoiceId, long minor) {}

    /**
     * Items a manual application writes per invoice: the invoice and its allocation (new, or raised when the
     * payment already paid part of that invoice). {@link PaymentLedger#applyManually} writes no credit and no refund.
     */
    static final int MANUAL_ITEMS_PER_INVOICE = 2;
    /** Items it writes once: the payment, and the request's commit marker (when the request has one). */
    static final int MANUAL_FIXED_ITEMS = 2;
    /**
     * The most invoices one manual application may name: all of it is one transaction (never half-applied), which
     * holds at most {@link PaymentRepository#MAX_TRANSACTION_ITEMS} items ((100 - 2) / 2 = 49), and a payment may
     * be allocated to at most {@link PaymentLedger#MAX_ALLOCATIONS_PER_PAYMENT} invoices in all, so that refunding
     * it stays one transaction: the smaller of the two, 47.
     */
    public static final int MAX_MANUAL_APPLICATIONS = Math.min(PaymentLedger.MAX_ALLOCATIONS_PER_PAYMENT,
            (PaymentRepository.MAX_TRANSACTION_ITEMS - MANUAL_FIXED_ITEMS) / MANUAL_ITEMS_PER_INVOICE);
    /** The most items one transaction holds (DynamoDB's limit): what bounds {@link #MAX_MANUAL_APPLICATIONS}. */
    public static final int MAX_TRANSACTION_ITEMS = PaymentRepository.MAX_TRANSACTION_ITEMS;

    /**
     * Applies a payment's unapplied cash by hand (a person resolved it): one version-checked transaction, then
     * invoice.paid for the invoices it settled. Refusals: {@link NotFoundException} for an unknown payment or
     * invoice, {@link ConflictException} when the current state refuses it, IllegalArgumentException for more than
     * {@link #MAX_MANUAL_APPLICATIONS} invoices.
     */
    public Payment applyManually(String paymentId, List<ManualApplication> requested, String by) {
        return applyManually(paymentId, requested, by, null, 0);
    }

    /**
     * {@link #applyManually(String, List, String)} for one request: {@code commitMarker} (the request's
     * idempotency scope) is written in the same transaction as the application, so a retry of the request after a
     * crash does not apply the money twice.
     *
     * @throws DuplicateException when this request's application was committed before (nothing is applied
     *     again)
     */
    public Payment applyManually(String paymentId, List<ManualApplication> requested, String by, String commitMarker,
            long markerExpiresAt) {
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
            if (!payment.unapplied().isPositive()) {
                throw new ConflictException("payment " + paymentId + " holds no unapplied cash (it is "
                        + payment.status().name().toLowerCase(Locale.ROOT) + ")");
            }
            if (payment.status() == PaymentStatus.RECEIVED) {
                throw new ConflictException("payment " + paymentId + " is still being matched; try again shortly");
            }
            Map<String, Invoice> invoices = new LinkedHashMap<>();
            for (PaymentMatching.Application a : applications) {
                invoices.put(a.invoiceId(), store.invoices().get(a.invoiceId())
                        .orElseThrow(() -> new NotFoundException("invoice", a.invoiceId())));
            }
            PaymentLedger.Result result;
            try {
                result = PaymentLedger.applyManually(payment, applications,
                        store.payments().allocationsOfPayment(paymentId), invoices, by, clock.now());
            } catch (IllegalStateException refused) {
                throw new ConflictException(refused.getMessage());
            }
            try {
                Payment after = store.payments().commit(new PaymentRepository.Application(result.payment(),
                        result.invoices(), result.newAllocations(), result.changedAllocations(),
                        result.creditEntries(), result.balanceAfter(), result.refunds()), commitMarker,
                        markerExpiresAt);
                announce(after);
                return store.payments().get(paymentId).orElseThrow();
            } catch (AlreadyExistsException committedBefore) {
                throw new DuplicateException(committedBefore.getMessage(), committedBefore);
            }
        });
    }

    /**
     * Publishes the events of a payment's last application if they are still pending (a crash came between the
     * commit and publishing them): for a retried request whose work was committed before. The payment as stored.
     */
    public Payment announcePending(String paymentId) {
        announce(store.payments().get(paymentId).orElseThrow(() -> new NotFoundException("payment", paymentId)));
        return store.payments().get(paymentId).orElseThrow();
    }

    private Payment commit(PaymentLedger.Result r) {
        return store.payments().commit(new PaymentRepository.Application(r.payment(), r.invoices(),
                r.newAllocations(), r.changedAllocations(), r.creditEntries(), r.balanceAfter(), r.refunds()));
    }

    /**
     * Publishes what the payment's last application means for other systems, once it is committed: invoices it
     * paid, and unapplied cash. Ids are deterministic, so publishing again after a crash is harmless.
     */
    private void announce(Payment payment) {
        if (payment.announced()) {
            return;
        }
        for (Allocation a : store.payments().allocationsOfPayment(payment.id())) {
            store.invoices().get(a.invoiceId())
                    .filter(i -> i.status() == InvoiceStatus.PAID && a.amount().isPositive())
                    .ifPresent(i -> events.publish(PaymentEvents.invoicePaid(i, payment.id(), clock.now())));
        }
        if (payment.unapplied().isPositive()) {
            events.publish(PaymentEvents.paymentUnapplied(payment, clock.now()));
        }
        retry.run(() -> {
            Payment current = store.payments().get(payment.id()).orElseThrow();
            return current.announced() ? current : store.payments().update(current.announcedNow());
        });
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
