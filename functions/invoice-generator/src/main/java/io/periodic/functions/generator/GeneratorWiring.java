package io.periodic.functions.generator;

import io.periodic.billing.service.AfterFinalization;
import io.periodic.billing.service.InvoiceNotifications;

import io.periodic.billing.aws.AwsClients;
import io.periodic.billing.aws.EventBridgePublisher;
import io.periodic.billing.aws.S3DocumentStore;
import io.periodic.billing.aws.SesMailer;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.rendering.DocumentRenderer;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Builds the generator for Lambda from the environment the template sets; once per execution environment. */
final class GeneratorWiring {
    private GeneratorWiring() {}

    static InvoiceGenerator fromEnvironment() {
        BillingStore store = new BillingStore(AwsClients.build(DynamoDbClient.builder()), AwsClients.env("TABLE_NAME"));
        AfterFinalization after = new InvoiceNotifications(new DocumentRenderer(),
                new S3DocumentStore(AwsClients.build(S3Client.builder()), AwsClients.env("DOCUMENT_BUCKET"),
                        AwsClients.env("DOCUMENT_LINK_BASE_URL")),
                new EventBridgePublisher(AwsClients.build(EventBridgeClient.builder()), AwsClients.env("EVENT_BUS_NAME")),
                new SesMailer(AwsClients.build(SesV2Client.builder()), AwsClients.env("SENDER_EMAIL"),
                        System.getenv("SES_CONFIGURATION_SET")));
        int maxCatchUp = Optional.ofNullable(System.getenv("MAX_CATCH_UP_PERIODS")).map(Integer::parseInt)
                .orElse(BillingCycle.DEFAULT_MAX_CATCH_UP);
        return new InvoiceGenerator(store, after, Clock.system(), maxCatchUp);
    }
}
