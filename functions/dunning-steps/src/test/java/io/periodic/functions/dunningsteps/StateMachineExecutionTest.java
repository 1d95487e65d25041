package io.periodic.functions.dunningsteps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.dunning.LateFees;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.Email;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.DunningService;
import io.periodic.billing.service.InvoiceNotifications;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.Engines;
import io.periodic.local.engines.LocalStateMachine;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * statemachines/dunning.asl.json executed by aws-local-stepfunctions (Node 22, installed by the build) with every
 * Task calling a local HTTP endpoint that serves the real {@link DunningStepsHandler} on DynamoDB Local. Waits
 * take no time: the endpoint moves the handler's clock to each planned instant, as the Wait state would.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class StateMachineExecutionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DynamoDbLocalEngine engine;
    private final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-11-20T00:00:00Z"));
    private final List<Email> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger mailFailures = new AtomicInteger();
    private volatile BiConsumer<String, JsonNode> beforeStep = (action, input) -> { };
    private final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private DunningStepsHandler handler;
    private BillingStore store;
    private HttpServer server;
    private String prefix;

    StateMachineExecutionTest(DynamoDbLocalEngine engine) {
        this.engine = engine;
    }

    @BeforeEach
    void start() throws Exception {
        store = new BillingStore(engine.client(), BillingTable.LOGICAL_ID);
        prefix = "M" + Ids.randomLetters(7);
        store.settings().putSeller(new SellerProfile("Seller KK", new Address("1", null, null, "Tokyo", null, "JP"),
                "billing@seller.example", null, null, null,
                new SellerProfile.BankAccount("Bank", "Seller KK", null, null, "1234567", null), null, prefix, null));
        Path out = Files.createTempDirectory("sfn");
        JsonLinesEventLog events = new JsonLinesEventLog(out.resolve("events.jsonl"));
        handler = new DunningStepsHandler(new DunningService(store, new InvoiceNotifications(
                new DocumentRenderer(), new DirectoryDocumentStore(out.resolve("documents")), events),
                email -> {
                    if (mailFailures.getAndDecrement() > 0) {
                        throw new IllegalStateException("SES throttled");
                    }
                    sent.add(email);
                }, events, clock::get));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/invoke", exchange -> {
            byte[] response;
            int status = 200;
            try {
                JsonNode input = JSON.readTree(exchange.getRequestBody());
                calls.computeIfAbsent(input.path("action").asText() + ":" + input.path("step").asText(""),
                        k -> new AtomicInteger()).incrementAndGet();
                order.add(input.path("action").asText() + ":" + input.path("step").asText(""));
                beforeStep.accept(input.path("action").asText(), input);
                @SuppressWarnings("unchecked")
                Map<String, Object> result = handler.handleRequest(JSON.convertValue(input, Map.class), null);
                if (result.get("next") instanceof Map<?, ?> next) {
                    clock.set(Instant.parse((String) next.get("at"))); // what the Wait state does
                }
                response = JSON.writeValueAsBytes(result);
            } catch (RuntimeException e) {
                status = 500;
                response = JSON.writeValueAsBytes(Map.of("errorType", e.getClass().getSimpleName(),
                        "errorMessage", String.valueOf(e.getMessage())));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private record Case(Customer customer, Subscription subscription, Invoice invoice) {}

    private Case overdue() {
        Customer customer = store.customers().create(new Customer(Ids.newId("cus"), "Minato " + prefix,
                prefix.toLowerCase(Locale.ROOT) + "@minato.example", Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"),
                Locale.JAPAN, 30, TaxRate.ZERO, null, new Address("1", null, null, "Tokyo", null, "JP"), clock.get(),
                null));
        Subscription subscription = store.subscriptions().create(new Subscription(Ids.newId("sub"), customer.id(),
                List.of(new SubscriptionItem("price_x", 1)), LocalDate.of(2026, 11, 1), BillingInterval.monthly(),
                SubscriptionStatus.ACTIVE, false, null, 1, null, null, List.of(), clock.get(), null));
        Money net = Money.of(20_000, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), subscription.id(),
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), null, null, null, clock.get(), null, null));
        Finalization.Decision decision = Finalization.plan(draft,
                store.invoices().sequence(Finalization.seriesOf(draft, prefix)),
                store.credit().balance(customer.id(), customer.currency()), clock.get());
        return new Case(customer, subscription,
                store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null));
    }

    private JsonNode execute(Case c) throws Exception {
        Path statemachines = Engines.templatePath().resolveSibling("statemachines");
        Process install = new ProcessBuilder("bash", statemachines.resolve("install.sh").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String node = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, install.waitFor());
        Process run = new ProcessBuilder(node, statemachines.resolve("run-local.mjs").toString(),
                statemachines.resolve("dunning.asl.json").toString(),
                "http://127.0.0.1:" + server.getAddress().getPort() + "/invoke",
                "{\"invoiceId\":\"" + c.invoice().id() + "\"}")
                .directory(statemachines.toFile()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(2, TimeUnit.MINUTES));
        List<String> lines = new ArrayList<>(output.lines().toList());
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void neverPaysFullEscalationOneLateFeeAndSuspension() throws Exception {
        Case c = overdue();
        clock.set(Instant.parse("2026-12-02T00:00:00Z")); // started as the daily sweep starts it: once overdue
        JsonNode result = execute(c);
        assertEquals("SUCCEEDED", result.path("status").asText(), result.toString());
        assertEquals("ESCALATED", result.path("output").path("state").path("outcome").asText());
        assertEquals(5, sent.size(), "one message per step after the due date");
        assertEquals(Money.of(300, "JPY"),
                store.invoices().get(LateFees.feeInvoiceId(c.invoice().id())).orElseThrow().total());
        assertEquals(SubscriptionStatus.SUSPENDED,
                store.subscriptions().get(c.subscription().id()).orElseThrow().status());
        assertEquals(18, result.path("transitions").asInt(), "Plan, Finished?, 5 x (Wait, Act, Finished?), Stopped");
    }

    @Test
    void paysAfterTheFirstReminderAndTheWorkflowStopsWithoutFee() throws Exception {
        Case c = overdue();
        beforeStep = (action, input) -> {
            if ("act".equals(action) && "FRIENDLY".equals(input.path("step").asText())) {
                Invoice current = store.invoices().get(c.invoice().id()).orElseThrow();
                store.invoices().update(current.withPayment(current.total(), InvoiceStatus.PAID));
            }
        };
        JsonNode result = execute(c);
        assertEquals("RECOVERED", result.path("output").path("state").path("outcome").asText(), result.toString());
        assertEquals(1, sent.size(), "only the courtesy notice went out");
        assertTrue(store.invoices().get(LateFees.feeInvoiceId(c.invoice().id())).isEmpty());
        assertEquals(9, result.path("transitions").asInt(), "courtesy sent in the workflow, paid before the friendly reminder");
    }

    @Test
    void aStepFailingTwiceThenSucceedingSendsOneReminder() throws Exception {
        Case c = overdue();
        beforeStep = (action, input) -> {
            if ("act".equals(action) && "FRIENDLY".equals(input.path("step").asText())) {
                if (failuresArmed.compareAndSet(false, true)) {
                    mailFailures.set(2); // the friendly reminder's mail fails twice, then goes out
                }
            }
            if ("act".equals(action) && "FIRM".equals(input.path("step").asText())) {
                Invoice current = store.invoices().get(c.invoice().id()).orElseThrow();
                store.invoices().update(current.withStatus(InvoiceStatus.VOID));
            }
        };
        JsonNode result = execute(c);
        assertEquals("CANCELLED", result.path("output").path("state").path("outcome").asText(), result.toString());
        assertEquals(2, sent.size(), "courtesy and ONE friendly reminder, although its step failed twice");
        assertEquals(3, calls.get("act:FRIENDLY").get(), "the state machine's Retry called the step three times");
    }

    @Test
    void aPartialPaymentContinuesWithTheRemainder() throws Exception {
        Case c = overdue();
        clock.set(Instant.parse("2026-12-02T00:00:00Z"));
        beforeStep = (action, input) -> {
            if ("act".equals(action) && "FIRM".equals(input.path("step").asText())) {
                Invoice current = store.invoices().get(c.invoice().id()).orElseThrow();
                if (current.amountPaid().isZero()) {
                    store.invoices().update(current.withPayment(Money.of(5_000, "JPY"), InvoiceStatus.OPEN));
                }
            }
        };
        JsonNode result = execute(c);
        assertEquals("ESCALATED", result.path("output").path("state").path("outcome").asText(), result.toString());
        assertTrue(sent.get(1).textBody().contains("¥15,000"), "the firm reminder names the remainder");
        assertEquals(Money.of(225, "JPY"),
                store.invoices().get(LateFees.feeInvoiceId(c.invoice().id())).orElseThrow().total(),
                "the fee is on what is still due");
    }

    /**
     * The local runner drives this definition with {@link LocalStateMachine} (it follows a simulated clock, which
     * aws-local-stepfunctions cannot). Both must take the same path: the same Task calls in the same order, the
     * same outcome and the same number of state transitions.
     */
    @Test
    void theLocalRunnersDriverTakesExactlyTheStepsAwsLocalStepFunctionsTakes() throws Exception {
        Case first = overdue();
        clock.set(Instant.parse("2026-12-02T00:00:00Z"));
        JsonNode reference = execute(first);
        List<String> referenceOrder = List.copyOf(order);

        order.clear();
        sent.clear();
        Case second = overdue();
        clock.set(Instant.parse("2026-12-02T00:00:00Z"));
        LocalStateMachine driver = LocalStateMachine.load(
                Engines.templatePath().resolveSibling("statemachines").resolve("dunning.asl.json"),
                Map.of("DunningStepsFunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:dunning-steps"),
                (resource, parameters) -> {
                    order.add(parameters.path("action").asText() + ":" + parameters.path("step").asText(""));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> input = JSON.convertValue(parameters, Map.class);
                    return JSON.valueToTree(handler.handleRequest(input, null));
                });
        assertTrue(driver.start("dunning-" + second.invoice().id(), "{\"invoiceId\":\"" + second.invoice().id()
                + "\"}", clock.get()));
        driver.runDue(clock.get());
        for (int wakeUps = 0; wakeUps < 20 && driver.nextWakeUp().isPresent(); wakeUps++) {
            clock.set(driver.nextWakeUp().get());
            driver.runDue(clock.get());
        }
        LocalStateMachine.ExecutionView local = driver.execution("dunning-" + second.invoice().id()).orElseThrow();

        assertEquals(referenceOrder, order, "the same Task calls in the same order");
        assertEquals("SUCCEEDED", local.status().name());
        assertEquals(reference.path("output").path("state").path("outcome").asText(),
                local.output().path("state").path("outcome").asText());
        assertEquals(reference.path("transitions").asInt(), local.transitions(), "the same state transitions");
    }

    private final java.util.concurrent.atomic.AtomicBoolean failuresArmed = new java.util.concurrent.atomic.AtomicBoolean();
}
