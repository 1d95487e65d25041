package io.periodic.billing.testing;

import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.ports.EventPublisher;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.ports.MessageQueue;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.ports.WorkflowStarter;
import io.periodic.billing.wiring.Adapters;
import io.periodic.billing.wiring.Periodic;
import java.time.InstantSource;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The adapters a test gives the composition root: a DynamoDB client (DynamoDB Local, or one with interceptors) and
 * whichever other parts the test uses; a part it does not set is null, as the use case's constructor would have
 * been given by hand. {@link #root()} builds the {@link Periodic} over them.
 */
public final class TestAdapters implements Adapters {
    private final DynamoDbClient dynamo;
    private String tableName = BillingTable.LOGICAL_ID;
    private Clock clock = Clock.system();
    private DocumentStore documents;
    private EventPublisher events;
    private Mailer mailer;
    private MessageQueue billingJobQueue;
    private MessageQueue paymentQueue;
    private Secrets stripeSecrets;
    private ConnectorSecrets standardConnectors;
    private WorkflowStarter dunningWorkflows;
    private Secrets hostedLinkKeys = Secrets.of(HOSTED_LINK_KEY);
    private String hostedPageBaseUrl = HOSTED_PAGE_BASE_URL;
    private int maxCatchUpPeriods = BillingCycle.DEFAULT_MAX_CATCH_UP;

    /** The hosted link key the tests sign with unless they set their own. */
    public static final String HOSTED_LINK_KEY = "test-hosted-link-key-0123456789abcdef";
    public static final String HOSTED_PAGE_BASE_URL = "https://pay.example.test";

    public TestAdapters(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public Periodic root() {
        return new Periodic(this);
    }

    public TestAdapters tableName(String value) {
        tableName = value;
        return this;
    }

    public TestAdapters clock(Clock value) {
        clock = value;
        return this;
    }

    public TestAdapters documents(DocumentStore value) {
        documents = value;
        return this;
    }

    public TestAdapters events(EventPublisher value) {
        events = value;
        return this;
    }

    public TestAdapters mailer(Mailer value) {
        mailer = value;
        return this;
    }

    public TestAdapters billingJobQueue(MessageQueue value) {
        billingJobQueue = value;
        return this;
    }

    public TestAdapters paymentQueue(MessageQueue value) {
        paymentQueue = value;
        return this;
    }

    public TestAdapters secrets(Secrets stripe, ConnectorSecrets standard) {
        stripeSecrets = stripe;
        standardConnectors = standard;
        return this;
    }

    public TestAdapters hostedLinks(Secrets keys, String baseUrl) {
        hostedLinkKeys = keys;
        hostedPageBaseUrl = baseUrl;
        return this;
    }

    @Override
    public Secrets hostedLinkKeys() {
        return hostedLinkKeys;
    }

    @Override
    public Supplier<String> hostedPageBaseUrl() {
        String base = hostedPageBaseUrl;
        return () -> base;
    }

    public TestAdapters dunningWorkflows(WorkflowStarter value) {
        dunningWorkflows = value;
        return this;
    }

    public TestAdapters maxCatchUpPeriods(int value) {
        maxCatchUpPeriods = value;
        return this;
    }

    @Override
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    @Override
    public String tableName() {
        return tableName;
    }

    @Override
    public MessageQueue billingJobQueue() {
        return billingJobQueue;
    }

    @Override
    public MessageQueue paymentQueue() {
        return paymentQueue;
    }

    @Override
    public Secrets stripeSecrets() {
        return stripeSecrets;
    }

    @Override
    public ConnectorSecrets standardConnectors() {
        return standardConnectors;
    }

    @Override
    public DocumentStore documents() {
        return documents;
    }

    @Override
    public EventPublisher events() {
        return events;
    }

    @Override
    public Mailer mailer() {
        return mailer;
    }

    @Override
    public WorkflowStarter dunningWorkflows() {
        return dunningWorkflows;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public InstantSource wallClock() {
        Clock c = clock;
        return c::now;
    }

    @Override
    public int maxCatchUpPeriods() {
        return maxCatchUpPeriods;
    }
}
