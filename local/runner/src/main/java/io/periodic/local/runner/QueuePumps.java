package io.periodic.local.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.periodic.local.engines.SqsDelivery;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SQS event source mappings locally: a queue's messages polled and handed to its function until it is empty. */
final class QueuePumps {
    /** A function an SQS event source mapping invokes. */
    interface SqsFunction {
        SQSBatchResponse handle(SQSEvent event, Context context);
    }

    private final SqsClient sqs;
    private final LocalSystem.Hooks hooks;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    QueuePumps(SqsClient sqs, LocalSystem.Hooks hooks) {
        this.sqs = sqs;
        this.hooks = hooks;
    }

    /**
     * Polls a queue until it is empty, as Lambda's event source mapping does it (partial batch responses honoured).
     * Failed messages become visible again at once (visibility 0 here), so they are retried until the queue's
     * redrive policy moves them to its dead-letter queue. One thread polls a queue at a time (a message received with
     * visibility 0 would otherwise be seen by two pollers); a thread that finds the queue being polled waits, then
     * polls itself, so what it enqueued before has been handled when it returns. Returns the messages handled.
     */
    int drain(String queueUrl, SqsFunction function) {
        ReentrantLock pumping = locks.computeIfAbsent(queueUrl, q -> new ReentrantLock());
        String queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        pumping.lock();
        try {
            int handled = 0;
            while (true) {
                int n = SqsDelivery.once(sqs, queueUrl, event -> {
                    SQSBatchResponse response = function.handle(event, null);
                    hooks.afterBatch(queueName, event.getRecords().size());
                    return response;
                }, 0).messages().size();
                if (n == 0) {
                    return handled;
                }
                handled += n;
            }
        } finally {
            pumping.unlock();
        }
    }
}
