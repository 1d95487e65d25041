package io.periodic.billing.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Partial batch responses for SQS-fed functions ({@code ReportBatchItemFailures}): each message is handled on its
 * own; a message that throws is reported by its id and comes back after the visibility timeout (and reaches the
 * dead-letter queue after maxReceiveCount), while the others are deleted. The function itself never throws for a
 * bad message, so one bad job never fails the batch. (Powertools' batch module does this too; our registry does
 * not serve it, and this is all we need.)
 */
public final class SqsBatch {
    private SqsBatch() {}

    /**
     * @param onFailure told of every failed message (for logging and metrics), before it is reported
     */
    public static SQSBatchResponse process(SQSEvent event, Consumer<SQSEvent.SQSMessage> handler,
            BiConsumer<SQSEvent.SQSMessage, Exception> onFailure) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            try {
                handler.accept(message);
            } catch (Exception e) {
                onFailure.accept(message, e);
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId())
                        .build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
