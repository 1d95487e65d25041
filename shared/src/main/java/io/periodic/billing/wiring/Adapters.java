package io.periodic.billing.wiring;

import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.ports.EventPublisher;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.ports.MessageQueue;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.ports.WorkflowStarter;
import java.time.InstantSource;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where {@link Periodic} gets what lies outside the code: in AWS the services the template gives a function
 * ({@link AwsEnvironment}, from its environment variables), in the local runner the engines and folders. Each
 * method is called at most once per root, and only when a use case that needs it is built, so a method may fail
 * for a function that lacks its configuration without harming the others.
 */
public interface Adapters {
    /** The DynamoDB client of the billing table ({@code TABLE_NAME}). */
    DynamoDbClient dynamo();

    String tableName();

    /** The billing-job queue the invoice schedule feeds ({@code BILLING_JOB_QUEUE_URL}). */
    MessageQueue billingJobQueue();

    /** The payment queue the intake feeds ({@code PAYMENT_QUEUE_URL}). */
    MessageQueue paymentQueue();

    /** The Stripe endpoint's signing secrets ({@code STRIPE_SECRETS_PARAMETER}). */
    Secrets stripeSecrets();

    /** The Standard Webhooks connectors ({@code STANDARD_WEBHOOK_SECRETS_PARAMETER}). */
    ConnectorSecrets standardConnectors();

    /**
     * The keys that sign the hosted invoice page links, current first, then the previous one during a rotation
     * ({@code HOSTED_LINK_KEYS_PARAMETER}, an SSM SecureString read on first use and cached five minutes).
     */
    Secrets hostedLinkKeys();

    /** The public address the hosted invoice page links start with ({@code HOSTED_PAGE_BASE_URL}). */
    Supplier<String> hostedPageBaseUrl();

    /** Stored documents ({@code DOCUMENT_BUCKET}, {@code DOCUMENT_LINK_BASE_URL}). */
    DocumentStore documents();

    /** Domain events ({@code EVENT_BUS_NAME}). */
    EventPublisher events();

    /** Mail to customers ({@code SENDER_EMAIL}, {@code SES_CONFIGURATION_SET}). */
    Mailer mailer();

    /** The dunning workflows ({@code DUNNING_STATE_MACHINE_ARN}). */
    WorkflowStarter dunningWorkflows();

    /** The time billing runs on. */
    Clock clock();

    /** The same time as an {@link InstantSource}, for code that takes a {@code java.time.Clock} (webhook checks). */
    InstantSource wallClock();

    /** How many missed periods one billing job invoices at most ({@code MAX_CATCH_UP_PERIODS}). */
    int maxCatchUpPeriods();
}
