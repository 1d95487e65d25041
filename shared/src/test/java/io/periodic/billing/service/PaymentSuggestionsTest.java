package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentMatching;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.Suggestions;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Suggestions for unapplied cash on DynamoDB Local: a payer name two customers share leaves the payment unapplied;
 * its suggestions rank the customer whose invoice has the amount first; accepting the suggestion applies it under
 * rule {@code suggestion-accepted}; a suggestion made stale by a change is refused and nothing is written.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class PaymentSuggestionsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private PaymentService service;
    private JapaneseBook book;
    /** A name no other test uses, so the lookup keys of this run are its own. */
    private String kana;

    PaymentSuggestionsTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        JsonLinesEventLog events = new JsonLinesEventLog(Files.createTempDirectory("pay").resolve("events.jsonl"));
        service = new PaymentService(store, events, () -> NOW);
        book = new JapaneseBook(store).withPlainSeller();
        kana = JapaneseBook.uniqueKana("ﾔﾏﾀﾞ");
    }

    private Customer customer(String name, List<String> payerNames) {
        return book.customer(name, payerNames);
    }

    private Invoice invoice(Customer customer, long amount) {
        return book.invoice(customer, amount);
    }

    private Payment pay(String payerName, long amount) {
        String pid = Ids.newId("e");
        service.handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + pid, pid, null,
                Money.of(amount, "JPY"), new Payer(payerName, null, null, null), null, null, NOW));
        return store.payments().getByProviderId("bank", pid).orElseThrow();
    }

    @Test
    void theRightSuggestionRanksFirstAndAcceptingItAppliesItUnderRuleSuggestionAccepted() {
        Customer a = customer("株式会社山田商事", List.of("ｶ)" + kana));
        Customer b = customer("山田商事有限会社", List.of(kana + "(ﾕ"));
        Invoice inv = invoice(a, 33_000);
        invoice(b, 50_000);
        Payment payment = pay(kana, 33_000);
        assertEquals(PaymentStatus.UNAPPLIED, payment.status(), "a key two customers share identifies nobody");

        PaymentService.Suggested suggested = service.suggestions(payment.id());
        assertEquals(null, suggested.note());
        assertEquals(a.id(), suggested.suggestions().get(0).customerId());
        assertEquals(inv.id(), suggested.suggestions().get(0).applications().get(0).invoiceId());
        assertTrue(suggested.suggestions().stream().anyMatch(s -> s.customerId().equals(b.id())));
        assertEquals(suggested, service.suggestions(payment.id()), "the same while nothing changes");

        String id = suggested.suggestions().get(0).id();
        Payment after = service.applySuggestion(payment.id(), id, "arn:aws:iam::1:user/clerk", null, 0);
        assertEquals(PaymentStatus.APPLIED, after.status());
        assertEquals(InvoiceStatus.PAID, store.invoices().get(inv.id()).orElseThrow().status());
        List<Allocation> allocations = store.payments().allocationsOfPayment(payment.id());
        assertEquals(1, allocations.size());
        assertEquals("suggestion-accepted", allocations.get(0).rule());
        assertTrue(allocations.get(0).reason().contains(id) && allocations.get(0).reason().contains("clerk")
                && allocations.get(0).reason().contains("the amount equals what is due on " + inv.number()),
                allocations.get(0).reason());

        PaymentService.Suggested none = service.suggestions(payment.id());
        assertTrue(none.suggestions().isEmpty());
        assertTrue(none.note().contains("holds no unapplied cash"), none.note());
        assertThrows(ConflictException.class, () -> service.applySuggestion(payment.id(), id, "clerk", null, 0));
    }

    @Test
    void aSuggestionMadeStaleByAChangeIsRefusedAndNothingIsWritten() {
        Customer a = customer("株式会社山田商事", List.of("ｶ)" + kana));
        customer("山田商事有限会社", List.of(kana + "(ﾕ"));
        Invoice inv = invoice(a, 20_000);
        Payment payment = pay(kana, 20_000);
        Payment other = pay(kana, 1_000);
        String id = service.suggestions(payment.id()).suggestions().get(0).id();
        // meanwhile a person applies another payment to part of that invoice: what is due changes
        service.applyManually(other.id(), List.of(new PaymentService.ManualApplication(inv.id(), 1_000)), "clerk");

        assertThrows(StaleSuggestionException.class,
                () -> service.applySuggestion(payment.id(), id, "clerk", null, 0));
        Payment still = store.payments().get(payment.id()).orElseThrow();
        assertEquals(PaymentStatus.UNAPPLIED, still.status());
        assertTrue(still.applied().isZero());
        assertTrue(store.payments().allocationsOfPayment(payment.id()).isEmpty());
        assertTrue(service.suggestions(payment.id()).suggestions().stream().noneMatch(s -> s.id().equals(id)));
    }

    @Test
    void aCustomerWhoUsuallyPaysTwoInvoicesTogetherGetsTheHabitReasonAndRanksFirst() {
        Customer a = customer("株式会社山田商事", List.of("ｶ)" + kana));
        Customer b = customer("山田商事有限会社", List.of(kana + "(ﾕ"));
        for (int i = 0; i < 3; i++) { // three past payments of the customer, each of two invoices, applied by hand
            Invoice first = invoice(a, 10_000);
            Invoice second = invoice(a, 20_000);
            // another name each time, known to nobody: no alias learned from one identifies the next
            Payment past = pay("ｻﾄｳ" + "ｶｷｸ".charAt(i) + kana.substring(4), 30_000);
            assertEquals(PaymentStatus.UNAPPLIED, past.status());
            service.applyManually(past.id(), List.of(new PaymentService.ManualApplication(first.id(), 10_000),
                    new PaymentService.ManualApplication(second.id(), 20_000)), "clerk");
        }
        // both customers now owe 10,000 + 20,000: the amount and the shared name cannot tell them apart
        Invoice[] aOpen = {invoice(a, 10_000), invoice(a, 20_000)};
        invoice(b, 10_000);
        invoice(b, 20_000);
        Payment payment = pay(kana, 30_000);
        assertEquals(PaymentStatus.UNAPPLIED, payment.status());

        List<Suggestions.Suggestion> ranked = service.suggestions(payment.id()).suggestions();
        Suggestions.Suggestion top = ranked.get(0);
        assertEquals(a.id(), top.customerId());
        assertEquals(List.of(aOpen[0].id(), aOpen[1].id()).stream().sorted().toList(),
                top.applications().stream().map(PaymentMatching.Application::invoiceId).sorted().toList());
        assertTrue(top.reasons().stream().anyMatch(r -> r.kind().equals("habit")
                && r.text().contains("usually pays 2 invoices together")), top.reasons().toString());
        Suggestions.Suggestion other = ranked.stream().filter(s -> s.customerId().equals(b.id())
                && s.applications().size() == 2).findFirst().orElseThrow();
        assertTrue(other.reasons().stream().noneMatch(r -> r.kind().equals("habit")), other.reasons().toString());
        assertTrue(top.score() > other.score() && top.score() <= 1, top.score() + " vs " + other.score());
    }

    @Test
    void anUnknownPaymentIsNotFound() {
        assertThrows(NotFoundException.class, () -> service.suggestions("bank:nothing-here"));
    }
}
