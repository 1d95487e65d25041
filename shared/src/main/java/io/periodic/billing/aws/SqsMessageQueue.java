package io.periodic.billing.aws;

import io.periodic.billing.ports.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * A queue on SQS: {@code SendMessageBatch} of up to 10. SQS reports per-entry failures inside a successful
 * response; those are retried once and then raised, so the caller fails visibly (the scheduler's run is retried,
 * a webhook is not acknowledged and its sender retries) instead of dropping messages.
 *
 * <p>With a parallelism above 1, a {@link #sendAll} of more than one batch keeps up to that many batches in flight
 * (a thread each, for that call only) and waits for all of them; the first failure is raised after every batch has
 * finished, as the serial path raises it after the batches before it were sent. Order is not kept (a standard queue
 * keeps none). A 10,000-entry Zengin file is 1,000 batches: one after the other they took 85 % of its intake time
 * (docs/bank-statement-zengin.md, "Figures").
 */
public final class SqsMessageQueue implements MessageQueue {
    /**
     * The parallelism of the deployed payment queue ({@code AwsEnvironment}): 5, the number of idle connections the
     * JDK's HTTP client keeps per host ({@code http.maxConnections}), so that no batch pays for a new TLS connection.
     */
    public static final int PAYMENT_QUEUE_PARALLELISM = 5;
    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final int parallelism;

    public SqsMessageQueue(SqsClient sqs, String queueUrl) {
        this(sqs, queueUrl, 1);
    }

    /** @param parallelism the most {@code SendMessageBatch} calls one {@link #sendAll} keeps in flight, at least 1 */
    public SqsMessageQueue(SqsClient sqs, String queueUrl, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.parallelism = parallelism;
    }

    @Override
    public void sendAll(List<String> bodies) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < bodies.size(); from += BATCH) {
            batches.add(bodies.subList(from, Math.min(bodies.size(), from + BATCH)));
        }
        if (parallelism == 1 || batches.size() < 2) {
            batches.forEach(this::send);
            return;
        }
        List<Future<?>> sent = new ArrayList<>(batches.size());
        RuntimeException failure = null;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, batches.size()));
        try {
            for (List<String> batch : batches) {
                sent.add(pool.submit(() -> send(batch)));
            }
            for (Future<?> f : sent) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sending to " + queueUrl, e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void send(List<String> chunk) {
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
