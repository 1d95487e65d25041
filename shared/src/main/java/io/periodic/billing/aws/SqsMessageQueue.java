package io.periodic.billing.aws;

import io.periodic.billing.ports.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * A queue on SQS: {@code SendMessageBatch} of up to 10. SQS reports per-entry failures inside a successful
 * response; those are retried once and then raised, so the caller fails visibly (the scheduler's run is retried,
 * a webhook is not acknowledged and its sender retries) instead of dropping messages.
 */
public final class SqsMessageQueue implements MessageQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMessageQueue(SqsClient sqs, String queueUrl) {
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
                            + " messages: " + response.failed().get(0).message());
                }
                List<String> failed = response.failed().stream().map(f -> f.id()).toList();
                entries = batch.stream().filter(e -> failed.contains(e.id())).toList();
            }
        }
    }
}
