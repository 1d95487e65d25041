package io.periodic.functions.scheduler;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@code SendMessageBatch} of up to 10 jobs. SQS reports per-entry failures inside a successful response; those are
 * retried once and then raised, so the run fails visibly (and the schedule's retry policy runs it again) instead of
 * silently dropping jobs. A job lost anyway is not lost work: its subscription stays due in the index.
 */
public final class SqsJobQueue implements JobQueue {
    public static final int MAX_BATCH = 10;
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsJobQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void sendBatch(List<String> bodies) {
        if (bodies.size() > MAX_BATCH) {
            throw new IllegalArgumentException("SQS batches hold at most 10 messages");
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(bodies.get(i)).build());
        }
        for (int attempt = 1; !entries.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> batch = entries;
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(batch));
            if (response.failed().isEmpty()) {
                return;
            }
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            if (attempt >= 2) {
                throw new IllegalStateException("SQS refused " + failedIds.size() + " billing jobs: "
                        + response.failed().get(0).code() + " " + response.failed().get(0).message());
            }
            entries = batch.stream().filter(e -> failedIds.contains(e.id())).toList();
        }
    }
}
