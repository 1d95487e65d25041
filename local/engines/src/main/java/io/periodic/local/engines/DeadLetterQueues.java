package io.periodic.local.engines;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Working a dead-letter queue with the SQS API itself, the way a person does it in AWS (docs/operations.md): look at
 * the messages without deleting them, then move them back with a message move task ({@code StartMessageMoveTask},
 * the API behind the console's "Start DLQ redrive").
 */
public final class DeadLetterQueues {
    /** How long a looked-at message stays hidden if the looker dies before making it visible again. */
    static final int PEEK_VISIBILITY_SECONDS = 30;

    /** One message on a dead-letter queue. {@code receiveCount} is SQS's ApproximateReceiveCount after this look. */
    public record Message(String messageId, String body, Map<String, String> attributes,
            Map<String, String> messageAttributes, int receiveCount) {}

    /** What a redrive did: the task's handle, its final status and how many messages it moved. */
    public record Redrive(String taskHandle, String status, long moved) {}

    private DeadLetterQueues() {}

    /**
     * Every message on the queue, left on it: received (hidden for {@value #PEEK_VISIBILITY_SECONDS} s so that each
     * is seen once), then made visible again at once. As in SQS, looking counts as a receive (ApproximateReceiveCount
     * goes up by one). The caller must not let anything else receive from the queue meanwhile.
     */
    public static List<Message> peek(SqsClient sqs, String queueUrl) {
        Map<String, Message> seen = new LinkedHashMap<>();
        List<String> receipts = new ArrayList<>();
        try {
            while (true) {
                var messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                        .visibilityTimeout(PEEK_VISIBILITY_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                if (messages.isEmpty()) {
                    break;
                }
                for (var m : messages) {
                    receipts.add(m.receiptHandle());
                    Map<String, String> attributes = new LinkedHashMap<>();
                    m.attributesAsStrings().forEach(attributes::put);
                    Map<String, String> messageAttributes = new LinkedHashMap<>();
                    m.messageAttributes().forEach((k, v) -> messageAttributes.put(k, v.stringValue()));
                    int receives = Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "0"));
                    seen.putIfAbsent(m.messageId(), new Message(m.messageId(), m.body(), attributes,
                            messageAttributes, receives));
                }
            }
        } finally {
            for (int from = 0; from < receipts.size(); from += 10) {
                List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
                for (int i = from; i < Math.min(receipts.size(), from + 10); i++) {
                    entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + i)
                            .receiptHandle(receipts.get(i)).visibilityTimeout(0).build());
                }
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            }
        }
        return List.copyOf(seen.values());
    }

    /**
     * Moves every message of a dead-letter queue to {@code destinationArn}, or, when it is null, back to the queue
     * it was dead-lettered from, and waits until the move task has ended (at most {@code patience}).
     *
     * @throws IllegalStateException if the task has not ended within {@code patience}
     */
    public static Redrive redrive(SqsClient sqs, String deadLetterQueueArn, String destinationArn,
            Duration patience) {
        String handle = sqs.startMessageMoveTask(b -> b.sourceArn(deadLetterQueueArn)
                .destinationArn(destinationArn)).taskHandle();
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            ListMessageMoveTasksResultEntry task = sqs.listMessageMoveTasks(b -> b.sourceArn(deadLetterQueueArn)
                    .maxResults(10)).results().stream().filter(t -> handle.equals(t.taskHandle())).findFirst()
                    .orElse(null);
            if (task != null && !"RUNNING".equals(task.status())) {
                long moved = task.approximateNumberOfMessagesMoved() == null ? 0
                        : task.approximateNumberOfMessagesMoved();
                return new Redrive(handle, task.status(), moved);
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("the message move task " + handle + " from " + deadLetterQueueArn
                        + " has not ended after " + patience);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a message move task", e);
            }
        }
    }
}
