package io.periodic.local.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.files.LocalFiles;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.billing.ports.DomainEvent;
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
import io.periodic.billing.webhooks.StandardConnectors;
import io.periodic.functions.billingapi.BillingApi;
import io.periodic.functions.billingapi.BillingApiHandler;
import io.periodic.functions.dunningsteps.DunningStepsHandler;
import io.periodic.functions.dunningstarter.DunningStarterHandler;
import io.periodic.functions.invoicegenerator.InvoiceGeneratorHandler;
import io.periodic.functions.paymentmatcher.PaymentMatcherHandler;
import io.periodic.functions.invoicepdf.InvoicePdfHandler;
import io.periodic.functions.invoicescheduler.InvoiceSchedulerHandler;
import io.periodic.functions.paymentwebhook.PaymentWebhookHandler;
import io.periodic.local.engines.DeadLetterQueues;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.Engines;
import io.periodic.local.engines.LocalStateMachine;
import io.periodic.local.engines.SqsDelivery;
import io.periodic.local.engines.StackResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole billing system in one JVM, wired to the real function handlers: DynamoDB Local and ElasticMQ
 * in-process (tables and queues from template.yaml), the schedules of the template on a simulated clock, the
 * dunning state machine on {@link LocalStateMachine} (a local driver of the same dunning.asl.json), SQS event
 * source mappings as pumps (partial batch responses honoured, redrive to the dead-letter queues as declared),
 * EventBridge as a JSON-lines log plus the PDF rule, S3 as a folder, SES as an outbox folder.
 *
 * <h2>Storage</h2>
 * {@link Storage#MEMORY} (tests, the demo) keeps the engines in memory: everything but the output files ends with
 * the process. {@link Storage#FOLDER} ({@code ./dev local serve}) keeps everything under the output folder, so a
 * restart, or a kill, resumes where it stopped: DynamoDB Local's tables ({@code state/dynamodb}, -dbPath),
 * ElasticMQ's queues and their messages, dead-letter queues included ({@code state/queues}), the simulated clock
 * and the schedules' last runs ({@code state/clock.json}), the dunning executions ({@code state/workflows.json}),
 * documents not yet rendered to PDF ({@code state/pdf-pending}), the outbox ({@code outbox/}, which is its own
 * index) and the event log. Each is written when it changes, before the step that depends on it: the clock is saved
 * at an instant before anything runs at that instant, so after a kill whatever ran at it runs again, which the
 * functions allow (every write is idempotent on business identity; a billing job or a payment notification on a
 * queue is redelivered, never lost).
 *
 * <h2>Concurrency</h2>
 * HTTP requests run concurrently (they share a read lock). A clock advance is exclusive step by step: one advance at
 * a time, and each simulated instant it stops at runs under the write lock, which is released between instants, so
 * a request waits at most for one instant's work and sees the clock at an instant boundary. {@link #advanceTo}
 * moves the clock through every instant where something is due (the 15-minute invoice schedule when a subscription
 * falls due, the daily dunning sweep at 00:00 UTC, each workflow's next wake-up), runs it with the clock reading
 * that instant, and returns when every queue is empty and no workflow step is due. One call moves the clock at
 * most {@link #MAX_ADVANCE}.
 */
public final class LocalSystem implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The furthest one {@link #advanceTo} call moves the clock (a longer move is refused, not started). */
    public static final Period MAX_ADVANCE = Period.ofYears(2);
    private static final Duration SCHEDULE = Duration.ofMinutes(15);
    private static final String DUNNING_STEPS_ARN = "arn:aws:lambda:us-east-1:000000000000:function:dunning-steps";
    private static final Duration REDRIVE_PATIENCE = Duration.ofSeconds(60);
    /** What {@link #wipe} deletes in an output folder: everything a runner writes there except functions.log. */
    private static final List<String> OWNED = List.of("state", "outbox", "documents", "invoices", "events.jsonl",
            "report.html");

    /** Where the engines keep their data. */
    public enum Storage {
        /** In memory: a restart starts empty. */
        MEMORY,
        /** In the output folder: a restart (or a kill) resumes. */
        FOLDER
    }

    /** Points where a test can watch or change the system; every method does nothing by default. */
    public interface Hooks {
        Hooks NONE = new Hooks() {};

        /**
         * Called by {@link #advanceTo} after the work due at {@code reached} is done, before it looks for the next
         * instant, without the exclusive lock: other requests may run meanwhile.
         */
        default void betweenSteps(Instant reached) {}

        /** Called after a queue's function handled a batch, before its handled messages are deleted. */
        default void afterBatch(String queue, int messages) {}

        /**
         * Interceptors for the DynamoDB client of one function ({@code billing-api}, {@code payment-webhook},
         * {@code payment-matcher}, {@code invoice-scheduler}, {@code invoice-generator}, {@code dunning}); e.g. to
         * make a dependency fail for a while.
         */
        default List<ExecutionInterceptor> dynamoInterceptors(String function) {
            return List.of();
        }
    }

    /**
     * What the runner was started with. {@code progress} receives a line per simulated month an advance passes
     * (and one when it ends); null discards them.
     */
    public record Options(Path outputDir, Instant start, String stripeSecret, String standardSecret, boolean pdf,
            Storage storage, Hooks hooks, Consumer<String> progress) {
        public Options {
            Objects.requireNonNull(outputDir, "outputDir");
            Objects.requireNonNull(start, "start");
            storage = storage == null ? Storage.MEMORY : storage;
            hooks = hooks == null ? Hooks.NONE : hooks;
            progress = progress == null ? line -> { } : progress;
        }

        /** In memory, no hooks, no progress lines. */
        public Options(Path outputDir, Instant start, String stripeSecret, String standardSecret, boolean pdf) {
            this(outputDir, start, stripeSecret, standardSecret, pdf, Storage.MEMORY, Hooks.NONE, null);
        }

        public Options withStorage(Storage value) {
            return new Options(outputDir, start, stripeSecret, standardSecret, pdf, value, hooks, progress);
        }

        public Options withHooks(Hooks value) {
            return new Options(outputDir, start, stripeSecret, standardSecret, pdf, storage, value, progress);
        }

        public Options withProgress(Consumer<String> value) {
            return new Options(outputDir, start, stripeSecret, standardSecret, pdf, storage, hooks, value);
        }
    }

    /** What one clock move did. */
    public record Advance(Instant from, Instant to, int invoiceSchedules, int dunningSweeps, int messages,
            int workflowTransitions) {}

    /** A mail that was "sent": a file in the outbox folder. */
    public record SentMail(Instant at, String key, String to, String subject, Path file) {}

    /** A dead-letter queue, the queue it takes failures from (null: EventBridge or Scheduler), and its messages. */
    public record DeadLetters(String queue, String source, int maxReceiveCount,
            List<DeadLetterQueues.Message> messages) {}

    /** One dead-letter queue moved back to its source queue. */
    public record Redriven(String queue, String destination, String status, long moved) {}

    /** The clock was asked to go back. */
    public static final class ClockBackwardsException extends IllegalArgumentException {
        ClockBackwardsException(Instant now, Instant target) {
            super("the clock only moves forward: it is " + now + ", asked for " + target);
        }
    }

    /** The clock was asked to move further than {@link #MAX_ADVANCE} in one call. */
    public static final class ClockLimitException extends IllegalArgumentException {
        ClockLimitException(Instant now, Instant target, Instant furthest) {
            super("one clock advance moves at most " + MAX_ADVANCE.getYears() + " years: it is " + now
                    + ", so the furthest is " + furthest + "; asked for " + target
                    + ". Advance in steps of at most " + MAX_ADVANCE.getYears() + " years.");
        }
    }

    private final Options options;
    private final Path stateDir;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final DynamoDbLocalEngine dynamo;
    private final ElasticMqEngine mq;
    private final AtomicReference<Instant> now;
    private final Clock clock;
    private final BillingStore store;
    private final Map<Path, SentMail> outbox = new LinkedHashMap<>();
    private final Deque<DomainEvent> pdfWork = new ConcurrentLinkedDeque<>();
    private final SqsClient sqs;
    private final StackResources resources;
    private final String billingJobQueue;
    private final String paymentQueue;
    private final Map<String, ReentrantLock> pumpLocks = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final ReentrantLock advancing = new ReentrantLock(true);
    private final ReentrantLock deadLetterLock = new ReentrantLock();
    private final InvoiceSchedulerHandler scheduler;
    private final InvoiceGeneratorHandler generator;
    private final PaymentWebhookHandler webhooks;
    private final PaymentMatcherHandler matcher;
    private final DunningStarterHandler dunningStarter;
    private final DunningStepsHandler dunningSteps;
    private final InvoicePdfHandler pdfs;
    private final BillingApiHandler api;
    private final LocalStateMachine dunning;
    private volatile Instant lastSchedulerRun = Instant.MIN;
    private volatile Instant lastDunningSweep;
    private final boolean resumed;

    public LocalSystem(Options options) {
        this.options = options;
        Path out = options.outputDir();
        boolean inFolder = options.storage() == Storage.FOLDER;
        this.stateDir = out.resolve("state");
        this.resources = StackResources.fromTemplate(Engines.templatePath());
        try {
            Files.createDirectories(out);
            this.dynamo = inFolder ? DynamoDbLocalEngine.start(stateDir.resolve("dynamodb")) : DynamoDbLocalEngine.start();
            closeables.add(dynamo);
            resources.createTables(dynamo.client());
            this.mq = inFolder ? ElasticMqEngine.start(stateDir.resolve("queues")) : ElasticMqEngine.start();
            closeables.add(mq);
            resources.createQueues(mq.client());
        } catch (IOException | RuntimeException failure) {
            close();
            throw failure instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) failure;
        }
        JsonNode savedClock = inFolder ? readJson(stateDir.resolve("clock.json")) : null;
        this.resumed = savedClock != null;
        if (savedClock != null) {
            this.now = new AtomicReference<>(Instant.parse(savedClock.get("now").textValue()));
            this.lastSchedulerRun = savedClock.path("lastSchedulerRun").isTextual()
                    ? Instant.parse(savedClock.get("lastSchedulerRun").textValue()) : Instant.MIN;
            this.lastDunningSweep = Instant.parse(savedClock.get("lastDunningSweep").textValue());
        } else {
            this.now = new AtomicReference<>(options.start().truncatedTo(ChronoUnit.SECONDS));
            this.lastDunningSweep = now.get().truncatedTo(ChronoUnit.DAYS);
        }
        this.clock = now::get;
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
                queuePdf(event); // the EventBridge rule of InvoicePdfFunction
            }
        };
        FileOutboxMailer files = new FileOutboxMailer(out.resolve("outbox"), now::get);
        for (FileOutboxMailer.Sent sent : FileOutboxMailer.read(out.resolve("outbox"))) {
            remember(sent);
        }
        Mailer mailer = email -> remember(files.sendAndDescribe(email));
        InvoiceNotifications notifications = new InvoiceNotifications(new DocumentRenderer(), documents, events,
                mailer);

        this.scheduler = new InvoiceSchedulerHandler(new DueSubscriptionSweep(storeFor("invoice-scheduler"),
                new SqsMessageQueue(sqs, billingJobQueue), clock));
        this.generator = new InvoiceGeneratorHandler(new InvoiceIssuing(storeFor("invoice-generator"), notifications,
                clock, BillingCycle.DEFAULT_MAX_CATCH_UP));
        this.webhooks = new PaymentWebhookHandler(new PaymentIntake(storeFor("payment-webhook"),
                new SqsMessageQueue(sqs, paymentQueue), Secrets.of(options.stripeSecret()),
                standardConnectors(options.standardSecret()), new SimulatedClock(now)));
        this.matcher = new PaymentMatcherHandler(new PaymentService(storeFor("payment-matcher"), events, clock));
        DunningService dunningService = new DunningService(storeFor("dunning"), notifications, mailer, events, clock);
        this.dunningSteps = new DunningStepsHandler(dunningService);
        this.dunning = LocalStateMachine.load(
                Engines.templatePath().getParent().resolve("statemachines/dunning.asl.json"),
                Map.of("DunningStepsFunctionArn", DUNNING_STEPS_ARN), this::invokeDunningStep);
        this.dunningStarter = new DunningStarterHandler(new DunningStarter(storeFor("dunning"), dunningService,
                (name, input) -> {
                    boolean started = dunning.start(name, input, clock.now());
                    if (started) {
                        saveWorkflows();
                    }
                    return started;
                }, clock));
        this.pdfs = new InvoicePdfHandler(documents);
        this.api = new BillingApiHandler(BillingApi.over(storeFor("billing-api"), notifications, events, documents,
                clock));

        lock.writeLock().lock();
        try {
            if (inFolder) {
                JsonNode workflows = readJson(stateDir.resolve("workflows.json"));
                if (workflows != null) {
                    dunning.restore(workflows);
                }
                loadPendingPdfs();
            }
            saveClock();
            settle(); // what a kill left on the queues, and workflow steps that fell due
        } catch (RuntimeException failure) {
            close(); // the engines are running: stop them, the caller has nothing to close
            throw failure;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Deletes what a runner keeps in {@code outputDir} (its state, outbox, documents, event log and report), so that
     * the next runner there starts empty. functions.log is kept (it is only ever appended to).
     */
    public static void wipe(Path outputDir) {
        for (String name : OWNED) {
            Path target = outputDir.resolve(name);
            if (!Files.exists(target)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + target, e);
            }
        }
    }

    /** Whether this system continued from state a previous runner left in its folder. */
    public boolean resumed() {
        return resumed;
    }

    private BillingStore storeFor(String function) {
        List<ExecutionInterceptor> interceptors = options.hooks().dynamoInterceptors(function);
        if (interceptors == null || interceptors.isEmpty()) {
            return store;
        }
        DynamoDbClient client = dynamo.clientBuilder()
                .overrideConfiguration(c -> interceptors.forEach(c::addExecutionInterceptor)).build();
        closeables.add(client);
        return new BillingStore(client, BillingTable.LOGICAL_ID);
    }

    private void remember(FileOutboxMailer.Sent sent) {
        synchronized (outbox) {
            outbox.put(sent.file(), new SentMail(sent.sentAt(), sent.key(), sent.to(), sent.subject(), sent.file()));
        }
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

    /** The mails in the outbox folder (after a restart too), oldest first. */
    public List<SentMail> outbox() {
        synchronized (outbox) {
            return List.copyOf(outbox.values());
        }
    }

    public List<LocalStateMachine.ExecutionView> workflows() {
        return dunning.executions();
    }

    /** Runs every function's SnapStart priming, as before a snapshot (it must write and send nothing). */
    public void primeAll() {
        lock.writeLock().lock();
        try {
            scheduler.prime();
            generator.prime();
            webhooks.prime();
            matcher.prime();
            dunningStarter.prime();
            dunningSteps.prime();
            pdfs.prime();
            api.prime();
        } finally {
            lock.writeLock().unlock();
        }
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

    /** The management API (signed by IAM in AWS; the local caller is "local"). Runs concurrently with others. */
    public APIGatewayV2HTTPResponse api(APIGatewayV2HTTPEvent event) {
        lock.readLock().lock();
        try {
            return api.handleRequest(event, null);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The Standard Webhooks connectors of {@code --standard-secret}: a bare {@code whsec_} secret is the secret of
     * connector {@value LocalRunner#DEFAULT_STANDARD_CONNECTOR}; a JSON document is read as the deployed
     * configuration is ({@code {"connectors": [{"name": ..., "secrets": [...]}]}}, docs/payment-events.md).
     */
    static ConnectorSecrets standardConnectors(String option) {
        String value = option.strip();
        List<ConnectorSecrets.Connector> connectors = value.startsWith("{")
                ? StandardConnectors.parse(value)
                : List.of(new ConnectorSecrets.Connector(
                        LocalRunner.DEFAULT_STANDARD_CONNECTOR, List.of(value)));
        return () -> connectors;
    }

    /** The webhook and bank-statement routes; the payments they enqueue are matched before the answer. */
    public APIGatewayV2HTTPResponse webhook(APIGatewayV2HTTPEvent event) {
        lock.readLock().lock();
        try {
            APIGatewayV2HTTPResponse response = webhooks.handleRequest(event, null);
            settle();
            return response;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- dead-letter queues

    /**
     * Every dead-letter queue of the template with the messages on it, left there (looking counts as a receive, as
     * in SQS: each message's receive count goes up by one).
     */
    public List<DeadLetters> deadLetters() {
        lock.readLock().lock();
        deadLetterLock.lock();
        try {
            List<DeadLetters> all = new ArrayList<>();
            for (StackResources.QueueDefinition dlq : resources.deadLetterQueues()) {
                var source = resources.sourceOf(dlq.logicalId());
                all.add(new DeadLetters(dlq.logicalId(), source.map(StackResources.QueueDefinition::logicalId)
                        .orElse(null), source.map(StackResources.QueueDefinition::maxReceiveCount).orElse(0),
                        DeadLetterQueues.peek(sqs, mq.queueUrl(dlq.logicalId()))));
            }
            return all;
        } finally {
            deadLetterLock.unlock();
            lock.readLock().unlock();
        }
    }

    /**
     * Moves the messages of one dead-letter queue ({@code queue}), or of every one that has a source queue (null),
     * back to their source queue with a message move task, as {@code aws sqs start-message-move-task} does, then
     * runs them through their function before answering.
     *
     * @throws IllegalArgumentException if {@code queue} is not a dead-letter queue with a source queue
     */
    public List<Redriven> redrive(String queue) {
        List<StackResources.QueueDefinition> targets;
        if (queue == null) {
            targets = resources.deadLetterQueues().stream()
                    .filter(q -> resources.sourceOf(q.logicalId()).isPresent()).toList();
        } else {
            StackResources.QueueDefinition dlq = resources.deadLetterQueues().stream()
                    .filter(q -> q.logicalId().equals(queue)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no dead-letter queue " + queue + "; there are "
                            + resources.deadLetterQueues().stream().map(StackResources.QueueDefinition::logicalId)
                            .toList()));
            if (resources.sourceOf(queue).isEmpty()) {
                throw new IllegalArgumentException(queue + " takes failed EventBridge or Scheduler deliveries, not "
                        + "a queue's: there is no source queue to move its messages back to");
            }
            targets = List.of(dlq);
        }
        lock.readLock().lock();
        try {
            List<Redriven> done = new ArrayList<>();
            deadLetterLock.lock();
            try {
                for (StackResources.QueueDefinition dlq : targets) {
                    String source = resources.sourceOf(dlq.logicalId()).orElseThrow().logicalId();
                    DeadLetterQueues.Redrive r = DeadLetterQueues.redrive(sqs, mq.queueArn(dlq.logicalId()), null,
                            REDRIVE_PATIENCE);
                    done.add(new Redriven(dlq.logicalId(), source, r.status(), r.moved()));
                }
            } finally {
                deadLetterLock.unlock();
            }
            settle();
            return done;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- time

    /**
     * Moves the clock to {@code target}, running at its own instant everything that falls due on the way, and
     * returns when all is quiet. The clock never goes back; advancing to now just settles what is pending. One
     * advance runs at a time; requests run between its instants.
     *
     * @throws ClockBackwardsException if {@code target} is before now
     * @throws ClockLimitException if {@code target} is more than {@link #MAX_ADVANCE} after now
     */
    public Advance advanceTo(Instant target) {
        advancing.lock();
        try {
            Instant from = now.get();
            if (target.isBefore(from)) {
                throw new ClockBackwardsException(from, target);
            }
            Instant furthest = from.atOffset(ZoneOffset.UTC).plus(MAX_ADVANCE).toInstant();
            if (target.isAfter(furthest)) {
                throw new ClockLimitException(from, target, furthest);
            }
            int[] totals = new int[4]; // schedules, sweeps, messages, transitions
            exclusively(() -> add(totals, 0, 0, settle()));
            YearMonth reported = YearMonth.from(from.atOffset(ZoneOffset.UTC));
            while (true) {
                Instant reached = exclusively(() -> step(target, totals));
                if (reached == null) {
                    break;
                }
                YearMonth month = YearMonth.from(reached.atOffset(ZoneOffset.UTC));
                if (month.isAfter(reported)) {
                    reported = month;
                    options.progress().accept(progressLine("reached " + reached, from, target, totals));
                }
                options.hooks().betweenSteps(reached);
            }
            exclusively(() -> {
                now.set(target);
                saveClock();
                add(totals, 0, 0, settle());
                return null;
            });
            options.progress().accept(progressLine("now " + target, from, target, totals));
            return new Advance(from, target, totals[0], totals[1], totals[2], totals[3]);
        } finally {
            advancing.unlock();
        }
    }

    /** Runs the next instant where something is due, if it is not after {@code target}; returns it, or null. */
    private Instant step(Instant target, int[] totals) {
        Instant schedulerAt = nextSchedulerRun();
        Instant sweepAt = lastDunningSweep.plus(Duration.ofDays(1));
        Instant wakeUp = dunning.nextWakeUp().orElse(null);
        Instant next = earliest(schedulerAt, sweepAt, wakeUp);
        if (next == null || next.isAfter(target)) {
            return null;
        }
        if (next.isAfter(now.get())) {
            now.set(next);
            saveClock(); // before anything runs at this instant: after a kill, it runs again
        }
        int schedules = 0;
        int sweeps = 0;
        if (next.equals(schedulerAt)) {
            runScheduler();
            schedules = 1;
        }
        if (next.equals(sweepAt)) {
            runDunningSweep();
            sweeps = 1;
        }
        add(totals, schedules, sweeps, settle());
        return next;
    }

    private static int[] add(int[] totals, int schedules, int sweeps, int[] work) {
        totals[0] += schedules;
        totals[1] += sweeps;
        totals[2] += work[0];
        totals[3] += work[1];
        return totals;
    }

    private static String progressLine(String what, Instant from, Instant target, int[] totals) {
        return "clock " + what + " (advancing " + from + " -> " + target + "): " + totals[0] + " invoice runs, "
                + totals[1] + " dunning sweeps, " + totals[2] + " messages, " + totals[3] + " workflow transitions";
    }

    private <T> T exclusively(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs the queues, PDFs and workflow steps that are due now until nothing is left. Returns messages, transitions. */
    private int[] settle() {
        int messages = 0;
        int transitions = 0;
        while (true) {
            int m = pump(billingJobQueue, generator::handleRequest) + pump(paymentQueue, matcher::handleRequest);
            int pdf = renderPdfs();
            int t = dunning.runDue(now.get());
            if (t > 0) {
                saveWorkflows();
            }
            messages += m;
            transitions += t;
            if (m == 0 && pdf == 0 && t == 0) {
                return new int[] {messages, transitions};
            }
        }
    }

    private interface SqsFunction {
        SQSBatchResponse handle(SQSEvent event, Context context);
    }

    /**
     * Polls a queue until it is empty, as Lambda's event source mapping does it (partial batch responses honoured).
     * Failed messages become visible again at once (visibility 0 here), so they are retried until the queue's redrive
     * policy moves them to its dead-letter queue. One thread polls a queue at a time (a message received with
     * visibility 0 would otherwise be seen by two pollers); a thread that finds the queue being polled waits, then
     * polls itself, so what it enqueued before has been handled when it returns.
     */
    private int pump(String queueUrl, SqsFunction function) {
        ReentrantLock pumping = pumpLocks.computeIfAbsent(queueUrl, q -> new ReentrantLock());
        String queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        pumping.lock();
        try {
            int handled = 0;
            while (true) {
                int n = SqsDelivery.once(sqs, queueUrl, event -> {
                    SQSBatchResponse response = function.handle(event, null);
                    options.hooks().afterBatch(queueName, event.getRecords().size());
                    return response;
                }, 0).messages().size();
                if (n == 0) {
                    return handled;
                }
                handled += n;
            }
        } finally {
            pumping.unlock();
        }
    }

    private void queuePdf(DomainEvent event) {
        if (options.storage() == Storage.FOLDER) {
            ObjectNode o = JSON.createObjectNode().put("type", event.type()).put("id", event.id())
                    .put("occurredAt", event.occurredAt().toString()).put("detailJson", event.detailJson());
            LocalFiles.write(pendingPdf(event), o.toString().getBytes(StandardCharsets.UTF_8));
        }
        pdfWork.add(event);
    }

    private Path pendingPdf(DomainEvent event) {
        return stateDir.resolve("pdf-pending").resolve(LocalFiles.safeName(event.id()) + ".json");
    }

    private void loadPendingPdfs() {
        Path folder = stateDir.resolve("pdf-pending");
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                JsonNode o = JSON.readTree(file.toFile());
                pdfWork.add(new DomainEvent(o.get("type").textValue(), o.get("id").textValue(),
                        Instant.parse(o.get("occurredAt").textValue()), o.get("detailJson").textValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int renderPdfs() {
        int rendered = 0;
        for (DomainEvent event = pdfWork.poll(); event != null; event = pdfWork.poll()) {
            try {
                Map<String, Object> envelope = Map.of("detail-type", event.type(), "source", "periodic.billing",
                        "detail", JSON.readValue(event.detailJson(), Map.class));
                pdfs.handleRequest(envelope, null);
                if (options.storage() == Storage.FOLDER) {
                    Files.deleteIfExists(pendingPdf(event));
                }
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
        saveClock();
    }

    private void runDunningSweep() {
        invokeStream(dunningStarter::handleRequest, "{\"trigger\":\"schedule\",\"schedule\":\"DailyDunningSweep\"}");
        lastDunningSweep = now.get();
        saveClock();
    }

    private interface StreamFunction {
        void handle(InputStream in, OutputStream out,
                Context context) throws IOException;
    }

    private static void invokeStream(StreamFunction function, String input) {
        try {
            function.handle(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- state files

    private void saveClock() {
        if (options.storage() != Storage.FOLDER) {
            return;
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("now", now.get().toString());
        o.put("lastSchedulerRun", lastSchedulerRun.equals(Instant.MIN) ? null : lastSchedulerRun.toString());
        o.put("lastDunningSweep", lastDunningSweep.toString());
        synchronized (stateDir) {
            LocalFiles.write(stateDir.resolve("clock.json"), o.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void saveWorkflows() {
        if (options.storage() != Storage.FOLDER) {
            return;
        }
        synchronized (dunning) { // the snapshot and its write together: a later snapshot is never overwritten
            LocalFiles.write(stateDir.resolve("workflows.json"),
                    dunning.snapshot().toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
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
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // shutting down
            }
        }
        closeables.clear();
    }
}
