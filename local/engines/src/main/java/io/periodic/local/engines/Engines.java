package io.periodic.local.engines;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The embedded engines of one JVM: DynamoDB Local and ElasticMQ, each started once on a free port and shared
 * by every test (tests isolate themselves by data, not by restarting engines). Tables and queues come from
 * {@code template.yaml}, the same definitions {@code sam deploy} creates.
 */
public final class Engines {
    public static final Region REGION = Region.US_EAST_1;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private static volatile DynamoDbLocalEngine dynamo;
    private static volatile ElasticMqEngine sqs;
    private static volatile StackResources resources;

    private Engines() {}

    /** DynamoDB Local with every table of the template created. Started on first use. */
    public static synchronized DynamoDbLocalEngine dynamo() {
        if (dynamo == null) {
            DynamoDbLocalEngine engine = DynamoDbLocalEngine.start();
            resources().createTables(engine.client());
            dynamo = engine;
        }
        return dynamo;
    }

    /** ElasticMQ with every queue of the template created. Started on first use. */
    public static synchronized ElasticMqEngine sqs() {
        if (sqs == null) {
            ElasticMqEngine engine = ElasticMqEngine.start();
            resources().createQueues(engine.client());
            sqs = engine;
        }
        return sqs;
    }

    /** The tables and queues declared by the project's template.yaml. */
    public static synchronized StackResources resources() {
        if (resources == null) {
            resources = StackResources.fromTemplate(templatePath());
        }
        return resources;
    }

    /**
     * Finds template.yaml: the {@code periodic.repoRoot} system property (set by the build), else the working
     * directory or one of its parents.
     */
    public static Path templatePath() {
        String root = System.getProperty("periodic.repoRoot");
        if (root != null && Files.isRegularFile(Path.of(root, "template.yaml"))) {
            return Path.of(root, "template.yaml");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("template.yaml not found from " + Path.of("").toAbsolutePath()
                + "; set -Dperiodic.repoRoot to the repository root");
    }

    static DynamoDbClient dynamoClient(URI endpoint) {
        return dynamoClientBuilder(endpoint).build();
    }

    static DynamoDbClientBuilder dynamoClientBuilder(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create());
    }

    static SqsClient sqsClient(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port", e);
        }
    }
}
