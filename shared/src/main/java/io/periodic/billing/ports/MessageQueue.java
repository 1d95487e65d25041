package io.periodic.billing.ports;

import java.util.List;

/**
 * A message queue (SQS in AWS, ElasticMQ locally): the billing-job queue the scheduler fills, the payment queue
 * intake fills.
 */
public interface MessageQueue {
    /** Sends every body (in batches of up to 10); throws if any was not accepted, so nothing is silently dropped. */
    void sendAll(List<String> bodies);
}
