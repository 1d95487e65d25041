package io.periodic.local.engines;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Delivers queued messages to an SQS-triggered function as Lambda's event source mapping does: up to 10 messages per
 * event, and only those the function did not report in {@code batchItemFailures} are deleted; the others become
 * visible again (after {@code visibilityTimeout} seconds) until the queue's redrive policy dead-letters them. Used
 * by the local runner and by tests that drive the real handlers through ElasticMQ.
 */
public final class SqsDelivery {
    /** What one poll did: the messages delivered and the ids the function reported as failed. */
    public record Poll(List<Message> messages, Set<String> failed) {
        public boolean empty() {
            return messages.isEmpty();
        }
    }

    private SqsDelivery() {}

    /** One poll; {@code visibilityTimeout} null keeps the queue's own. */
    public static Poll once(SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> function,
            Integer visibilityTimeout) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(0).visibilityTimeout(visibilityTimeout)).messages();
        if (messages.isEmpty()) {
            return new Poll(List.of(), Set.of());
        }
        SQSBatchResponse response = function.apply(event(messages));
        Set<String> failed = response.getBatchItemFailures() == null ? Set.of() : response.getBatchItemFailures()
                .stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        return new Poll(messages, failed);
    }

    /** The SQS event Lambda builds from received messages. */
    public static SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setEventSource("aws:sqs");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
