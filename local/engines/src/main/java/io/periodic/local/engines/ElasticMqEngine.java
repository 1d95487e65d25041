package io.periodic.local.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scalikejdbc.ConnectionPool;
import scalikejdbc.ConnectionPoolSettings;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ (an SQS-compatible server) running in this JVM on a free loopback port, with strict SQS limits: in
 * memory ({@link #start()}) or keeping its queues and messages in a folder ({@link #start(Path)}).
 *
 * <p>The folder form uses ElasticMQ's own message storage (the {@code messages-storage} of its standalone server:
 * an H2 database, here {@code <folder>/queues.mv.db}). ElasticMQ answers a send, receive or delete only after the
 * storage has acknowledged the change, and H2 is opened with {@code WRITE_DELAY=0} (each commit is written to the
 * file at once), so a message the SQS API accepted survives the process being killed. On start the queues and
 * their messages (receive counts included; messages in flight become visible when their visibility timeout, counted
 * in wall-clock time, has passed) are restored before the first request.
 *
 * <p>ElasticMQ's storage is one connection pool per JVM (scalikejdbc's singleton), so at most one folder-backed
 * engine may run in a JVM at a time; an in-memory engine may run beside it.
 */
public final class ElasticMqEngine implements AutoCloseable {
    private static final Object PERSISTENT_LOCK = new Object();
    private static ElasticMqEngine persistentRunning;

    private final SQSRestServer server;
    private final ActorSystem actors;
    private final boolean persistent;
    private final URI endpoint;
    private final SqsClient client;

    private ElasticMqEngine(SQSRestServer server, ActorSystem actors, boolean persistent, URI endpoint) {
        this.server = server;
        this.actors = actors;
        this.persistent = persistent;
        this.endpoint = endpoint;
        this.client = Engines.sqsClient(endpoint);
    }

    /** An in-memory instance: its queues and messages end with it. */
    public static ElasticMqEngine start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion(Engines.REGION.id())
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        ElasticMqEngine engine = new ElasticMqEngine(server, null, false,
                URI.create("http://127.0.0.1:" + port));
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "elasticmq-stop"));
        return engine;
    }

    /**
     * An instance that keeps its queues and messages in {@code folder} (created if missing) and restores what an
     * earlier instance left there.
     *
     * @throws IllegalStateException if another folder-backed instance is running in this JVM
     */
    public static ElasticMqEngine start(Path folder) {
        synchronized (PERSISTENT_LOCK) {
            if (persistentRunning != null) {
                throw new IllegalStateException("a folder-backed ElasticMQ is already running in this JVM");
            }
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("queues") + ";WRITE_DELAY=0";
            // ElasticMQ opens its pool once per JVM; (re)point it at this folder, so that a second start (a restart
            // in the same JVM) does not reuse a closed pool.
            ConnectionPoolSettings settings = ConnectionPool.singleton$default$4();
            ConnectionPool.singleton(url, "sa", "", settings,
                    ConnectionPool.singleton$default$5(url, "sa", "", settings));
            ActorSystem actors = ActorSystem.create("elasticmq");
            try {
                SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "sa", "",
                        false);
                ActorRef storage = actors.actorOf(Props.create(SqlQueuePersistenceActor.class, config,
                        scala.collection.immutable.List$.MODULE$.empty()));
                ActorRef queues = actors.actorOf(Props.create(QueueManagerActor.class, new NowProvider(),
                        StrictSQSLimits$.MODULE$, scala.Option.apply(storage)));
                Object restored = Patterns.ask(storage, new QueueEvent.Restore(queues), Duration.ofSeconds(60))
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);
                if (!(restored instanceof scala.util.Right<?, ?>)) {
                    throw new IllegalStateException("ElasticMQ could not restore its queues from " + folder + ": "
                            + restored);
                }
                SQSRestServer server = SQSRestServerBuilder.withActorSystem(actors)
                        .withQueueManagerActor(queues)
                        .withQueueEventListener(storage)
                        .withInterface("127.0.0.1")
                        .withDynamicPort()
                        .withAWSRegion(Engines.REGION.id())
                        .start();
                int port = server.waitUntilStarted().localAddress().getPort();
                ElasticMqEngine engine = new ElasticMqEngine(server, actors, true,
                        URI.create("http://127.0.0.1:" + port));
                persistentRunning = engine;
                Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "elasticmq-stop"));
                return engine;
            } catch (Exception e) {
                actors.terminate();
                ConnectionPool.closeAll();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw e instanceof RuntimeException r ? r
                        : new IllegalStateException("ElasticMQ did not start on " + folder, e);
            }
        }
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

    /** The ARN of a queue by its logical id, as ElasticMQ names it (account 000000000000). */
    public String queueArn(String logicalId) {
        return client.getQueueAttributes(b -> b.queueUrl(queueUrl(logicalId))
                .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
    }

    @Override
    public void close() {
        try {
            client.close();
            server.stopAndWait();
        } catch (Exception ignored) {
            // shutting down
        }
        if (actors != null) {
            try {
                actors.terminate();
                scala.concurrent.Await.result(actors.whenTerminated(),
                        scala.concurrent.duration.Duration.create(30, TimeUnit.SECONDS));
            } catch (Exception ignored) {
                // shutting down
            }
        }
        if (persistent) {
            synchronized (PERSISTENT_LOCK) {
                if (persistentRunning == this) {
                    ConnectionPool.closeAll();
                    persistentRunning = null;
                }
            }
        }
    }
}
