package io.periodic.local.runner;

import com.amazonaws.services.lambda.runtime.Context;
import io.periodic.billing.service.DocumentRefresh;
import io.periodic.billing.service.InvoiceDelivery;
import io.periodic.billing.service.ReceiptMailing;
import io.periodic.billing.wiring.Periodic;
import io.periodic.functions.billingapi.BillingApi;
import io.periodic.functions.billingapi.BillingApiHandler;
import io.periodic.functions.deliveryevents.DeliveryEventsHandler;
import io.periodic.functions.dunningstarter.DunningStarterHandler;
import io.periodic.functions.dunningsteps.DunningStepsHandler;
import io.periodic.functions.invoicegenerator.InvoiceGeneratorHandler;
import io.periodic.functions.invoicepage.InvoicePageHandler;
import io.periodic.functions.invoicepdf.InvoicePdfHandler;
import io.periodic.functions.invoicescheduler.InvoiceSchedulerHandler;
import io.periodic.functions.paymentmatcher.PaymentMatcherHandler;
import io.periodic.functions.paymentwebhook.PaymentWebhookHandler;
import io.periodic.local.engines.DynamoDbLocalEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every function's real handler, each given its use case by the composition root as Lambda's would be: one root over
 * the local adapters, and a root of its own ({@link Periodic#withDynamo}) for a function whose DynamoDB client a test
 * intercepts ({@link LocalSystem.Hooks#dynamoInterceptors}); the two dunning functions share one.
 */
final class LocalFunctions {
    final InvoiceSchedulerHandler scheduler;
    final InvoiceGeneratorHandler generator;
    final PaymentWebhookHandler webhooks;
    final PaymentMatcherHandler matcher;
    final DunningStarterHandler dunningStarter;
    final DunningStepsHandler dunningSteps;
    final InvoicePdfHandler pdfs;
    /** The mails of issued documents when PDFs are off (with PDFs on, {@link #pdfs} sends them). */
    final InvoiceDelivery delivery;
    final ReceiptMailing receipts;
    final BillingApiHandler api;
    final DeliveryEventsHandler deliveryEvents;
    final InvoicePageHandler page;

    private final Periodic root;
    private final DynamoDbLocalEngine dynamo;
    private final LocalSystem.Hooks hooks;
    private final List<AutoCloseable> closeables;
    private final Map<String, Periodic> roots = new HashMap<>();

    LocalFunctions(Periodic root, DynamoDbLocalEngine dynamo, LocalSystem.Hooks hooks,
            List<AutoCloseable> closeables) {
        this.root = root;
        this.dynamo = dynamo;
        this.hooks = hooks;
        this.closeables = closeables;
        this.scheduler = new InvoiceSchedulerHandler(rootFor("invoice-scheduler").dueSubscriptionSweep());
        this.generator = new InvoiceGeneratorHandler(rootFor("invoice-generator").invoiceIssuing());
        this.webhooks = new PaymentWebhookHandler(rootFor("payment-webhook").paymentIntake());
        this.matcher = new PaymentMatcherHandler(rootFor("payment-matcher").paymentService());
        this.dunningSteps = new DunningStepsHandler(rootFor("dunning").dunningService());
        this.dunningStarter = new DunningStarterHandler(rootFor("dunning").dunningStarter());
        this.delivery = root.invoiceDelivery();
        this.receipts = root.receiptMailing();
        this.pdfs = new InvoicePdfHandler(root.documents(), invoiceId -> root.documentRefresh().refresh(invoiceId),
                delivery, receipts);
        this.api = new BillingApiHandler(BillingApi.over(rootFor("billing-api")));
        this.deliveryEvents = new DeliveryEventsHandler(rootFor("delivery-events").deliveryFeedback());
        this.page = new InvoicePageHandler(rootFor("invoice-page").hostedInvoicePage());
    }

    /** The root of one function: the shared one, or its own when a test intercepts its DynamoDB client. */
    private Periodic rootFor(String function) {
        return roots.computeIfAbsent(function, f -> {
            List<ExecutionInterceptor> interceptors = hooks.dynamoInterceptors(f);
            if (interceptors == null || interceptors.isEmpty()) {
                return root;
            }
            DynamoDbClient client = dynamo.clientBuilder()
                    .overrideConfiguration(c -> interceptors.forEach(c::addExecutionInterceptor)).build();
            closeables.add(client);
            return root.withDynamo(client);
        });
    }

    /** The invoice-pdf function's re-rendering of a paid or reopened invoice's document. */
    DocumentRefresh documentRefresh() {
        return root.documentRefresh();
    }

    /** Runs every function's SnapStart priming, as before a snapshot (it must write and send nothing). */
    void primeAll() {
        scheduler.prime();
        generator.prime();
        webhooks.prime();
        matcher.prime();
        dunningStarter.prime();
        dunningSteps.prime();
        pdfs.prime();
        api.prime();
        page.prime();
    }

    /** One run of the invoice schedule (EventBridge Scheduler's input). */
    void runScheduler() {
        invokeStream(scheduler::handleRequest, "{\"trigger\":\"schedule\",\"schedule\":\"EveryQuarterHour\"}");
    }

    /** One run of the daily dunning sweep. */
    void runDunningSweep() {
        invokeStream(dunningStarter::handleRequest, "{\"trigger\":\"schedule\",\"schedule\":\"DailyDunningSweep\"}");
    }

    private interface StreamFunction {
        void handle(InputStream in, OutputStream out, Context context) throws IOException;
    }

    private static void invokeStream(StreamFunction function, String input) {
        try {
            function.handle(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
