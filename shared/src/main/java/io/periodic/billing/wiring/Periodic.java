package io.periodic.billing.wiring;

import io.periodic.billing.links.HostedLinks;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.ports.EventPublisher;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.rendering.HostedPages;
import io.periodic.billing.service.AccountService;
import io.periodic.billing.service.CorrectionService;
import io.periodic.billing.service.DeliveryFeedback;
import io.periodic.billing.service.DocumentRefresh;
import io.periodic.billing.service.DueSubscriptionSweep;
import io.periodic.billing.service.DunningService;
import io.periodic.billing.service.DunningStarter;
import io.periodic.billing.service.HostedInvoicePage;
import io.periodic.billing.service.IdempotentRequests;
import io.periodic.billing.service.InvoiceIssuing;
import io.periodic.billing.service.InvoiceDelivery;
import io.periodic.billing.service.InvoiceNotifications;
import io.periodic.billing.service.MailOnce;
import io.periodic.billing.service.StoredInvoiceDocuments;
import io.periodic.billing.service.InvoiceQueries;
import io.periodic.billing.service.PaymentIntake;
import io.periodic.billing.service.PaymentQueries;
import io.periodic.billing.service.PaymentService;
import io.periodic.billing.service.ReceiptMailing;
import io.periodic.billing.service.ReportService;
import io.periodic.billing.service.SettingsService;
import io.periodic.billing.service.SuppressingMailer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: the one place that builds the object graph - the store, the adapters, the use cases - for
 * every Lambda function ({@link #fromEnvironment()}, once per execution environment) and for the local runner
 * ({@link #Periodic(Adapters)} over its engines). A handler asks for the one use case it runs; the API's router
 * asks for its services.
 *
 * <p>Everything is built on first request and then kept: a getter builds only what its use case needs, and asks
 * {@link Adapters} only for those adapters, so a function builds no client, reads no environment variable and loads
 * no class of a use case it does not run (the webhook builds no S3, SES or EventBridge client and no document
 * renderer). The getters are synchronized: they run at init, not per request. {@link #built()} lists what was built,
 * in order, for the tests that hold the root to that.
 */
public final class Periodic {
    private static Periodic environment;

    private final Adapters adapters;
    private final DynamoDbClient dynamoOverride;
    private final List<String> built = new ArrayList<>();

    private BillingStore store;
    private Clock clock;
    private DocumentStore documents;
    private EventPublisher events;
    private Mailer mailer;
    private DocumentRenderer renderer;
    private HostedLinks hostedLinks;
    private HostedInvoicePage hostedInvoicePage;
    private InvoiceNotifications notifications;
    private DocumentRefresh documentRefresh;
    private InvoiceDelivery invoiceDelivery;
    private ReceiptMailing receiptMailing;
    private InvoiceIssuing invoiceIssuing;
    private DueSubscriptionSweep dueSubscriptionSweep;
    private PaymentIntake paymentIntake;
    private PaymentService paymentService;
    private DunningService dunningService;
    private DunningStarter dunningStarter;
    private AccountService accounts;
    private InvoiceQueries invoiceQueries;
    private CorrectionService corrections;
    private PaymentQueries paymentQueries;
    private ReportService reports;
    private SettingsService settings;
    private IdempotentRequests idempotentRequests;
    private DeliveryFeedback deliveryFeedback;

    /** A root over these adapters (the local runner's engines and folders, or a test's). */
    public Periodic(Adapters adapters) {
        this(adapters, null);
    }

    private Periodic(Adapters adapters, DynamoDbClient dynamoOverride) {
        this.adapters = adapters;
        this.dynamoOverride = dynamoOverride;
    }

    /** The root of this execution environment, from the variables the template sets: built once, then shared. */
    public static synchronized Periodic fromEnvironment() {
        if (environment == null) {
            environment = from(System.getenv());
        }
        return environment;
    }

    /** A new root over AWS, configured by {@code env} as a function's environment variables would. */
    public static Periodic from(Map<String, String> env) {
        return new Periodic(new AwsEnvironment(env));
    }

    /**
     * A root that shares the adapters (and so, where they return shared instances, the queues, documents, outbox
     * and clock) but reaches the table through {@code dynamo}: the local runner gives a function a client with its
     * own interceptors (a simulated outage of one function's database).
     */
    public Periodic withDynamo(DynamoDbClient dynamo) {
        return new Periodic(adapters, dynamo);
    }

    /** What this root built so far, in order (a part's name, e.g. {@code store}, {@code paymentIntake}). */
    public synchronized List<String> built() {
        return List.copyOf(built);
    }

    private <T> T note(String part, T value) {
        built.add(part);
        return value;
    }

    // ---------------------------------------------------------------- parts

    public synchronized BillingStore store() {
        if (store == null) {
            DynamoDbClient dynamo = dynamoOverride != null ? dynamoOverride : note("dynamo", adapters.dynamo());
            store = note("store", new BillingStore(dynamo, adapters.tableName()));
        }
        return store;
    }

    public synchronized Clock clock() {
        if (clock == null) {
            clock = note("clock", adapters.clock());
        }
        return clock;
    }

    public synchronized DocumentStore documents() {
        if (documents == null) {
            documents = note("documents", adapters.documents());
        }
        return documents;
    }

    public synchronized EventPublisher events() {
        if (events == null) {
            events = note("events", adapters.events());
        }
        return events;
    }

    /** Mail to customers, behind the delivery-status check (no mail to a hard-bounced or complained address). */
    public synchronized Mailer mailer() {
        if (mailer == null) {
            mailer = new SuppressingMailer(note("mailer", adapters.mailer()), deliveryFeedback());
        }
        return mailer;
    }

    public synchronized DocumentRenderer renderer() {
        if (renderer == null) {
            // The seller's logo is read from the document store when a document first needs it (docs/branding.md).
            renderer = note("renderer", new DocumentRenderer(this::storedLogo));
        }
        return renderer;
    }

    private byte[] storedLogo(String key) {
        return documents().get(key);
    }

    /** The signed links to hosted invoice pages (the keys are read from SSM on first use, not here). */
    public synchronized HostedLinks hostedLinks() {
        if (hostedLinks == null) {
            hostedLinks = note("hostedLinks", new HostedLinks(adapters.hostedLinkKeys(), adapters.hostedPageBaseUrl()));
        }
        return hostedLinks;
    }

    /**
     * Documents stored and events published once an invoice or credit note is final (the PDF function mails); the
     * link the mails about an invoice carry (the hosted page).
     */
    public synchronized InvoiceNotifications notifications() {
        if (notifications == null) {
            notifications = note("notifications",
                    new InvoiceNotifications(renderer(), documents(), events(), hostedLinks()));
        }
        return notifications;
    }

    /**
     * invoice-pdf: mails an issued invoice or credit note with its PDF, once. The mailer (and its SES client) is
     * built on the first mail, not at init: a re-render of a paid or void document sends none.
     */
    public synchronized InvoiceDelivery invoiceDelivery() {
        if (invoiceDelivery == null) {
            invoiceDelivery = note("invoiceDelivery", new InvoiceDelivery(store(), documents(),
                    new MailOnce(store(), email -> mailer().send(email), clock()), hostedLinks()));
        }
        return invoiceDelivery;
    }

    /**
     * invoice-pdf, on payment.applied: the customers' payment confirmations, once per (payment, invoice). The
     * mailer (and its SES client) is built on the first receipt.
     */
    public synchronized ReceiptMailing receiptMailing() {
        if (receiptMailing == null) {
            receiptMailing = note("receiptMailing", new ReceiptMailing(store(),
                    new MailOnce(store(), email -> mailer().send(email), clock())));
        }
        return receiptMailing;
    }

    /** invoice-pdf, on invoice.paid / invoice.reopened: re-renders the stored document of the invoice. */
    public synchronized DocumentRefresh documentRefresh() {
        if (documentRefresh == null) {
            documentRefresh = note("documentRefresh", new StoredInvoiceDocuments(store(), renderer(), documents()));
        }
        return documentRefresh;
    }

    // ---------------------------------------------------------------- use cases

    /** invoice-generator: compose, finalise, notify, advance one subscription. */
    public synchronized InvoiceIssuing invoiceIssuing() {
        if (invoiceIssuing == null) {
            invoiceIssuing = note("invoiceIssuing", new InvoiceIssuing(store(), notifications(), clock(),
                    adapters.maxCatchUpPeriods()));
        }
        return invoiceIssuing;
    }

    /** invoice-scheduler: one billing job per subscription that fell due. */
    public synchronized DueSubscriptionSweep dueSubscriptionSweep() {
        if (dueSubscriptionSweep == null) {
            dueSubscriptionSweep = note("dueSubscriptionSweep",
                    new DueSubscriptionSweep(store(), note("billingJobQueue", adapters.billingJobQueue()), clock()));
        }
        return dueSubscriptionSweep;
    }

    /** payment-webhook: verify, record and enqueue a delivery. */
    public synchronized PaymentIntake paymentIntake() {
        if (paymentIntake == null) {
            paymentIntake = note("paymentIntake", new PaymentIntake(store(),
                    note("paymentQueue", adapters.paymentQueue()), note("stripeSecrets", adapters.stripeSecrets()),
                    note("standardConnectors", adapters.standardConnectors()),
                    note("wallClock", adapters.wallClock()).withZone(ZoneOffset.UTC)));
        }
        return paymentIntake;
    }

    /** payment-matcher, and the API's payment writes: match, apply, refund. */
    public synchronized PaymentService paymentService() {
        if (paymentService == null) {
            paymentService = note("paymentService", new PaymentService(store(), events(), clock()));
        }
        return paymentService;
    }

    /** dunning-steps: plan and act on one overdue invoice. */
    public synchronized DunningService dunningService() {
        if (dunningService == null) {
            dunningService = note("dunningService",
                    new DunningService(store(), notifications(), mailer(), events(), clock()));
        }
        return dunningService;
    }

    /** dunning-starter: the daily sweep that starts the workflows. */
    public synchronized DunningStarter dunningStarter() {
        if (dunningStarter == null) {
            dunningStarter = note("dunningStarter",
                    new DunningStarter(store(), dunningService(), note("dunningWorkflows", adapters.dunningWorkflows()),
                            clock()));
        }
        return dunningStarter;
    }

    /** invoice-page: the public hosted invoice page behind a signed link, its PDF, a fresh link by mail. */
    public synchronized HostedInvoicePage hostedInvoicePage() {
        if (hostedInvoicePage == null) {
            hostedInvoicePage = note("hostedInvoicePage", new HostedInvoicePage(store(), documents(), hostedLinks(),
                    new HostedPages(renderer()), mailer(), clock()));
        }
        return hostedInvoicePage;
    }

    /** billing-api: customers, plans, subscriptions. */
    public synchronized AccountService accounts() {
        if (accounts == null) {
            accounts = note("accounts", new AccountService(store(), clock()));
        }
        return accounts;
    }

    /** billing-api: invoices and their documents, read. */
    public synchronized InvoiceQueries invoiceQueries() {
        if (invoiceQueries == null) {
            invoiceQueries = note("invoiceQueries", new InvoiceQueries(store(), documents()));
        }
        return invoiceQueries;
    }

    /** billing-api: voids, credit notes, reissues. */
    public synchronized CorrectionService corrections() {
        if (corrections == null) {
            corrections = note("corrections", new CorrectionService(store(), notifications(), clock()));
        }
        return corrections;
    }

    /** billing-api: payments, unapplied cash and refunds, read. */
    public synchronized PaymentQueries paymentQueries() {
        if (paymentQueries == null) {
            paymentQueries = note("paymentQueries", new PaymentQueries(store()));
        }
        return paymentQueries;
    }

    /** billing-api: aging, collections and payment-behaviour reports. */
    public synchronized ReportService reports() {
        if (reports == null) {
            reports = note("reports", new ReportService(store()));
        }
        return reports;
    }

    /** billing-api: the seller's settings and numbering. */
    public synchronized SettingsService settings() {
        if (settings == null) {
            settings = note("settings", new SettingsService(store(), documents()));
        }
        return settings;
    }

    /** billing-api: the remembered POST requests behind {@code Idempotency-Key}. */
    public synchronized IdempotentRequests idempotentRequests() {
        if (idempotentRequests == null) {
            idempotentRequests = note("idempotentRequests", new IdempotentRequests(store()));
        }
        return idempotentRequests;
    }

    /** delivery-events, and the API's delivery problems: SES's feedback recorded, suppressed addresses listed. */
    public synchronized DeliveryFeedback deliveryFeedback() {
        if (deliveryFeedback == null) {
            deliveryFeedback = note("deliveryFeedback", new DeliveryFeedback(store(), clock()));
        }
        return deliveryFeedback;
    }
}
