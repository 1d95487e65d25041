package io.periodic.billing.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Sequence;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Money;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every repository must do on a real DynamoDB engine: round trips that preserve every field, create-once
 * writes that refuse a second create, and optimistic locks that refuse a stale update. Run against DynamoDB
 * Local ({@link DynamoDbLocalRepositoryTest}) and LocalStack ({@link LocalStackRepositoryTest}).
 */
abstract class RepositoryContract {
    abstract BillingStore store();

    @Test
    void customerRoundTripPreservesEveryField() {
        for (Customer customer : List.of(Fixtures.tokyoCustomer(), Fixtures.belgradeCustomer())) {
            Customer stored = store().customers().create(customer);
            assertEquals(customer.withVersion(1L), stored);
            assertEquals(stored, store().customers().get(customer.id()).orElseThrow());
        }
    }

    @Test
    void customerIsFoundByEmailIgnoringCase() {
        Customer customer = store().customers().create(Fixtures.belgradeCustomer());
        assertTrue(store().customers().findByEmail(" racuni@PRIMER.rs ").contains(customer));
    }

    @Test
    void priceAndSubscriptionRoundTrip() {
        Customer customer = store().customers().create(Fixtures.tokyoCustomer());
        Plan plan = Fixtures.plan("JPY", 12_000);
        assertEquals(plan.withVersion(1L), store().plans().create(plan));
        assertEquals(plan.withVersion(1L), store().plans().get(plan.id()).orElseThrow());

        Subscription subscription = Fixtures.subscription(customer, plan, LocalDate.of(2026, 1, 31)).parked("boom");
        assertEquals(subscription.withVersion(1L), store().subscriptions().create(subscription));
        assertEquals(subscription.withVersion(1L), store().subscriptions().get(subscription.id()).orElseThrow());
        assertTrue(store().subscriptions().byCustomer(customer.id(), 10, null).items()
                .contains(subscription.withVersion(1L)));
    }

    @Test
    void invoiceRoundTripPreservesLinesNegativeAmountsAndCurrencyExponents() {
        Customer customer = store().customers().create(Fixtures.tokyoCustomer());
        for (String currency : List.of("JPY", "USD", "KWD")) {
            Invoice invoice = Fixtures.draftInvoice(customer, currency);
            Invoice stored = store().invoices().create(invoice);
            assertEquals(invoice.withVersion(1L), stored);
            Invoice read = store().invoices().get(invoice.id()).orElseThrow();
            assertEquals(invoice.withVersion(1L), read);
            assertEquals(invoice.total(), read.total());
        }
    }

    @Test
    void paymentAllocationAndCreditNoteRoundTrip() {
        Customer customer = store().customers().create(Fixtures.tokyoCustomer());
        Invoice invoice = store().invoices().create(Fixtures.openInvoice(customer, LocalDate.of(2026, 12, 1)));
        Payment payment = Fixtures.unappliedPayment("JPY", 50_000);
        assertEquals(payment.withVersion(1L), store().payments().create(payment));
        assertEquals(payment.withVersion(1L),
                store().payments().getByProviderId("stripe", payment.providerPaymentId()).orElseThrow());

        Allocation allocation = Fixtures.allocation(payment, invoice, 30_000);
        assertEquals(allocation.withVersion(1L), store().payments().createAllocation(allocation));
        assertEquals(List.of(allocation.withVersion(1L)), store().payments().allocationsOfPayment(payment.id()));
        assertEquals(List.of(allocation.withVersion(1L)), store().payments().allocationsOfInvoice(invoice.id()));

        CreditNote note = Fixtures.creditNote(invoice);
        assertEquals(note.withVersion(1L), store().credit().createNote(note));
        assertEquals(note.withVersion(1L), store().credit().getNote(note.id()).orElseThrow());
        assertEquals(List.of(note.withVersion(1L)), store().credit().notesOfCustomer(customer.id(), 10, null).items());
    }

    @Test
    void secondCreateIsRefusedAndChangesNothing() {
        Customer customer = store().customers().create(Fixtures.tokyoCustomer());
        Invoice invoice = store().invoices().create(Fixtures.draftInvoice(customer, "JPY"));
        assertThrows(AlreadyExistsException.class, () -> store().invoices().create(invoice.withVersion(null)));

        Payment payment = Fixtures.unappliedPayment("USD", 1999);
        store().payments().create(payment);
        Payment sameProviderPayment = new Payment(payment.id(), payment.provider(), payment.providerPaymentId(),
                Money.of(1, "USD"), payment.payer(), null, payment.receivedAt(), PaymentStatus.RECEIVED,
                Money.zero(payment.amount().currency()), Money.zero(payment.amount().currency()), null, null, null);
        assertThrows(AlreadyExistsException.class, () -> store().payments().create(sameProviderPayment));
        assertEquals(payment.withVersion(1L), store().payments().get(payment.id()).orElseThrow());
    }

    @Test
    void staleUpdateIsRefusedAndFreshUpdateBumpsTheVersion() {
        Customer customer = store().customers().create(Fixtures.tokyoCustomer());
        Subscription v1 = store().subscriptions().create(
                Fixtures.subscription(customer, Fixtures.plan("JPY", 100), LocalDate.of(2026, 3, 31)));

        Subscription v2 = store().subscriptions().update(v1.withStatus(SubscriptionStatus.PAUSED));
        assertEquals(2L, v2.version());
        assertEquals(SubscriptionStatus.PAUSED, v2.status());

        // A second writer still holding v1 must not overwrite v2.
        assertThrows(ConcurrentUpdateException.class,
                () -> store().subscriptions().update(v1.withStatus(SubscriptionStatus.CANCELED)));
        assertEquals(v2, store().subscriptions().get(v1.id()).orElseThrow());
    }

