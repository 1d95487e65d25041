package io.periodic.billing.wiring;

import io.periodic.billing.aws.AwsClients;
import io.periodic.billing.aws.EventBridgePublisher;
import io.periodic.billing.aws.S3DocumentStore;
import io.periodic.billing.aws.SesMailer;
import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.aws.SsmSecrets;
import io.periodic.billing.aws.StepFunctionsWorkflows;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.ports.EventPublisher;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.ports.MessageQueue;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.ports.WorkflowStarter;
import io.periodic.billing.webhooks.StandardConnectors;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The adapters of a Lambda function, from the environment variables its template entry sets. A variable is read
 * when the adapter that needs it is built, so a function never reads one it does not use. The S3, EventBridge and
 * SES clients are built on first use ({@link AwsClients#lazy}): a path that stores, publishes and mails nothing (most
 * API requests, a dunning "plan" step) does not pay for them; under SnapStart, priming builds them before the
 * snapshot. The clients of a function's own trigger path (DynamoDB, SQS, SSM, Step Functions) are built with it.
 */
final class AwsEnvironment implements Adapters {
    private final Map<String, String> env;
    private SsmClient ssm;

    AwsEnvironment(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public DynamoDbClient dynamo() {
        return AwsClients.build(DynamoDbClient.builder());
    }

    @Override
    public String tableName() {
        return required("TABLE_NAME");
    }

    @Override
    public MessageQueue billingJobQueue() {
        String url = required("BILLING_JOB_QUEUE_URL");
        return new SqsMessageQueue(AwsClients.build(SqsClient.builder()), url);
    }

    @Override
    public MessageQueue paymentQueue() {
        String url = required("PAYMENT_QUEUE_URL");
        // A Zengin file of 10,000 entries is 1,000 batches: sent 5 at a time, not one after the other.
        return new SqsMessageQueue(AwsClients.build(SqsClient.builder()), url,
                SqsMessageQueue.PAYMENT_QUEUE_PARALLELISM);
    }

    @Override
    public Secrets stripeSecrets() {
        return SsmSecrets.lines(ssm(), required("STRIPE_SECRETS_PARAMETER"))::get;
    }

    @Override
    public ConnectorSecrets standardConnectors() {
        return SsmSecrets.of(ssm(), required("STANDARD_WEBHOOK_SECRETS_PARAMETER"), StandardConnectors::parse)::get;
    }

    @Override
    public Secrets hostedLinkKeys() {
        return SsmSecrets.lines(ssm(), required("HOSTED_LINK_KEYS_PARAMETER"))::get;
    }

    @Override
    public Supplier<String> hostedPageBaseUrl() {
        String base = required("HOSTED_PAGE_BASE_URL");
        return () -> base;
    }

    @Override
    public DocumentStore documents() {
        String bucket = required("DOCUMENT_BUCKET");
        String links = required("DOCUMENT_LINK_BASE_URL");
        return new S3DocumentStore(AwsClients.lazy(() -> AwsClients.build(S3Client.builder())), bucket, links);
    }

    @Override
    public EventPublisher events() {
        String bus = required("EVENT_BUS_NAME");
        return new EventBridgePublisher(AwsClients.lazy(() -> AwsClients.build(EventBridgeClient.builder())), bus);
    }

    @Override
    public Mailer mailer() {
        String sender = required("SENDER_EMAIL");
        return new SesMailer(AwsClients.lazy(() -> AwsClients.build(SesV2Client.builder())), sender,
                env.get("SES_CONFIGURATION_SET"));
    }

    @Override
    public WorkflowStarter dunningWorkflows() {
        String stateMachine = required("DUNNING_STATE_MACHINE_ARN");
        return new StepFunctionsWorkflows(AwsClients.build(SfnClient.builder()), stateMachine);
    }

    @Override
    public Clock clock() {
        return Clock.system();
    }

    @Override
    public InstantSource wallClock() {
        return InstantSource.system();
    }

    @Override
    public int maxCatchUpPeriods() {
        String value = env.get("MAX_CATCH_UP_PERIODS");
        return value == null ? BillingCycle.DEFAULT_MAX_CATCH_UP : Integer.parseInt(value);
    }

    /** One SSM client for the webhook secrets and the link keys (read on first use, never at init: see SsmSecrets). */
    private SsmClient ssm() {
        if (ssm == null) {
            ssm = AwsClients.build(SsmClient.builder());
        }
        return ssm;
    }

    /** A variable the template sets, or a clear error naming it. */
    private String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
