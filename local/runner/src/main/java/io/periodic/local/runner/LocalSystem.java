package io.periodic.local.runner;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.local.DirectoryDocumentStore;
import io.periodic.billing.local.FileOutboxMailer;
import io.periodic.billing.local.JsonLinesEventLog;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.DomainEvent;
import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.EventPublisher;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.DueSubscriptionSweep;
import io.periodic.billing.service.DunningService;
import io.periodic.billing.service.DunningStarter;
import io.periodic.billing.service.InvoiceIssuing;
import io.periodic.billing.service.InvoiceNotifications;
import io.periodic.billing.service.PaymentIntake;
import io.periodic.billing.service.PaymentService;
import io.periodic.functions.api.BillingApi;
import io.periodic.functions.api.BillingApiHandler;
import io.periodic.functions.dunning.DunningStepsHandler;
import io.periodic.functions.dunningstarter.DunningStarterHandler;
import io.periodic.functions.generator.InvoiceGeneratorHandler;
import io.periodic.functions.matcher.PaymentMatcherHandler;
import io.periodic.functions.pdf.InvoicePdfHandler;
import io.periodic.functions.scheduler.InvoiceSchedulerHandler;
import io.periodic.functions.webhook.PaymentWebhookHandler;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.Engines;
import io.periodic.local.engines.LocalStateMachine;
import io.periodic.local.engines.StackResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole billing system in one JVM, wired to the real function handlers: DynamoDB Local and ElasticMQ
 * in-process (tables and queues from template.yaml), the schedules of the template on a simulated clock, the
 * dunning state machine on {@link LocalStateMachine} (a local driver of the same dunning.asl.json), SQS event
 * source mappings as pumps (partial batch responses honoured, redrive to the dead-letter queues as declared),
 * EventBridge as a JSON-lines log plus the PDF rule, S3 as a folder, SES as an outbox folder.
 *
 * <p>Everything happens under one lock, so what an HTTP caller sees is deterministic: {@link #advanceTo} moves the
 * clock through every instant where something is due (the 15-minute invoice schedule when a subscription falls
 * due, the daily dunning sweep at 00:00 UTC, each workflow's next wake-up), runs it with the clock reading that
 * instant, and returns when every queue is empty and no workflow step is due.
 */
public final class LocalSystem implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SCHEDULE = Duration.ofMinutes(15);
    private static final String DUNNING_STEPS_ARN = "arn:aws:lambda:us-east-1:000000000000:function:dunning-steps";

    /** What the runner was started with. */
    public record Options(Path outputDir, Instant start, String stripeSecret, String standardSecret, boolean pdf) {}

    /** What one clock move did. */
    public record Advance(Instant from, Instant to, int invoiceSchedules, int dunningSweeps, int messages,
            int workflowTransitions) {}

    /** A mail that was "sent": recorded and written to the outbox folder. */
    public record SentMail(Instant at, String key, String to, String subject, Path file) {}

    private final Options options;
    private final DynamoDbLocalEngine dynamo;
    private final ElasticMqEngine mq;
    private final AtomicReference<Instant> now;
    private final Clock clock;
    private final BillingStore store;
    private final List<SentMail> outbox = new ArrayList<>();
    private final Deque<DomainEvent> pdfWork = new ArrayDeque<>();
    private final SqsClient sqs;
    private final String billingJobQueue;
    private final String paymentQueue;
    private final InvoiceSchedulerHandler scheduler;
    private final InvoiceGeneratorHandler generator;
    private final PaymentWebhookHandler webhooks;
    private final PaymentMatcherHandler matcher;
    private final DunningStarterHandler dunningStarter;
    private final DunningStepsHandler dunningSteps;
    private final InvoicePdfHandler pdfs;
    private final BillingApiHandler api;
    private final LocalStateMachine dunning;
    private Instant lastSchedulerRun = Instant.MIN;
    private Instant lastDunningSweep;

    public LocalSystem(Options options) {
        this.options = options;
        this.now = new AtomicReference<>(options.start().truncatedTo(ChronoUnit.SECONDS));
        this.clock = now::get;
        this.lastDunningSweep = now.get().truncatedTo(ChronoUnit.DAYS);
        Path out = options.outputDir();
        StackResources resources = StackResources.fromTemplate(Engines.templatePath());
        this.dynamo = DynamoDbLocalEngine.start();
        resources.createTables(dynamo.client());
        this.mq = ElasticMqEngine.start();
        resources.createQueues(mq.client());
        this.sqs = mq.client();
        this.billingJobQueue = mq.queueUrl("BillingJobQueue");
        this.paymentQueue = mq.queueUrl("PaymentQueue");
        this.store = new BillingStore(dynamo.client(), BillingTable.LOGICAL_ID);

        DirectoryDocumentStore documents = new DirectoryDocumentStore(out.resolve("documents"));
        JsonLinesEventLog eventLog = new JsonLinesEventLog(out.resolve("events.jsonl"));
        EventPublisher events = event -> {
            eventLog.publish(event);
            if (options.pdf() && Set.of("invoice.finalized", "invoice.voided", "credit_note.issued")
                    .contains(event.type())) {
                pdfWork.add(event); // the EventBridge rule of InvoicePdfFunction
            }
        };
        FileOutboxMailer files = new FileOutboxMailer(out.resolve("outbox"));
        Mailer mailer = email -> {
            files.send(email);
            outbox.add(new SentMail(clock.now(), email.key(), email.to(), email.subject(),
                    out.resolve("outbox").resolve(io.periodic.billing.local.LocalFiles.safeName(email.key()) + ".txt")));
        };
        InvoiceNotifications notifications = new InvoiceNotifications(new DocumentRenderer(), documents, events,
                mailer);

        this.scheduler = new InvoiceSchedulerHandler(new DueSubscriptionSweep(store,
                new SqsMessageQueue(sqs, billingJobQueue), clock));
        this.generator = new InvoiceGeneratorHandler(new InvoiceIssuing(store, notifications, clock,
                io.periodic.billing.invoicing.BillingCycle.DEFAULT_MAX_CATCH_UP));
        this.webhooks = new PaymentWebhookHandler(new PaymentIntake(store, new SqsMessageQueue(sqs, paymentQueue),
                Secrets.of(options.stripeSecret()), standardConnectors(options.standardSecret()),
                new SimulatedClock(now)));
        this.matcher = new PaymentMatcherHandler(new PaymentService(store, events, clock));
        DunningService dunningService = new DunningService(store, notifications, mailer, events, clock);
        this.dunningSteps = new DunningStepsHandler(dunningService);
        this.dunning = LocalStateMachine.load(
                Engines.templatePath().getParent().resolve("statemachines/dunning.asl.json"),
                Map.of("DunningStepsFunctionArn", DUNNING_STEPS_ARN), this::invokeDunningStep);
        this.dunningStarter = new DunningStarterHandler(new DunningStarter(store, dunningService,
                (name, input) -> dunning.start(name, input, clock.now()), clock));
        this.pdfs = new InvoicePdfHandler(documents);
        this.api = new BillingApiHandler(BillingApi.over(store, notifications, events, documents, clock));
    }

    private JsonNode invokeDunningStep(String resource, JsonNode parameters) {
        if (!DUNNING_STEPS_ARN.equals(resource)) {
            throw new LocalStateMachine.TaskFailure("Lambda.ResourceNotFoundException", "no function " + resource);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> input = JSON.convertValue(parameters, Map.class);
        try {
            return JSON.valueToTree(dunningSteps.handleRequest(input, null));
        } catch (RuntimeException failure) {
            // Lambda reports a function error as its exception type; the definition retries States.TaskFailed.
            throw new LocalStateMachine.TaskFailure(failure.getClass().getSimpleName(), String.valueOf(
                    failure.getMessage()));
        }
    }

    public Instant now() {
        return now.get();
    }

    public BillingStore store() {
        return store;
    }

    public Path outputDir() {
        return options.outputDir();
    }

    public synchronized List<SentMail> outbox() {
        return List.copyOf(outbox);
    }

    public synchronized List<LocalStateMachine.ExecutionView> workflows() {
        return dunning.executions();
    }

    /** Runs every function's SnapStart priming, as before a snapshot (it must write and send nothing). */
    public synchronized void primeAll() {
        scheduler.prime();
        generator.prime();
        webhooks.prime();
        matcher.prime();
        dunningStarter.prime();
        dunningSteps.prime();
        pdfs.prime();
        api.prime();
    }

    /** How many items the table holds (a full scan: for tests). */
    public long itemCount() {
        return dynamo.client().scanPaginator(r -> r.tableName(BillingTable.LOGICAL_ID).select("COUNT")).stream()
                .mapToLong(page -> page.count()).sum();
    }

    /** Messages waiting or in flight on the billing-job and payment queues. */
    public long queuedMessages() {
        long total = 0;
        for (String queue : List.of(billingJobQueue, paymentQueue)) {
            Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            total += attributes.values().stream().mapToLong(Long::parseLong).sum();
        }
        return total;
    }

    public Path eventLog() {
        return options.outputDir().resolve("events.jsonl");
    }

    // ---------------------------------------------------------------- HTTP

    /** The management API (signed by IAM in AWS; the local caller is "local"). */
    public synchronized APIGatewayV2HTTPResponse api(APIGatewayV2HTTPEvent event) {
        return api.handleRequest(event, null);
    }

    /**
     * The Standard Webhooks connectors of {@code --standard-secret}: a bare {@code whsec_} secret is the secret of
     * connector {@value LocalRunner#DEFAULT_STANDARD_CONNECTOR}; a JSON document is read as the deployed
     * configuration is ({@code {"connectors": [{"name": ..., "secrets": [...]}]}}, docs/payment-events.md).
     */
    static io.periodic.billing.ports.ConnectorSecrets standardConnectors(String option) {
        String value = option.strip();
        java.util.List<io.periodic.billing.ports.ConnectorSecrets.Connector> connectors = value.startsWith("{")
                ? io.periodic.billing.webhooks.StandardConnectors.parse(value)
                : java.util.List.of(new io.periodic.billing.ports.ConnectorSecrets.Connector(
                        LocalRunner.DEFAULT_STANDARD_CONNECTOR, java.util.List.of(value)));
        return () -> connectors;
    }

    /** The webhook and bank-statement routes; the payments they enqueue are matched before the next answer. */
    public synchronized APIGatewayV2HTTPResponse webhook(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = webhooks.handleRequest(event, null);
        settle();
        return response;
    }

    // ---------------------------------------------------------------- time

    /**
     * Moves the clock to {@code target}, running at its own instant everything that falls due on the way, and
     * returns when all is quiet. The clock never goes back; advancing to now just settles what is pending.
     */
    public synchronized Advance advanceTo(Instant target) {
        Instant from = now.get();
        if (target.isBefore(from)) {
            throw new IllegalArgumentException("the clock only moves forward: it is " + from + ", asked for " + target);
        }
        int schedules = 0;
        int sweeps = 0;
        int[] work = settle();
        int messages = work[0];
        int transitions = work[1];
        while (true) {
            Instant schedulerAt = nextSchedulerRun();
            Instant sweepAt = lastDunningSweep.plus(Duration.ofDays(1));
            Instant wakeUp = dunning.nextWakeUp().orElse(null);
            Instant next = earliest(schedulerAt, sweepAt, wakeUp);
            if (next == null || next.isAfter(target)) {
                break;
            }
            if (next.isAfter(now.get())) {
                now.set(next);
            }
            if (next.equals(schedulerAt)) {
                runScheduler();
                schedules++;
            }
            if (next.equals(sweepAt)) {
                runDunningSweep();
                sweeps++;
            }
            work = settle();
            messages += work[0];
            transitions += work[1];
        }
        now.set(target);
        work = settle();
        return new Advance(from, target, schedules, sweeps, messages + work[0], transitions + work[1]);
    }

    /** Runs the queues, PDFs and workflow steps that are due now until nothing is left. Returns messages, transitions. */
    private int[] settle() {
        int messages = 0;
        int transitions = 0;
        while (true) {
            int m = pump(billingJobQueue, generator::handleRequest) + pump(paymentQueue, matcher::handleRequest);
            int pdf = renderPdfs();
            int t = dunning.runDue(now.get());
            messages += m;
            transitions += t;
            if (m == 0 && pdf == 0 && t == 0) {
                return new int[] {messages, transitions};
            }
        }
    }

    private interface SqsFunction {
        SQSBatchResponse handle(SQSEvent event, com.amazonaws.services.lambda.runtime.Context context);
    }

    /**
     * One poll of a queue, as Lambda's event source mapping does it (partial batch responses honoured). Failed
     * messages become visible again at once (visibility 0 here), so they are retried until the queue's redrive
     * policy moves them to its dead-letter queue.
     */
    private int pump(String queueUrl, SqsFunction function) {
        return io.periodic.local.engines.SqsDelivery.once(sqs, queueUrl, event -> function.handle(event, null), 0)
                .messages().size();
    }

    private int renderPdfs() {
        int rendered = 0;
        while (!pdfWork.isEmpty()) {
            DomainEvent event = pdfWork.poll();
            try {
                Map<String, Object> envelope = Map.of("detail-type", event.type(), "source", "periodic.billing",
                        "detail", JSON.readValue(event.detailJson(), Map.class));
                pdfs.handleRequest(envelope, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rendered++;
        }
        return rendered;
    }

    private void runScheduler() {
        invokeStream(scheduler::handleRequest, "{\"trigger\":\"schedule\",\"schedule\":\"EveryQuarterHour\"}");
        lastSchedulerRun = now.get();
    }

    private void runDunningSweep() {
        invokeStream(dunningStarter::handleRequest, "{\"trigger\":\"schedule\",\"schedule\":\"DailyDunningSweep\"}");
        lastDunningSweep = now.get();
    }

    private interface StreamFunction {
        void handle(java.io.InputStream in, java.io.OutputStream out,
                com.amazonaws.services.lambda.runtime.Context context) throws IOException;
    }

    private static void invokeStream(StreamFunction function, String input) {
        try {
            function.handle(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * When EventBridge Scheduler's 15-minute schedule next finds work: the first quarter hour at or after the
     * earliest subscription falling due (the schedule's runs before it would find nothing, so they are skipped).
     */
    private Instant nextSchedulerRun() {
        Instant earliest = null;
        Instant farFuture = Instant.parse("9999-12-31T00:00:00Z");
        for (int shard = 0; shard < BillingTable.SHARDS; shard++) {
            for (String id : store.subscriptions().dueAtOrBefore(shard, farFuture, 1, null).items()) {
                Optional<Subscription> s = store.subscriptions().get(id);
                if (s.isPresent() && s.get().nextBillingAt() != null
                        && (earliest == null || s.get().nextBillingAt().isBefore(earliest))) {
                    earliest = s.get().nextBillingAt();
                }
            }
        }
        if (earliest == null) {
            return null;
        }
        Instant at = quarterHourAtOrAfter(earliest.isBefore(now.get()) ? now.get() : earliest);
        return at.isAfter(lastSchedulerRun) ? at : quarterHourAtOrAfter(lastSchedulerRun.plusSeconds(1));
    }

    static Instant quarterHourAtOrAfter(Instant t) {
        long step = SCHEDULE.getSeconds();
        long s = t.getEpochSecond();
        long up = Math.floorDiv(s + step - 1, step) * step;
        return Instant.ofEpochSecond(up);
    }

    private static Instant earliest(Instant... candidates) {
        Instant best = null;
        for (Instant c : candidates) {
            if (c != null && (best == null || c.isBefore(best))) {
                best = c;
            }
        }
        return best;
    }

    /** The simulated clock as a {@link java.time.Clock}, for code that takes one (webhook timestamp checks). */
    private static final class SimulatedClock extends java.time.Clock {
        private final AtomicReference<Instant> now;

        SimulatedClock(AtomicReference<Instant> now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Override
    public void close() {
        mq.close();
        dynamo.close();
    }
}
