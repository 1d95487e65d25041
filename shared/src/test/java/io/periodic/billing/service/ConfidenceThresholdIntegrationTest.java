package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.payments.PaymentMatching;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The auto-apply threshold on DynamoDB Local (docs/matching-confidence.md): a payment from a customer identified only
 * by its name whose amount matches no invoice (oldest-first, confidence 0.50) is held at the default threshold 0.90 —
 * unapplied, attributed to the customer, nothing written to its invoices, the reason naming the rule and the
 * confidence — and its suggestions offer the invoices the rule would have paid; an exact amount from the same payer
 * (0.96) applies; with the seller's {@code autoApplyConfidence} 0 the oldest-first decision applies as before.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ConfidenceThresholdIntegrationTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private PaymentService service;
    private String prefix;

    ConfidenceThresholdIntegrationTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() {
        service = new PaymentService(store, e -> { }, () -> NOW);
        prefix = "K" + Ids.randomLetters(6);
        seller(null);
    }

    private void seller(Integer autoApplyConfidence) {
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, prefix, null, 1, Map.of(), autoApplyConfidence));
    }

    private Customer customer() {
        return store.customers().create(Customer.builder().id(Ids.newId("cus"))
                .name("Kestrel " + Ids.randomLetters(8) + " Ltd")
                .email("ap-" + Ids.randomLetters(8).toLowerCase(Locale.ROOT) + "@example.com")
                .currency(Currencies.of("JPY")).timeZone(ZoneId.of("Asia/Tokyo")).locale(Locale.JAPAN)
                .paymentTermsDays(30).taxRate(TaxRate.ZERO).billingAddress(new Address("1", null, null, "Tokyo", null,
                        "JP")).createdAt(NOW).build());
    }

    private Invoice invoice(Customer customer, long amount, int dueDay) {
        Money net = Money.of(amount, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 11, dueDay), null, null, null, NOW, null, null));
        Finalization.Decision decision = Finalization.plan(draft, store.invoices().sequence(
                Finalization.seriesOf(draft, prefix)), store.credit().balance(customer.id(), customer.currency()), NOW);
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
    }

    /** A transfer naming no invoice from a payer whose name is the customer's (the Names key identifies it). */
    private Payment pay(Customer customer, long amount) {
        String pid = Ids.newId("e");
        service.handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + pid, pid, null,
                Money.of(amount, "JPY"), new Payer(customer.name().toUpperCase(Locale.ROOT), null, null, null), null,
                null, NOW));
        return store.payments().getByProviderId("bank", pid).orElseThrow();
    }

    private Invoice reload(Invoice invoice) {
        return store.invoices().get(invoice.id()).orElseThrow();
    }

    @Test
    void anOldestFirstDecisionForANameIdentifiedCustomerIsHeldWithItsSuggestions() {
        Customer c = customer();
        Invoice older = invoice(c, 10_000, 10);
        Invoice newer = invoice(c, 4_000, 20);

        Payment held = pay(c, 7_000);

        assertEquals(PaymentStatus.UNAPPLIED, held.status());
        assertEquals(Money.of(7_000, "JPY"), held.unapplied());
        assertEquals(c.id(), held.customerId(), "attributed to the customer it identified");
        assertTrue(held.unappliedReason().startsWith("held: oldest-first decision with confidence 0.50 is below the "
                + "auto-apply threshold 0.90; see GET /payments/" + held.id() + "/suggestions; it would have: customer "
                + c.id() + " identified by payer name; the amount matches no invoice, applied oldest first"),
                held.unappliedReason());
        assertEquals(List.of(), store.payments().allocationsOfPayment(held.id()));
        assertEquals(Money.of(10_000, "JPY"), reload(older).amountDue());
        assertEquals(Money.of(4_000, "JPY"), reload(newer).amountDue());

        List<PaymentMatching.Application> wouldHave = List.of(new PaymentMatching.Application(older.id(),
                Money.of(7_000, "JPY")));
        assertTrue(service.suggestions(held.id()).suggestions().stream().anyMatch(s -> s.customerId().equals(c.id())
                && s.applications().equals(wouldHave)), "the held decision's invoices are a suggestion");

        Payment exact = pay(c, 4_000);
        assertEquals(PaymentStatus.APPLIED, exact.status(), "exact-amount by name (0.96) is above 0.90");
        assertEquals(InvoiceStatus.PAID, reload(newer).status());
        LedgerAudit.audit(store, List.of(c), List.of(reload(older), reload(newer)), List.of(held.id(), exact.id()));
    }

    @Test
    void withAThresholdOfZeroTheOldestFirstDecisionAppliesAsBefore() {
        seller(0);
        Customer c = customer();
        Invoice older = invoice(c, 10_000, 10);
        Invoice newer = invoice(c, 4_000, 20);

        Payment applied = pay(c, 7_000);

        assertEquals(PaymentStatus.APPLIED, applied.status(), String.valueOf(applied.unappliedReason()));
        assertEquals(Money.of(3_000, "JPY"), reload(older).amountDue());
        assertEquals(Money.of(4_000, "JPY"), reload(newer).amountDue());
        List<Allocation> allocations = store.payments().allocationsOfPayment(applied.id());
        assertEquals(1, allocations.size());
        assertEquals("oldest-first", allocations.get(0).rule());
    }

    @Test
    void aThresholdOfOneHoldsEvenAnExactAmountFoundByNameButNotOneFromTheCustomerReference() {
        seller(10_000);
        Customer c = customer();
        Invoice inv = invoice(c, 10_000, 10);
        Payment byName = pay(c, 10_000);
        assertEquals(PaymentStatus.UNAPPLIED, byName.status());
        assertTrue(byName.unappliedReason().startsWith("held: exact-amount decision with confidence 0.96 is below"
                + " the auto-apply threshold 1.00"), byName.unappliedReason());

        String pid = Ids.newId("e");
        service.handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + pid, pid, null,
                Money.of(10_000, "JPY"), new Payer(null, null, c.id(), null), null, null, NOW));
        assertEquals(PaymentStatus.APPLIED, store.payments().getByProviderId("bank", pid).orElseThrow().status());
        assertEquals(InvoiceStatus.PAID, reload(inv).status());
    }
}
