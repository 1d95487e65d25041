package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentLedger;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.service.PaymentService;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Defect 6 of issue 12: applying a payment to 50 invoices by hand needed 101 transaction items (DynamoDB allows
 * 100) and answered 503 every time. The limit is now derived from the commit's shape: the largest allowed count
 * commits on DynamoDB Local, one more is refused up front with 422 naming the limit.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ManualApplicationLimitTest {
    private static final int LIMIT = PaymentService.MAX_MANUAL_APPLICATIONS;

    @Test
    void theLimitIsWhatOneTransactionHolds() {
        // 100 items: the payment and the request's commit marker, then an invoice and its allocation per entry
        // (49) - and a refund of all of the payment later rewrites every allocation and its invoice plus the
        // payment, the refund, two credit entries and the balance: (100 - 5) / 2 = 47.
        assertEquals(47, LIMIT);
        assertEquals(47, PaymentLedger.MAX_ALLOCATIONS_PER_PAYMENT);
    }

    @Test
    void aPaymentAppliedToTheMostInvoicesCanStillBeRefundedInFull(DynamoDbLocalEngine engine) {
        ApiWorld world = new ApiWorld(engine);
        String customer = world.customer("USD");
        List<Invoice> invoices = openInvoices(world, customer, LIMIT);
        Payment payment = world.unappliedPayment(1_000L * LIMIT, "USD");
        assertEquals(200, world.post("/payments/" + payment.id() + "/applications",
                applications(invoices, 1_000), "refundable-" + payment.id()).status());
        // The customer holds credit: the refund's transaction also pays the invoices it reopens from it.
        world.store.credit().post(new CreditEntry(customer, "goodwill-1", Money.of(500, "USD"), "goodwill",
                world.now.get()), world.store.credit().balance(customer, Currency.getInstance("USD")));

        PaymentService.Outcome outcome = new PaymentService(world.store, world.events, world.clock).handle(
                new PaymentNotification(PaymentNotification.Kind.REFUNDED, "bank", "evt-refund-" + payment.id(),
                        payment.providerPaymentId(), "rf-all", Money.of(1_000L * LIMIT, "USD"), Payer.UNKNOWN,
                        null, null, world.now.get()));

        assertEquals(PaymentService.Outcome.REFUNDED, outcome);
        assertEquals(PaymentStatus.REFUNDED, world.store.payments().get(payment.id()).orElseThrow().status());
        long reopened = invoices.stream().filter(i -> world.reload(i).status() == InvoiceStatus.OPEN).count();
        assertEquals(LIMIT, reopened, "every invoice reopened by the refund");
        assertEquals(Money.zero(Currency.getInstance("USD")),
                world.store.credit().balance(customer, Currency.getInstance("USD")).balance(),
                "the credit paid what it could of the reopened invoices in the same transaction");
    }

    @Test
    void aPaymentAlreadyAllocatedIsRefusedWhatWouldTakeItPastTheLimit(DynamoDbLocalEngine engine) {
        ApiWorld world = new ApiWorld(engine);
        String customer = world.customer("USD");
        List<Invoice> invoices = openInvoices(world, customer, LIMIT + 1);
        Payment payment = world.unappliedPayment(1_000L * (LIMIT + 1), "USD");
        assertEquals(200, world.post("/payments/" + payment.id() + "/applications",
                applications(invoices.subList(0, LIMIT), 1_000), "first-" + payment.id()).status());

        ApiWorld.Reply more = world.post("/payments/" + payment.id() + "/applications",
                applications(invoices.subList(LIMIT, LIMIT + 1), 1_000), "second-" + payment.id());

        assertEquals(422, more.status(), more.toString());
        assertEquals("/applications", more.at());
        assertTrue(more.json().get("detail").textValue().contains("at most " + LIMIT), more.toString());
        assertEquals(InvoiceStatus.OPEN, world.reload(invoices.get(LIMIT)).status());
    }

    private static String applications(List<Invoice> invoices, long each) {
        StringBuilder body = new StringBuilder("{\"applications\": [");
        for (int i = 0; i < invoices.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"invoiceId\": \"").append(invoices.get(i).id())
                    .append("\", \"amount\": ").append(each).append('}');
        }
        return body.append("]}").toString();
    }

    private static List<Invoice> openInvoices(ApiWorld world, String customer, int n) {
        List<Invoice> invoices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            invoices.add(world.openInvoice(customer, "USD", 1_000));
        }
        return invoices;
    }

    @Test
    void theLargestAllowedNumberOfApplicationsCommitsInOneTransaction(DynamoDbLocalEngine engine) {
        ApiWorld world = new ApiWorld(engine);
        String customer = world.customer("USD");
        List<Invoice> invoices = openInvoices(world, customer, LIMIT);
        Payment payment = world.unappliedPayment(1_000L * LIMIT, "USD");

        ApiWorld.Reply reply = world.post("/payments/" + payment.id() + "/applications",
                applications(invoices, 1_000), "limit-" + payment.id());

        assertEquals(200, reply.status(), reply.toString());
        for (Invoice invoice : invoices) {
            assertEquals(InvoiceStatus.PAID, world.reload(invoice).status());
        }
        assertEquals(PaymentStatus.APPLIED, world.store.payments().get(payment.id()).orElseThrow().status());
    }

    @Test
    void oneMoreIsRefusedUpFrontWith422NamingTheLimitAndNothingChanges(DynamoDbLocalEngine engine) {
        ApiWorld world = new ApiWorld(engine);
        String customer = world.customer("USD");
        List<Invoice> invoices = openInvoices(world, customer, LIMIT + 1);
        Payment payment = world.unappliedPayment(1_000L * (LIMIT + 1), "USD");

        ApiWorld.Reply reply = world.post("/payments/" + payment.id() + "/applications",
                applications(invoices, 1_000), "limit-" + payment.id());
        ApiWorld.Reply retry = world.post("/payments/" + payment.id() + "/applications",
                applications(invoices, 1_000), "limit-" + payment.id());

        assertEquals(422, reply.status(), reply.toString());
        assertEquals("/applications", reply.at());
        assertTrue(reply.json().get("detail").textValue().contains(String.valueOf(LIMIT)), reply.toString());
        assertEquals(422, retry.status(), "a retry is refused the same way: " + retry);
        for (Invoice invoice : invoices) {
            assertEquals(InvoiceStatus.OPEN, world.reload(invoice).status());
        }
        assertEquals(PaymentStatus.UNAPPLIED, world.store.payments().get(payment.id()).orElseThrow().status());
    }
}
