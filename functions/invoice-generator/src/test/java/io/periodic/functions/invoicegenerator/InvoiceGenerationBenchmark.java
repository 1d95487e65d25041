package io.periodic.functions.invoicegenerator;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.InvoiceIssuing;
import io.periodic.billing.service.InvoiceNotifications;
import io.periodic.billing.testing.BillingWorld;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.Engines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Figures for docs/scaling.md, printed (not asserted): DynamoDB capacity units per single-line invoice, measured
 * with ReturnConsumedCapacity, and invoices per second for one generator on DynamoDB Local next to the rate of a
 * bare conditional put in the same run. Run with {@code ./dev bench}.
 */
public final class InvoiceGenerationBenchmark {
    /** Asks every call for its consumed capacity (table and indexes) and adds it up. */
    static final class Capacity implements ExecutionInterceptor {
        final DoubleAdder write = new DoubleAdder();
        final DoubleAdder read = new DoubleAdder();
        final LongAdder calls = new LongAdder();
        final LongAdder transactionsCanceled = new LongAdder();
        /** Write units by operation and target (table or index), to show where they go. */
        final java.util.Map<String, DoubleAdder> writesBy = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final ThreadLocal<String> operation = new ThreadLocal<>();

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (context.exception() instanceof software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException) {
                transactionsCanceled.increment();
            }
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest r = context.request();
            if (r instanceof PutItemRequest p) {
                return p.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            } else if (r instanceof UpdateItemRequest u) {
                return u.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            } else if (r instanceof TransactWriteItemsRequest t) {
                return t.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            } else if (r instanceof GetItemRequest g) {
                return g.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            } else if (r instanceof QueryRequest q) {
                return q.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
            }
            return r;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            calls.increment();
            SdkResponse r = context.response();
            if (r instanceof PutItemResponse p) {
                operation.set("PutItem");
                addWrite(p.consumedCapacity());
            } else if (r instanceof UpdateItemResponse u) {
                operation.set("UpdateItem");
                addWrite(u.consumedCapacity());
            } else if (r instanceof TransactWriteItemsResponse t && t.consumedCapacity() != null) {
                operation.set("TransactWriteItems");
                t.consumedCapacity().forEach(this::addWrite);
            } else if (r instanceof GetItemResponse g && g.consumedCapacity() != null) {
                read.add(g.consumedCapacity().capacityUnits());
            } else if (r instanceof QueryResponse q && q.consumedCapacity() != null) {
                read.add(q.consumedCapacity().capacityUnits());
            }
        }

        private void addWrite(ConsumedCapacity c) {
            if (c != null && c.capacityUnits() != null) {
                write.add(c.capacityUnits());
                String op = operation.get();
                if (c.table() != null && c.table().capacityUnits() != null) {
                    writesBy.computeIfAbsent(op + " table", k -> new DoubleAdder()).add(c.table().capacityUnits());
                }
                if (c.globalSecondaryIndexes() != null) {
                    c.globalSecondaryIndexes().forEach((index, units) -> writesBy.computeIfAbsent(op + " " + index,
                            k -> new DoubleAdder()).add(units.capacityUnits()));
                }
            }
        }

        void reset() {
            write.reset();
            read.reset();
            calls.reset();
            transactionsCanceled.reset();
            writesBy.clear();
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        DynamoDbLocalEngine engine = Engines.dynamo();
        Capacity capacity = new Capacity();
        DynamoDbClient client = engine.clientBuilder().overrideConfiguration(o -> o.addExecutionInterceptor(capacity))
                .build();
        BillingWorld world = new BillingWorld(engine, Instant.parse("2001-01-01T00:00:00Z"));
        BillingStore store = new BillingStore(client, BillingTable.LOGICAL_ID);

        Customer customer = world.customer("UTC", "EUR", "20");
        Plan plan = world.plan("EUR", 4_900, BillingInterval.monthly());
        List<Subscription> due = new ArrayList<>();
        int threads = 8;
        for (int i = 0; i < n * 4 + 50; i++) {
            // The concurrent runs bill many customers (numbering series are chosen per customer).
            Customer owner = i < 50 + 2 * n ? customer : world.customer("UTC", "EUR", "20");
            due.add(world.subscribe(owner, plan, 1, LocalDate.of(2001, 1, 1), null));
        }

        Path out = Files.createTempDirectory("bench");
        InvoiceIssuing bare = new InvoiceIssuing(store, (i, c, s) -> { }, world.clock, BillingCycle.DEFAULT_MAX_CATCH_UP);
        InvoiceIssuing full = new InvoiceIssuing(store, new InvoiceNotifications(new DocumentRenderer(),
                new DirectoryDocumentStore(out.resolve("documents")), new JsonLinesEventLog(out.resolve("events.jsonl"))), world.clock, BillingCycle.DEFAULT_MAX_CATCH_UP);

        // Warm-up (JIT, connection), not measured.
        for (int i = 0; i < 50; i++) {
            bare.process(due.get(i).id());
        }

        capacity.reset();
        long start = System.nanoTime();
        for (int i = 50; i < 50 + n; i++) {
            bare.process(due.get(i).id());
        }
        double bareSeconds = (System.nanoTime() - start) / 1e9;
        double wcu = capacity.write.sum() / n;
        double rcu = capacity.read.sum() / n;
        double callsPerInvoice = capacity.calls.sum() / (double) n;
        java.util.Map<String, Double> breakdown = new java.util.LinkedHashMap<>();
        capacity.writesBy.forEach((k, v) -> breakdown.put(k, v.sum() / n));

        start = System.nanoTime();
        for (int i = 50 + n; i < 50 + 2 * n; i++) {
            full.process(due.get(i).id());
        }
        double fullSeconds = (System.nanoTime() - start) / 1e9;

        // A bare conditional put of a ~1 KB item, same engine, same client, same run.
        String pad = "x".repeat(900);
        capacity.reset();
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String key = "BENCH#" + UUID.randomUUID();
            client.putItem(r -> r.tableName(BillingTable.LOGICAL_ID)
                    .item(Map.of("pk", AttributeValue.fromS(key), "sk", AttributeValue.fromS("X"),
                            "pad", AttributeValue.fromS(pad)))
                    .conditionExpression("attribute_not_exists(pk)"));
        }
        double putSeconds = (System.nanoTime() - start) / 1e9;
        double putWcu = capacity.write.sum() / n;