    @Test
    void finalisingTakesTheNextNumberOnceAndNeverHalfWrites() {
        Customer customer = store().customers().create(Fixtures.tokyoCustomer());
        Invoice first = store().invoices().create(Fixtures.draftInvoice(customer, "JPY"));
        Invoice second = store().invoices().create(Fixtures.draftInvoice(customer, "JPY"));
        String series = "T" + first.id().substring(4, 14);

        Sequence fresh = store().invoices().sequence(series);
        assertEquals(0, fresh.last());
        String number = series + "-000001";
        Invoice finalized = store().invoices().commitFinalization(first.finalized(number, Fixtures.NOW), fresh.next(),
                null, null);
        assertEquals(InvoiceStatus.OPEN, finalized.status());
        assertEquals(finalized, store().invoices().findByNumber(number).orElseThrow());
        assertEquals(1, store().invoices().sequence(series).last());

        // A writer that read the series before the first commit: refused, nothing of it is written.
        assertThrows(ConcurrentUpdateException.class, () -> store().invoices()
                .commitFinalization(second.finalized(series + "-000002", Fixtures.NOW), fresh.next(), null, null));
        // The same number for another invoice, with a current series: refused too.
        Sequence current = store().invoices().sequence(series);
        assertThrows(ConcurrentUpdateException.class, () -> store().invoices()
                .commitFinalization(second.finalized(number, Fixtures.NOW), current.next(), null, null));
        assertEquals(second, store().invoices().get(second.id()).orElseThrow());
        assertEquals(1, store().invoices().sequence(series).last(), "no number consumed by the failed attempts");
        assertEquals(first.id(), store().invoices().findByNumber(number).orElseThrow().id());
    }

    @Test
    void finalisingCanUseTheCreditBalanceInTheSameTransaction() {
        Customer customer = store().customers().create(Fixtures.belgradeCustomer());
        CreditBalance balance = store().credit().post(new CreditEntry(customer.id(), "seed", Money.of(500, "EUR"),
                "test", Fixtures.NOW), store().credit().balance(customer.id(), customer.currency()));
        Invoice draft = store().invoices().create(Fixtures.draftInvoice(customer, "EUR"));
        String series = "C" + draft.id().substring(4, 14);
        Invoice open = draft.finalized(series + "-000001", Fixtures.NOW);
        Invoice withCredit = new Invoice(open.id(), open.number(), open.customerId(), open.subscriptionId(),
                open.currency(), open.status(), open.lines(), Money.of(500, "EUR"), open.amountPaid(),
                open.issueDate(), open.dueDate(), open.periodStart(), open.periodEnd(), null, open.createdAt(),
                open.finalizedAt(), open.version());
        CreditEntry use = new CreditEntry(customer.id(), "applied:" + draft.id(), Money.of(-500, "EUR"),
                "invoice " + draft.id(), Fixtures.NOW);
        CreditBalance after = new CreditBalance(customer.id(), Money.zero(customer.currency()), balance.version());

        store().invoices().commitFinalization(withCredit, store().invoices().sequence(series).next(), use, after);
        assertEquals(withCredit.total().minus(Money.of(500, "EUR")),
                store().invoices().get(draft.id()).orElseThrow().amountDue());
        assertTrue(store().credit().balance(customer.id(), customer.currency()).balance().isZero());
        assertTrue(store().credit().entries(customer.id()).contains(use));
    }

    @Test
    void creditEntryIsPostedOnceWithItsBalance() {
        Customer customer = store().customers().create(Fixtures.belgradeCustomer());
        CreditBalance empty = store().credit().balance(customer.id(), customer.currency());
        assertTrue(empty.balance().isZero());

        CreditEntry overpayment = new CreditEntry(customer.id(), "overpayment:stripe:pi_1",
                Money.of(2_500, "EUR"), "payment stripe:pi_1", Fixtures.NOW);
        CreditBalance after = store().credit().post(overpayment, empty);
        assertEquals(Money.of(2_500, "EUR"), after.balance());
        assertEquals(after, store().credit().balance(customer.id(), customer.currency()));

        // Retried post of the same entry: refused, balance unchanged.
        assertThrows(AlreadyExistsException.class, () -> store().credit().post(overpayment, after));
        // Posting against a stale balance: refused, nothing written.
        CreditEntry another = new CreditEntry(customer.id(), "overpayment:stripe:pi_2", Money.of(700, "EUR"),
                "payment stripe:pi_2", Fixtures.NOW.plusSeconds(1));
        assertThrows(ConcurrentUpdateException.class, () -> store().credit().post(another, empty));
        // Using more credit than there is: refused by the domain before anything is written.
        CreditEntry tooMuch = new CreditEntry(customer.id(), "applied:inv_0", Money.of(-2_501, "EUR"),
                "invoice inv_0", Fixtures.NOW.plusSeconds(1));
        assertThrows(IllegalArgumentException.class, () -> store().credit().post(tooMuch, after));
        assertEquals(List.of(overpayment), store().credit().entries(customer.id()));
        assertEquals(Money.of(2_500, "EUR"), store().credit().balance(customer.id(), customer.currency()).balance());

        CreditEntry use = new CreditEntry(customer.id(), "applied:inv_1", Money.of(-1_000, "EUR"), "invoice inv_1",
                Fixtures.NOW.plusSeconds(2));

        CreditBalance used = store().credit().post(use, after);
        assertEquals(Money.of(1_500, "EUR"), used.balance());
        assertEquals(List.of(overpayment, use), store().credit().entries(customer.id()));
    }
}
