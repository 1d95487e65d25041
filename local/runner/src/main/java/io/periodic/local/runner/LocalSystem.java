package io.periodic.local.runner;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.wiring.Periodic;
import io.periodic.local.engines.DeadLetterQueues;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.Engines;
import io.periodic.local.engines.LocalStateMachine;
import io.periodic.local.engines.StackResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole billing system in one JVM, wired to the real function handlers: DynamoDB Local and ElasticMQ
 * in-process (tables and queues from template.yaml), the schedules of the template on a simulated clock
 * ({@link SimulatedTime}), the dunning state machine on {@link LocalStateMachine} (a local driver of the same
 * dunning.asl.json, {@link DunningWorkflows}), SQS event source mappings as pumps ({@link QueuePumps}: partial batch
 * responses honoured, redrive to the dead-letter queues as declared, {@link DeadLetterDesk}), EventBridge as a
 * JSON-lines log plus the PDF rule ({@link LocalEvents}), S3 as a folder, SES as an outbox folder ({@link Outbox}).
 * The handlers get their use cases from the same composition root as in Lambda ({@link Periodic}), built over these
 * local adapters ({@link LocalAdapters}; {@link LocalFunctions}).
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
    private final StateFiles state;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final DynamoDbLocalEngine dynamo;
    private final ElasticMqEngine mq;
    private final SqsClient sqs;
    private final String billingJobQueue;
    private final String paymentQueue;
    private final String deliveryEventQueue;
    private final SimulatedTime time;
    private final LocalEvents events;
    private final Outbox outbox;
    private final DunningWorkflows workflows;
    private final Periodic root;
    private final LocalFunctions functions;
    private final DeadLetterDesk deadLetterDesk;
    private final Simulation simulation;

    /** Where the hosted page links in mails point: the local server once it listens ({@link #servedAt}). */
    private volatile String hostedPageBaseUrl = "http://127.0.0.1:8080";

    public LocalSystem(Options options) {
        this.options = options;
        Path out = options.outputDir();
        this.state = new StateFiles(out, options.storage() == Storage.FOLDER);
        StackResources resources = StackResources.fromTemplate(Engines.templatePath());
        try {
            Files.createDirectories(out);
            this.dynamo = state.kept() ? DynamoDbLocalEngine.start(state.resolve("dynamodb"))
                    : DynamoDbLocalEngine.start();
            closeables.add(dynamo);
            resources.createTables(dynamo.client());
            this.mq = state.kept() ? ElasticMqEngine.start(state.resolve("queues")) : ElasticMqEngine.start();
            closeables.add(mq);
            resources.createQueues(mq.client());
        } catch (IOException | RuntimeException failure) {
            close();
            throw failure instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) failure;
        }
        this.sqs = mq.client();
        this.billingJobQueue = mq.queueUrl("BillingJobQueue");
        this.paymentQueue = mq.queueUrl("PaymentQueue");
        this.deliveryEventQueue = mq.queueUrl("DeliveryEventQueue");
        this.deadLetterDesk = new DeadLetterDesk(mq, resources);
        try {
            this.time = new SimulatedTime(state, options.start());
            this.events = new LocalEvents(out.resolve("events.jsonl"), options.pdf(), state);
            this.outbox = new Outbox(out.resolve("outbox"), time::now,
                    body -> sqs.sendMessage(m -> m.queueUrl(deliveryEventQueue).messageBody(body)));
            this.workflows = new DunningWorkflows(
                    Engines.templatePath().getParent().resolve("statemachines/dunning.asl.json"), state, time::now);
            this.root = new Periodic(new LocalAdapters(dynamo.client(), BillingTable.LOGICAL_ID,
                    new SqsMessageQueue(sqs, billingJobQueue), new SqsMessageQueue(sqs, paymentQueue),
                    Secrets.of(options.stripeSecret()), LocalAdapters.standardConnectors(options.standardSecret()),
                    new DirectoryDocumentStore(out.resolve("documents")), events, outbox, workflows, time::now,
                    time::now, BillingCycle.DEFAULT_MAX_CATCH_UP, Secrets.of(state.hostedLinkKey()),
                    () -> hostedPageBaseUrl));
            this.functions = new LocalFunctions(root, dynamo, options.hooks(), closeables);
            workflows.connect(functions.dunningSteps);
            this.simulation = new Simulation(time, functions, new QueuePumps(sqs, options.hooks()), events, workflows,
                    root.store(), billingJobQueue, paymentQueue, deliveryEventQueue, options);
            simulation.exclusively(() -> {
                workflows.restore();
                events.loadPending();
                time.save();
                return simulation.settle(); // what a kill left on the queues, and workflow steps that fell due
            });
        } catch (RuntimeException failure) {
            close(); // the engines are running: stop them, the caller has nothing to close
            throw failure;
        }
    }

    /**
     * Deletes what a runner keeps in {@code outputDir} (its state, outbox, documents, event log and report), so that
     * the next runner there starts empty. functions.log is kept (it is only ever appended to).
     */
    public static void wipe(Path outputDir) {
        StateFiles.wipe(outputDir);
    }

    /** Whether this system continued from state a previous runner left in its folder. */
    public boolean resumed() {
        return time.resumed();
    }

    public Instant now() {
        return time.now();
    }

    /** The store of the composition root the functions share. */
    public BillingStore store() {
        return root.store();
    }

    public Path outputDir() {
        return options.outputDir();
    }

    /** The mails in the outbox folder (after a restart too), oldest first. */
    public List<SentMail> outbox() {
        return outbox.sent();
    }

    public List<LocalStateMachine.ExecutionView> workflows() {
        return workflows.executions();
    }

    /** Runs every function's SnapStart priming, as before a snapshot (it must write and send nothing). */
    public void primeAll() {
        simulation.exclusively(() -> {
            functions.primeAll();
            return null;
        });
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
        return simulation.shared(() -> {
            APIGatewayV2HTTPResponse response = functions.api.handleRequest(event, null);
            simulation.documents(); // EventBridge's document rule, within seconds: done before the answer here
            return response;
        });
    }

    /** The local server's address (the hosted page links in mails sent from now on start with it). */
    public void servedAt(String baseUrl) {
        hostedPageBaseUrl = baseUrl;
    }

    /** The public hosted invoice page ({@code /pay/...}): no credentials, like the deployed route. */
    public APIGatewayV2HTTPResponse hostedPage(APIGatewayV2HTTPEvent event) {
        return simulation.shared(() -> functions.page.handleRequest(event, null));
    }

    /** The webhook and bank-statement routes; the payments they enqueue are matched before the answer. */
    public APIGatewayV2HTTPResponse webhook(APIGatewayV2HTTPEvent event) {
        return simulation.shared(() -> {
            APIGatewayV2HTTPResponse response = functions.webhooks.handleRequest(event, null);
            simulation.settle();
            return response;
        });
    }

    // ---------------------------------------------------------------- dead-letter queues

    /**
     * Every dead-letter queue of the template with the messages on it, left there (looking counts as a receive, as
     * in SQS: each message's receive count goes up by one).
     */
    public List<DeadLetters> deadLetters() {
        return simulation.shared(deadLetterDesk::peek);
    }

    /**
     * Moves the messages of one dead-letter queue ({@code queue}), or of every one that has a source queue (null),
     * back to their source queue with a message move task, as {@code aws sqs start-message-move-task} does, then
     * runs them through their function before answering.
     *
     * @throws IllegalArgumentException if {@code queue} is not a dead-letter queue with a source queue
     */
    public List<Redriven> redrive(String queue) {
        List<StackResources.QueueDefinition> targets = deadLetterDesk.targets(queue);
        return simulation.shared(() -> {
            List<Redriven> done = deadLetterDesk.redrive(targets);
            simulation.settle();
            return done;
        });
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
        return simulation.advanceTo(target);
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