        System.out.printf("%n=== Invoice generation on DynamoDB Local (one generator, one thread, %d invoices) ===%n", n);
        System.out.printf("DynamoDB calls per invoice           : %.1f%n", callsPerInvoice);
        System.out.printf("write capacity units per invoice     : %.1f WCU (table + indexes, transactions counted double)%n", wcu);
        System.out.printf("read capacity units per invoice      : %.1f RCU (consistent reads)%n", rcu);
        var sample = client.getItem(r -> r.tableName(BillingTable.LOGICAL_ID).key(Map.of(
                "pk", AttributeValue.fromS("INV#" + (io.periodic.billing.invoicing.InvoiceIds.forPeriod(
                        due.get(50).id(), LocalDate.of(2001, 1, 1)))),
                "sk", AttributeValue.fromS("INVOICE")))).item();
        System.out.printf("single-line invoice item size         : %d bytes (DynamoDB's rule: names + values)%n",
                io.periodic.local.engines.ItemSize.of(sample));
        System.out.println("where the write units go, per invoice: " + breakdown.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format("%.1f", e.getValue())).toList());
        System.out.printf("invoices/s, DynamoDB only            : %.0f/s (%.2f ms each)%n", n / bareSeconds, 1000 * bareSeconds / n);
        System.out.printf("invoices/s, + render/store/event/mail: %.0f/s (%.2f ms each)%n", n / fullSeconds, 1000 * fullSeconds / n);
        System.out.printf("bare conditional puts/s (same run)   : %.0f/s (%.2f ms each, %.1f WCU each)%n", n / putSeconds,
                1000 * putSeconds / n, putWcu);
        System.out.printf("=> one invoice costs about %.1f conditional puts of time%n", (bareSeconds / n) / (putSeconds / n));
        saveFigures("invoice", java.util.Map.of("wcu", wcu, "rcu", rcu, "calls", callsPerInvoice,
                "msPerInvoice", 1000 * fullSeconds / n, "msPerInvoiceDynamoOnly", 1000 * bareSeconds / n,
                "msPerPut", 1000 * putSeconds / n, "wcuPerPut", putWcu));

        // Concurrency: 8 generators at once, all numbering in one series, then in 8 parallel series.
        for (int series : new int[] {1, threads}) {
            world.store.settings().putSeller(new io.periodic.billing.model.SellerProfile(world.seller.name(),
                    world.seller.address(), world.seller.email(), null, null, world.seller.taxId(),
                    world.seller.bankAccount(), null, fresh(world.seller.invoicePrefix(), series), null, series));
            List<Subscription> batch = due.subList(series == 1 ? 50 + 2 * n : 50 + 3 * n, series == 1 ? 50 + 3 * n : 50 + 4 * n);
            capacity.reset();
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            start = System.nanoTime();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    pool.submit(() -> {
                        for (int i; (i = next.getAndIncrement()) < batch.size(); ) {
                            bare.process(batch.get(i).id());
                        }
                    });
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d generators, %d number series      : %.0f invoices/s, %d transactions canceled by conflicts%n",
                    threads, series, n / seconds, capacity.transactionsCanceled.sum());
        }
        System.exit(0);
    }

    /** A fresh number prefix per concurrency round (prefixes are letters only), at most 10 letters. */
    private static String fresh(String prefix, int series) {
        String p = prefix + (series == 1 ? "S" : "P");
        return p.length() <= 10 ? p : p.substring(p.length() - 10);
    }

    /** Figures for the cost model of ./dev bench (target/bench/<name>.properties at the repository root). */
    static void saveFigures(String name, java.util.Map<String, Double> figures) throws java.io.IOException {
        java.nio.file.Path dir = io.periodic.local.engines.Engines.templatePath().resolveSibling("target/bench");
        java.nio.file.Files.createDirectories(dir);
        java.util.Properties p = new java.util.Properties();
        figures.forEach((k, v) -> p.setProperty(k, Double.toString(v)));
        try (var out = java.nio.file.Files.newOutputStream(dir.resolve(name + ".properties"))) {
            p.store(out, "measured by " + name + " benchmark");
        }
    }
}
