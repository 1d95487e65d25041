package io.periodic.billing.aws;

import io.periodic.billing.ports.NotificationQueue;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The payment queue on SQS: {@code SendMessageBatch} of up to 10, failed entries retried once, then an exception
 * (so the webhook is not acknowledged and the sender retries).
 */
public final class SqsNotificationQueue implements NotificationQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsNotificationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void sendAll(List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<String> chunk = bodies.subList(from, Math.min(bodies.size(), from + 10));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(chunk.get(i))
                        .build());
            }
            for (int attempt = 1; !entries.isEmpty(); attempt++) {
                List<SendMessageBatchRequestEntry> batch = entries;
                SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(batch));
                if (response.failed().isEmpty()) {
                    break;
                }
                if (attempt >= 2) {
                    throw new IllegalStateException("SQS refused " + response.failed().size()
                            + " payment notifications: " + response.failed().get(0).message());
                }
                List<String> failed = response.failed().stream().map(f -> f.id()).toList();
                entries = batch.stream().filter(e -> failed.contains(e.id())).toList();
            }
        }
    }
}
