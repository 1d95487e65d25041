package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
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
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.persistence.Page;
import io.periodic.billing.reports.CollectionsReport;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 12, defect 4, on DynamoDB Local, where the original failure was: a second huge payment to one customer
 * overflowed the credit balance in {@code PaymentLedger} ({@code long overflow}) on every delivery, stayed in
 * {@code received}, never listed as unapplied, and {@code GET /reports/collections} for its day failed forever.
 * Intake now refuses amounts over the maximum; what was stored before (or reaches the matcher some other way) is
 * held as unapplied cash with its reason, and every report sums exactly.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class HugeAmountsTest {
    private static final long HUGE = 6_000_000_000_000_000_000L; // two of them exceed Long.MAX_VALUE
    private final BillingStore store;
    private PaymentService payments;
    private ReportService reports;
    private String prefix;

    HugeAmountsTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() {
        prefix = "H" + Ids.randomLetters(7);
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, prefix, null));
        reports = new ReportService(store);
    }

    private Customer customer(String currency) {
        return store.customers().create(new Customer(Ids.newId("cus"), "Huge " + prefix,
                "ap@" + prefix.toLowerCase(Locale.ROOT) + ".example", Currencies.of(currency), ZoneId.of("UTC"),
                Locale.US, 30, TaxRate.ZERO, null, new Address("1", null, null, "Town", null, "US"),
                Instant.parse("2026-01-01T00:00:00Z"), null));
    }

    private Invoice invoice(Customer customer, long amount, Instant now) {
        Money net = Money.of(amount, customer.currency());
        Money zero = Money.zero(customer.currency());
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                customer.currency(), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 1, 31), null, null, null, now, null, null));
        Finalization.Decision decision = Finalization.plan(draft, store.invoices().sequence(
                Finalization.seriesOf(draft, prefix)), store.credit().balance(customer.id(), customer.currency()), now);
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
    }

    private static PaymentNotification received(Customer c, String id, long minor, Instant at) {
        return new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + id, id, null,
                Money.of(minor, c.currency()), new Payer(null, c.email(), null, null), null, null, at);
    }

    private static void assertLedger(Payment p) {
        assertEquals(p.amount(), p.applied().plus(p.unapplied()).plus(p.refunded()),
                "received = applied + unapplied + refunded for " + p.id());
    }

    @Test
    void twoHugePaymentsToOneCustomerAreHeldForAPersonAndTheCollectionsReportSumsThemExactly() {
        Instant at = Instant.parse("2029-02-14T10:00:00Z");
        payments = new PaymentService(store, e -> { }, () -> at);
        Customer c = customer("USD");
        String first = Ids.newId("huge");
        String second = Ids.newId("huge");

        payments.handle(received(c, first, HUGE, at));
        payments.handle(received(c, second, HUGE, at)); // overflowed the credit balance on every delivery

        for (String id : List.of(first, second)) {
            Payment p = store.payments().getByProviderId("bank", id).orElseThrow();
            assertEquals(PaymentStatus.UNAPPLIED, p.status(), "held for a person, not stuck in received");
            assertEquals(p.amount(), p.unapplied());
            assertNotNull(p.unappliedReason());
            assertTrue(p.unappliedReason().contains("maximum"), p.unappliedReason());
            assertLedger(p);
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            Page<Payment> page = store.payments().unappliedPage(100, cursor);
            page.items().forEach(p -> listed.add(p.providerPaymentId()));
            cursor = page.cursor();
        } while (cursor != null);
        assertTrue(listed.containsAll(List.of(first, second)), "listed as unapplied cash");
        assertTrue(store.credit().balance(c.id(), c.currency()).balance().isZero(), "nothing went to credit");

        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        List<CollectionsReport.Day> rows = reports.collections(day, day); // threw on the overflowing sum
        CollectionsReport.Day usd = rows.stream().filter(d -> d.currency().equals("USD")).findFirst().orElseThrow();
        BigInteger received = BigInteger.ZERO;
        BigInteger unapplied = BigInteger.ZERO;
        for (Payment p : store.payments().receivedBetween(at.truncatedTo(java.time.temporal.ChronoUnit.DAYS),
                at.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofDays(1)))) {
            if (p.amount().currency().getCurrencyCode().equals("USD")) {
                received = received.add(BigInteger.valueOf(p.amount().minor()));
                unapplied = unapplied.add(BigInteger.valueOf(p.unapplied().minor()));
            }
        }
        assertTrue(received.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0, "the day's sum exceeds a long");
        assertEquals(received, usd.received().minor(), "received, exactly");
        assertEquals(unapplied, usd.unapplied().minor(), "unapplied, exactly");
    }

    @Test
    void theAgingReportSumsStoredInvoicesExactly() {
        Instant at = Instant.parse("2029-03-01T00:00:00Z");
        Customer c = customer("ISK");
        invoice(c, HUGE, at);
        invoice(c, HUGE, at);
        var report = reports.aging(LocalDate.of(2029, 3, 1)); // threw on the overflowing sum
        var line = report.byCurrency().get("ISK").values().stream()
                .filter(l -> l.invoices().stream().anyMatch(i -> i.customerId().equals(c.id()))).findFirst()
                .orElseThrow();
        BigInteger expected = line.invoices().stream().map(i -> BigInteger.valueOf(i.amountDue().minor()))
                .reduce(BigInteger.ZERO, BigInteger::add);
        assertTrue(expected.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0);
        assertEquals(expected, line.total().minor(), "the bucket's total, exactly");
    }
}
