package io.periodic.functions.paymentwebhook;

import static io.periodic.billing.bankstatements.ZenginFiles.end;
import static io.periodic.billing.bankstatements.ZenginFiles.file;
import static io.periodic.billing.bankstatements.ZenginFiles.header03;
import static io.periodic.billing.bankstatements.ZenginFiles.line;
import static io.periodic.billing.bankstatements.ZenginFiles.trailer03;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.bankstatements.ZenginDateStyle;
import io.periodic.billing.bankstatements.ZenginParser;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.payments.PaymentNotificationJson;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.service.PaymentIntake;
import io.periodic.billing.service.PaymentService;
import io.periodic.functions.paymentmatcher.PaymentMatcherHandler;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.Engines;
import io.periodic.local.engines.SqsDelivery;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Zengin figures of issue 14 ("Measured, not asserted"), printed: parse time of a 10,000-entry file, the whole
 * {@code POST /bank-statements} of it through the real {@link PaymentWebhookHandler} (time, DynamoDB calls, RCU/WCU
 * and SQS calls per entry), the same entries again in other bytes (all duplicates), and matching the queued
 * notifications through the real {@link PaymentMatcherHandler}, all on DynamoDB Local and ElasticMQ. Run by
 * {@code ./dev bench} ({@code -Dbench.only=zengin} runs only this); see docs/bank-statement-zengin.md, "Figures".
 *
 * <p>System properties: {@code zengin.entries} (10,000), {@code zengin.customers} (2,000), {@code zengin.match}
 * (1,000: how many of the queued notifications go through the matcher; at most the number of customers, so that each
 * matched entry is its customer's first payment).
 */
public final class ZenginBenchmark {
    /** What {@link #run} measured (the test checks the counts; the times are only printed). */
    record Figures(Calls.Snapshot intake, Calls.Snapshot sent, Calls.Snapshot reupload, Calls.Snapshot resent,
            Calls.Snapshot matching, int accepted, int duplicates, int matched, Map<String, Integer> outcomes,
            int failed) {}

    /** How many SendMessageBatch calls intake keeps in flight: as deployed, or -Dzengin.sqsParallelism=1. */
    static final int PARALLELISM = Integer.getInteger("zengin.sqsParallelism",
            SqsMessageQueue.PAYMENT_QUEUE_PARALLELISM);

    private ZenginBenchmark() {
    }

    public static void main(String[] args) {
        int entries = Integer.getInteger("zengin.entries", 10_000);
        int customers = Integer.getInteger("zengin.customers", 2_000);
        int match = Math.min(customers, Integer.getInteger("zengin.match", 1_000));
        PrintStream figures = System.out;
        // The handlers log one line per notification to standard output (CloudWatch, deployed): not figures.
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        run(Engines.dynamo(), Engines.sqs(), entries, customers, match, figures);
        System.exit(0);
    }

    static Figures run(DynamoDbLocalEngine dynamo, ElasticMqEngine mq, int entries, int customers, int match,
            PrintStream out) {
        Calls db = new Calls();
        Calls sqsCalls = new Calls();
        BillingStore store = new BillingStore(dynamo.clientBuilder().overrideConfiguration(o -> o
                .addExecutionInterceptor(db)).build(), BillingTable.LOGICAL_ID);
        BillingStore plain = new BillingStore(dynamo.client(), BillingTable.LOGICAL_ID);
        SqsClient sqs = SqsClient.builder().endpointOverride(mq.endpoint()).region(Engines.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(sqsCalls)).build();
        String queueUrl = mq.queueUrl("PaymentQueue");
        sqs.purgeQueue(r -> r.queueUrl(queueUrl));
        Clock clock = Clock.fixed(ZenginBenchWorld.NOW, ZoneOffset.UTC);
        PaymentWebhookHandler webhook = new PaymentWebhookHandler(new PaymentIntake(store, new SqsMessageQueue(sqs,
                queueUrl, PARALLELISM), Secrets.of("whsec_unused_0123456789"), ConnectorSecrets.of(), clock));
        PaymentMatcherHandler matcher = new PaymentMatcherHandler(new PaymentService(store, e -> { },
                clock::instant));

        long setup = System.nanoTime();
        ZenginBenchWorld world = new ZenginBenchWorld(plain, customers, 20261203L);
        LocalDate booked = LocalDate.of(2025, 11, 21);
        byte[] notices = world.file(entries, booked);
        out.printf("%n=== Zengin files on DynamoDB Local + ElasticMQ (%,d entries, %,d customers with payer names and"
                + " one open invoice each, seller JPY fee tolerance 880; set up in %.1f s) ===%n", entries, customers,
                (System.nanoTime() - setup) / 1e9);

        // a. Parsing, warm: the median of 9 runs after 3 warm-ups, for the 01 file and a 03 file of as many lines.
        byte[] statement = accountStatement(entries);
        LocalDate today = LocalDate.ofInstant(ZenginBenchWorld.NOW, ZoneOffset.UTC);
        double parse01 = medianParseMs(notices, today);
        double parse03 = medianParseMs(statement, today);
        out.printf("parse, 01 振込入金通知 (%,d bytes)     : median %.1f ms (%.2f µs per entry)%n", notices.length,
                parse01, parse01 * 1000 / entries);
        out.printf("parse, 03 入出金取引明細 (%,d bytes)   : median %.1f ms (%.2f µs per entry)%n", statement.length,
                parse03, parse03 * 1000 / entries);

        // b. Intake: the whole POST of the file, base64-encoded as the HTTP API passes application/x-zengin.
        Calls.Snapshot d0 = db.snapshot();
        Calls.Snapshot q0 = sqsCalls.snapshot();
        long t0 = System.nanoTime();
        APIGatewayV2HTTPResponse first = post(webhook, notices);
        long intakeNanos = System.nanoTime() - t0;
        Calls.Snapshot intake = db.snapshot().minus(d0);
        Calls.Snapshot sent = sqsCalls.snapshot().minus(q0);
        int accepted = count(first, "accepted");
        out.printf("intake POST /bank-statements     : %.2f s for %,d entries (HTTP %d, accepted %,d)%n",
                intakeNanos / 1e9, entries, first.getStatusCode(), accepted);
        out.printf("  DynamoDB                       : %s = %d calls, %.1f ms in them; %.2f RCU and %.4f WCU per entry"
                + " (%.0f RCU, %.0f WCU)%n", intake.calls(), intake.total(), intake.nanos() / 1e6,
                intake.rcu() / entries, intake.wcu() / entries, intake.rcu(), intake.wcu());
        out.printf("  SQS                            : %d SendMessageBatch calls (%,d messages, %d in flight), %.1f ms"
                + " in them (%.2f ms a call)%n", sent.of("SendMessageBatch"), sent.messages(), PARALLELISM,
                sent.nanos() / 1e6, sent.nanos() / 1e6 / Math.max(1, sent.of("SendMessageBatch")));

        // d. Matching: the queued notifications through the matcher, one SQS record at a time (timed each).
        Matching m = new Matching(matcher, plain, db);
        while (m.times.size() < match) {
            SqsDelivery.Poll poll = SqsDelivery.once(sqs, queueUrl, m::handle, null);
            if (poll.empty()) {
                break;
            }
        }
        sqs.purgeQueue(r -> r.queueUrl(queueUrl));
        Calls.Snapshot matching = m.total();
        int n = m.times.size();
        out.printf("matching (PaymentMatcherHandler)  : %,d of the %,d notifications (the first received, each its"
                + " customer's first payment)%n", n, accepted);
        out.printf("  time per entry                 : median %.1f ms, p95 %.1f ms, mean %.1f ms -> %.0f s for %,d"
                + " entries one after the other%n", m.percentile(50), m.percentile(95), m.mean(),
                m.mean() * entries / 1e3, entries);
        out.printf("  DynamoDB per entry             : %.1f calls, %.1f RCU, %.1f WCU%n", matching.total() / (double) n,
                matching.rcu() / n, matching.wcu() / n);
        m.outcomes.forEach((outcome, s) -> out.printf("    %-29s: %5d entries, median %.1f ms, %.1f RCU, %.1f WCU"
                + " per entry%n", outcome, s.count, Matching.percentile(s.times, 50), s.rcu / s.count,
                s.wcu / s.count));

        // c. The matched entries again, in other bytes (no CR LF): every one is a duplicate.
        byte[] again = ZenginBenchWorld.withoutLineBreaks(world.file(m.entries, booked));
        Calls.Snapshot d1 = db.snapshot();
        Calls.Snapshot q1 = sqsCalls.snapshot();
        long t1 = System.nanoTime();
        APIGatewayV2HTTPResponse second = post(webhook, again);
        long reuploadNanos = System.nanoTime() - t1;
        Calls.Snapshot reupload = db.snapshot().minus(d1);
        Calls.Snapshot resent = sqsCalls.snapshot().minus(q1);
        int duplicates = count(second, "duplicate");
        out.printf("re-upload, other bytes           : %.2f s for %,d entries (%,d duplicate, %d SQS calls); %s;"
                + " %.2f RCU per entry%n", reuploadNanos / 1e9, n, duplicates, resent.total(),
                reupload.calls(), reupload.rcu() / n);
        return new Figures(intake, sent, reupload, resent, matching, accepted, duplicates, n, m.counts(), m.failed);
    }

    private static APIGatewayV2HTTPResponse post(PaymentWebhookHandler webhook, byte[] file) {
        APIGatewayV2HTTPEvent event = Intake.request("/bank-statements", Map.of("content-type",
                "application/x-zengin"), Base64.getEncoder().encodeToString(file));
        event.setIsBase64Encoded(true);
        return webhook.handleRequest(event, null);
    }

    private static int count(APIGatewayV2HTTPResponse r, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)")
                .matcher(r.getBody());
        if (r.getStatusCode() != 200 || !m.find()) {
            throw new IllegalStateException("HTTP " + r.getStatusCode() + ": " + r.getBody());
        }
        return Integer.parseInt(m.group(1));
    }

    /** A 03 file of {@code entries} lines, one in ten a debit (a bank charge). */
    private static byte[] accountStatement(int entries) {
        List<byte[]> records = new ArrayList<>(List.of(header03("071121")));
        long credits = 0;
        long debits = 0;
        long creditTotal = 0;
        long debitTotal = 0;
        for (int j = 0; j < entries; j++) {
            boolean debit = j % 10 == 9;
            long amount = 1_000 + j;
            records.add(line(j + 1, "071121", debit ? "2" : "1", amount, debit ? "" : "ｶ)ﾃｽﾄ", ""));
            if (debit) {
                debits++;
                debitTotal += amount;
            } else {
                credits++;
                creditTotal += amount;
            }
        }
        records.add(trailer03(credits, creditTotal, debits, debitTotal));
        records.add(end());
        return file("\r\n", records);
    }

    private static double medianParseMs(byte[] file, LocalDate today) {
        double[] ms = new double[9];
        for (int i = -3; i < ms.length; i++) {
            long t = System.nanoTime();
            ZenginParser.parse(file, ZenginDateStyle.AUTO, today);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    /** The matcher's side: each record handled alone, timed and counted, its payment's outcome read afterwards. */
    private static final class Matching {
        static final class Outcome {
            int count;
            double rcu;
            double wcu;
            final List<Double> times = new ArrayList<>();
        }

        final PaymentMatcherHandler matcher;
        final BillingStore plain;
        final Calls db;
        final List<Double> times = new ArrayList<>();
        /** The entries matched (a queue keeps no order: with batches sent in parallel, not exactly the first). */
        final List<Integer> entries = new ArrayList<>();
        final Map<String, Outcome> outcomes = new TreeMap<>();
        final Calls.Snapshot start;
        int failed;

        Matching(PaymentMatcherHandler matcher, BillingStore plain, Calls db) {
            this.matcher = matcher;
            this.plain = plain;
            this.db = db;
            this.start = db.snapshot();
        }

        SQSBatchResponse handle(SQSEvent batch) {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage record : batch.getRecords()) {
                SQSEvent one = new SQSEvent();
                one.setRecords(List.of(record));
                Calls.Snapshot before = db.snapshot();
                long t = System.nanoTime();
                SQSBatchResponse r = matcher.handleRequest(one, null);
                double ms = (System.nanoTime() - t) / 1e6;
                Calls.Snapshot used = db.snapshot().minus(before);
                if (r.getBatchItemFailures() != null && !r.getBatchItemFailures().isEmpty()) {
                    failures.addAll(r.getBatchItemFailures());
                    failed++;
                }
                times.add(ms);
                Outcome o = outcomes.computeIfAbsent(outcome(record.getBody()), k -> new Outcome());
                o.count++;
                o.rcu += used.rcu();
                o.wcu += used.wcu();
                o.times.add(ms);
            }
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        }

        private String outcome(String body) {
            String id = PaymentNotificationJson.read(body).providerPaymentId();
            entries.add(Integer.parseInt(id.split(":")[2]) - 1); // zengin:<account>:<照会番号 = entry + 1>:<勘定日>
            Payment p = plain.payments().getByProviderId("bank", id).orElse(null);
            if (p == null) {
                return "not stored";
            }
            if (p.status() == PaymentStatus.APPLIED || p.status() == PaymentStatus.PARTIALLY_APPLIED) {
                List<Allocation> a = plain.payments().allocationsOfPayment(p.id());
                String rule = a.isEmpty() ? "?" : a.get(0).rule();
                return (p.status() == PaymentStatus.APPLIED ? "applied, " : "part-applied, ") + rule;
            }
            return p.customerId() != null ? "held, customer known" : "held, payer unknown";
        }

        Calls.Snapshot total() {
            return db.snapshot().minus(start);
        }

        Map<String, Integer> counts() {
            Map<String, Integer> c = new TreeMap<>();
            outcomes.forEach((k, v) -> c.put(k, v.count));
            return c;
        }

        double mean() {
            return times.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        double percentile(int p) {
            return percentile(times, p);
        }

        static double percentile(List<Double> values, int p) {
            if (values.isEmpty()) {
                return 0;
            }
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        }
    }
}
