package io.periodic.local.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local 3.x running in this JVM as a real HTTP server, so the SDK client under test talks the same wire
 * protocol, with the same HTTP client, as in Lambda: in memory ({@link #start()}) or keeping its tables in a folder
 * ({@link #start(Path)}, DynamoDB Local's {@code -dbPath}: one SQLite file, {@code shared-local-instance.db}, written
 * on every committed write, so what a request was answered for survives the process being killed).
 */
public final class DynamoDbLocalEngine implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final DynamoDbClient client;

    private DynamoDbLocalEngine(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = Engines.dynamoClient(endpoint);
    }

    /** Starts an in-memory instance on a free loopback port. */
    public static DynamoDbLocalEngine start() {
        return start(new String[] {"-inMemory"});
    }

    /** Starts an instance on a free loopback port that keeps its tables in {@code folder} (created if missing). */
    public static DynamoDbLocalEngine start(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(new String[] {"-dbPath", folder.toAbsolutePath().toString()});
    }

    private static DynamoDbLocalEngine start(String[] storage) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = Engines.freePort();
            try {
                List<String> args = new ArrayList<>(List.of(storage));
                args.addAll(List.of("-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"));
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                server.start();
                DynamoDbLocalEngine engine = new DynamoDbLocalEngine(server, URI.create("http://127.0.0.1:" + port));
                Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "dynamodb-local-stop"));
                return engine;
            } catch (Exception e) {
                last = new IllegalStateException("DynamoDB Local did not start on port " + port, e);
            }
        }
        throw last;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A builder configured for this engine, for a test that needs its own client (e.g. with interceptors). */
    public DynamoDbClientBuilder clientBuilder() {
        return Engines.dynamoClientBuilder(endpoint);
    }

    /** A client configured for this engine (shared; do not close). */
    public DynamoDbClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.close();
            server.stop();
        } catch (Exception ignored) {
            // shutting down
        }
    }
}
