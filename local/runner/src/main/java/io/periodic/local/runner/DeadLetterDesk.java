package io.periodic.local.runner;

import io.periodic.local.engines.DeadLetterQueues;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.StackResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The template's dead-letter queues on ElasticMQ: looked at, and moved back to their source queues. */
final class DeadLetterDesk {
    private static final Duration REDRIVE_PATIENCE = Duration.ofSeconds(60);

    private final SqsClient sqs;
    private final ElasticMqEngine mq;
    private final StackResources resources;
    private final ReentrantLock lock = new ReentrantLock();

    DeadLetterDesk(ElasticMqEngine mq, StackResources resources) {
        this.sqs = mq.client();
        this.mq = mq;
        this.resources = resources;
    }

    /**
     * Every dead-letter queue of the template with the messages on it, left there (looking counts as a receive, as
     * in SQS: each message's receive count goes up by one).
     */
    List<LocalSystem.DeadLetters> peek() {
        lock.lock();
        try {
            List<LocalSystem.DeadLetters> all = new ArrayList<>();
            for (StackResources.QueueDefinition dlq : resources.deadLetterQueues()) {
                var source = resources.sourceOf(dlq.logicalId());
                all.add(new LocalSystem.DeadLetters(dlq.logicalId(), source
                        .map(StackResources.QueueDefinition::logicalId).orElse(null),
                        source.map(StackResources.QueueDefinition::maxReceiveCount).orElse(0),
                        DeadLetterQueues.peek(sqs, mq.queueUrl(dlq.logicalId()))));
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The dead-letter queue {@code queue}, or every one that has a source queue (null).
     *
     * @throws IllegalArgumentException if {@code queue} is not a dead-letter queue with a source queue
     */
    List<StackResources.QueueDefinition> targets(String queue) {
        if (queue == null) {
            return resources.deadLetterQueues().stream()
                    .filter(q -> resources.sourceOf(q.logicalId()).isPresent()).toList();
        }
        StackResources.QueueDefinition dlq = resources.deadLetterQueues().stream()
                .filter(q -> q.logicalId().equals(queue)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dead-letter queue " + queue + "; there are "
                        + resources.deadLetterQueues().stream().map(StackResources.QueueDefinition::logicalId)
                        .toList()));
        if (resources.sourceOf(queue).isEmpty()) {
            throw new IllegalArgumentException(queue + " takes failed EventBridge or Scheduler deliveries, not "
                    + "a queue's: there is no source queue to move its messages back to");
        }
        return List.of(dlq);
    }

    /** Moves the messages of {@code targets} back to their source queues with message move tasks. */
    List<LocalSystem.Redriven> redrive(List<StackResources.QueueDefinition> targets) {
        List<LocalSystem.Redriven> done = new ArrayList<>();
        lock.lock();
        try {
            for (StackResources.QueueDefinition dlq : targets) {
                String source = resources.sourceOf(dlq.logicalId()).orElseThrow().logicalId();
                DeadLetterQueues.Redrive r = DeadLetterQueues.redrive(sqs, mq.queueArn(dlq.logicalId()), null,
                        REDRIVE_PATIENCE);
                done.add(new LocalSystem.Redriven(dlq.logicalId(), source, r.status(), r.moved()));
            }
        } finally {
            lock.unlock();
        }
        return done;
    }
}
