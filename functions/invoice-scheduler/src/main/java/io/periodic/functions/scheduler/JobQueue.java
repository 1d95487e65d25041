package io.periodic.functions.scheduler;

import java.util.List;

/** Where billing jobs go: an SQS queue in AWS and locally (ElasticMQ). Sends at most 10 per call. */
public interface JobQueue {
    /** Sends the bodies; throws if any of them was not accepted (after a retry of the failed ones). */
    void sendBatch(List<String> bodies);
}
