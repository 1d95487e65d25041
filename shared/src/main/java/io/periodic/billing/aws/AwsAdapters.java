package io.periodic.billing.aws;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The outbound adapters of a function — documents in S3, events on the bus, mail through SES — wired from the
 * environment the template sets. Their clients are built on first use ({@link AwsClients#lazy}), so a cold path
 * that stores, publishes and mails nothing (most API requests, a dunning "plan" step) does not pay for them; under
 * SnapStart, priming builds them before the snapshot.
 */
public record AwsAdapters(S3DocumentStore documents, EventBridgePublisher events, SesMailer mailer) {
    public static AwsAdapters fromEnvironment() {
        return new AwsAdapters(
                new S3DocumentStore(AwsClients.lazy(() -> AwsClients.build(S3Client.builder())),
                        AwsClients.env("DOCUMENT_BUCKET"), AwsClients.env("DOCUMENT_LINK_BASE_URL")),
                new EventBridgePublisher(AwsClients.lazy(() -> AwsClients.build(EventBridgeClient.builder())),
                        AwsClients.env("EVENT_BUS_NAME")),
                new SesMailer(AwsClients.lazy(() -> AwsClients.build(SesV2Client.builder())),
                        AwsClients.env("SENDER_EMAIL"), System.getenv("SES_CONFIGURATION_SET")));
    }
}
