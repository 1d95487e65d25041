package io.periodic.local.engines;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ (an SQS-compatible server) running in this JVM on a free loopback port, with strict SQS limits. */
public final class ElasticMqEngine implements AutoCloseable {
    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private ElasticMqEngine(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = Engines.sqsClient(endpoint);
    }

    public static ElasticMqEngine start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion(Engines.REGION.id())
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        ElasticMqEngine engine = new ElasticMqEngine(server, URI.create("http://127.0.0.1:" + port));
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "elasticmq-stop"));
        return engine;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client configured for this engine (shared; do not close). */
    public SqsClient client() {
        return client;
    }

    /** The URL of a queue created from the template, by its logical id (e.g. {@code BillingJobQueue}). */
    public String queueUrl(String logicalId) {
        return client.getQueueUrl(b -> b.queueName(logicalId)).queueUrl();
    }

    @Override
    public void close() {
        try {
            client.close();
            server.stopAndWait();
        } catch (Exception ignored) {
            // shutting down
        }
    }
}
