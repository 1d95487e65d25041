package io.periodic.billing.aws;

import io.periodic.bench.baseline.BeanSchemas;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;

/**
 * BASELINE ONLY (bench): replaces the project's AwsClients in the cold-start baseline. Every client is built the
 * default way — {@code builder.build()}: the default HTTP client (Apache), the default region provider chain and
 * the default credentials provider chain — and the records are mapped the default way, with
 * {@code TableSchema.fromBean} over bean twins (built here, once, like any static schema). Clients the project
 * builds on first use are built at init here, as a default-built function does.
 */
public final class AwsClients {
    static {
        if (AwsClients.class.getClassLoader().getResource("software/amazon/awssdk/enhanced/dynamodb/TableSchema.class")
                != null) {
            BeanSchemas.build(); // functions without DynamoDB (invoice-pdf) map nothing
        }
    }

    private AwsClients() {}

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return builder.build();
    }

    /** The default way builds every client at init: no lazy loading in the baseline. */
    public static <C> Supplier<C> lazy(Supplier<C> build) {
        C client = build.get();
        return () -> client;
    }

    public static <C> Supplier<C> ready(C client) {
        return () -> client;
    }

    public static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
