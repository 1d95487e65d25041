package io.periodic.billing.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.periodic.billing.model.Ids;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.ElasticMqExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@link SqsMessageQueue} on ElasticMQ, one after the other and with batches in parallel: every message arrives
 * exactly once, and a batch SQS refuses is raised, never dropped. Each test uses a queue of its own.
 */
@ExtendWith(ElasticMqExtension.class)
class SqsMessageQueueTest {
    private static String queue(SqsClient sqs) {
        return sqs.createQueue(r -> r.queueName("SqsMessageQueueTest-" + Ids.randomLetters(8))).queueUrl();
    }

    private static List<String> drain(SqsClient sqs, String url) {
        List<String> bodies = new ArrayList<>();
        for (int empty = 0; empty < 3; ) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            empty = messages.isEmpty() ? empty + 1 : 0;
            for (Message m : messages) {
                bodies.add(m.body());
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return bodies;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 200})
    void everyMessageArrivesExactlyOnce(int parallelism, ElasticMqEngine mq) {
        SqsClient sqs = mq.client();
        String url = queue(sqs);
        List<String> bodies = IntStream.range(0, 95).mapToObj(i -> "{\"n\": " + i + "}").toList();
        new SqsMessageQueue(sqs, url, parallelism).sendAll(bodies);
        List<String> received = drain(sqs, url);
        assertEquals(bodies.stream().sorted().toList(), received.stream().sorted().toList());
        new SqsMessageQueue(sqs, url, parallelism).sendAll(List.of());
        assertEquals(List.of(), drain(sqs, url));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void aBatchSqsRefusesIsRaised(int parallelism, ElasticMqEngine mq) {
        SqsClient sqs = mq.client();
        String url = queue(sqs);
        sqs.deleteQueue(r -> r.queueUrl(url));
        List<String> bodies = IntStream.range(0, 35).mapToObj(i -> "m" + i).toList();
        assertThrows(QueueDoesNotExistException.class, () -> new SqsMessageQueue(sqs, url, parallelism)
                .sendAll(bodies));
    }

    @Test
    void aParallelismBelowOneIsRefused(ElasticMqEngine mq) {
        assertThrows(IllegalArgumentException.class, () -> new SqsMessageQueue(mq.client(), "url", 0));
    }
}
