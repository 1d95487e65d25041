package io.periodic.functions.paymentmatcher;

import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.service.PaymentService;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.Engines;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Figures for the payments issue, printed (not asserted): DynamoDB calls and capacity units per matched payment,
 * and matching time for a customer with 1,000 open invoices. Run with {@code ./dev bench}.
 */
public final class PaymentMatchingBenchmark {
    static final class Capacity implements ExecutionInterceptor {
        final DoubleAdder write = new DoubleAdder();
        final DoubleAdder read = new DoubleAdder();
        final LongAdder reads = new LongAdder();
        final LongAdder writes = new LongAdder();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest r = context.request();
            if (r instanceof PutItemRequest p) {
                return p.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            } else if (r instanceof UpdateItemRequest u) {
                return u.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            } else if (r instanceof TransactWriteItemsRequest t) {
                return t.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            } else if (r instanceof GetItemRequest g) {
                return g.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            } else if (r instanceof QueryRequest q) {
                return q.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            return r;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            SdkResponse r = context.response();
            if (r instanceof UpdateItemResponse u) {
                writes.increment();
                add(write, u.consumedCapacity());
            } else if (r instanceof software.amazon.awssdk.services.dynamodb.model.PutItemResponse p) {
                writes.increment();
                add(write, p.consumedCapacity());
            } else if (r instanceof TransactWriteItemsResponse t) {
                writes.increment();
                if (t.consumedCapacity() != null) {
                    t.consumedCapacity().forEach(c -> add(write, c));
                }
            } else if (r instanceof GetItemResponse g) {
                reads.increment();
                add(read, g.consumedCapacity());
            } else if (r instanceof QueryResponse q) {
                reads.increment();
                add(read, q.consumedCapacity());
            }
        }

        private static void add(DoubleAdder sum, ConsumedCapacity c) {
            if (c != null && c.capacityUnits() != null) {
                sum.add(c.capacityUnits());
            }
        }

        void reset() {
            write.reset();
            read.reset();
            reads.reset();
            writes.reset();
        }
    }

    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    public static void main(String[] args) throws Exception {
        DynamoDbLocalEngine engine = Engines.dynamo();
        Capacity capacity = new Capacity();
        BillingStore store = new BillingStore(engine.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(capacity)).build(), BillingTable.LOGICAL_ID);
        String prefix = "B" + Ids.randomLetters(6);
        store.settings().putSeller(new SellerProfile("S", new Address("1", null, null, "T", null, "JP"), "s@s.example",
                null, null, null, null, null, prefix, null));

        Customer small = customer(store, "small");
        List<Invoice> few = invoices(store, small, prefix, 200, 1_000);
        Customer big = customer(store, "big");
        List<Invoice> many = invoices(store, big, prefix, 1_000, 1_000);
        PaymentService service = new PaymentService(store, e -> { }, () -> NOW);

        // Warm-up.
        for (int i = 0; i < 20; i++) {
            service.handle(received(few.get(i).number(), 1_000, null));
        }
        int n = 150;
        capacity.reset();
        long start = System.nanoTime();
        for (int i = 20; i < 20 + n; i++) {
            service.handle(received(few.get(i).number(), 1_000, null));
        }
        double byReference = (System.nanoTime() - start) / 1e6 / n;
        System.out.printf("%n=== Payment matching on DynamoDB Local (%d payments, each paying one invoice) ===%n", n);
        System.out.printf("reads per matched payment   : %.1f calls, %.1f RCU%n", capacity.reads.sum() / (double) n,
                capacity.read.sum() / n);
        System.out.printf("writes per matched payment  : %.1f calls, %.1f WCU (the transaction counts double)%n",
                capacity.writes.sum() / (double) n, capacity.write.sum() / n);
        System.out.printf("time per payment (reference): %.1f ms%n", byReference);
        double rcuPerPayment = capacity.read.sum() / n;
        double wcuPerPayment = capacity.write.sum() / n;

        // A customer with 1,000 open invoices: by e-mail, no reference, an amount that is no single invoice, no
        // group of 2-5 among the 20 oldest (1,000 each; 5,500), so the whole cascade runs: oldest first.
        capacity.reset();
        start = System.nanoTime();
        int bigRuns = 10;
        for (int i = 0; i < bigRuns; i++) {
            service.handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "big-" + i,
                    "big-" + i + "-" + Ids.randomLetters(6), null, Money.of(5_500, "JPY"),
                    new Payer(null, big.email(), null, null), null, null, NOW));
        }
        double bigMs = (System.nanoTime() - start) / 1e6 / bigRuns;
        System.out.printf("1,000 open invoices, cascade to oldest-first: %.1f ms per payment, %.1f RCU, %.1f WCU%n",
                bigMs, capacity.read.sum() / bigRuns, capacity.write.sum() / bigRuns);
        java.nio.file.Path dir = io.periodic.local.engines.Engines.templatePath().resolveSibling("target/bench");
        java.nio.file.Files.createDirectories(dir);
        java.util.Properties figures = new java.util.Properties();
        figures.setProperty("rcu", Double.toString(rcuPerPayment));
        figures.setProperty("wcu", Double.toString(wcuPerPayment));
        figures.setProperty("msPerPayment", Double.toString(byReference));
        figures.setProperty("msPerPaymentThousandOpen", Double.toString(bigMs));
        try (var out = java.nio.file.Files.newOutputStream(dir.resolve("payment.properties"))) {
            figures.store(out, "measured by the payment matching benchmark");
        }
        CashApplicationBenchmark.run();
        System.exit(0);
    }

    private static PaymentNotification received(String reference, long amount, Payer payer) {
        String id = "ref-" + Ids.randomLetters(10);
        return new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", id, id, null,
                Money.of(amount, "JPY"), payer, reference, null, NOW);
    }

    private static Customer customer(BillingStore store, String name) {
        return store.customers().create(new Customer(Ids.newId("cus"), name + " " + Ids.randomLetters(4),
                name + "." + Ids.randomLetters(8).toLowerCase(Locale.ROOT) + "@example.com", Currencies.of("JPY"),
                ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.ZERO, null,
                new Address("1", null, null, "T", null, "JP"), NOW, null));
    }

    private static List<Invoice> invoices(BillingStore store, Customer customer, String prefix, int count, long each) {
        java.util.ArrayList<Invoice> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Money net = Money.of(each, "JPY");
            Money zero = Money.zero(Currencies.of("JPY"));
            Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                    Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION,
                    null, null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 1, 1),
                    LocalDate.of(2026, 1, 1).plusDays(i), null, null, null, NOW, null, null));
            Finalization.Decision decision = Finalization.plan(draft, store.invoices().sequence(
                    Finalization.seriesOf(draft, prefix)), store.credit().balance(customer.id(), customer.currency()),
                    NOW);
            out.add(store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null));
        }
        return out;
    }
}
