package io.periodic.billing.aws;

import io.periodic.billing.lambda.Priming;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How every SDK client is built, once per execution environment: the region from {@code AWS_REGION}, the light
 * URLConnection HTTP client (shared), and in Lambda the credentials source that applies — the container endpoint
 * under SnapStart, the environment variables otherwise — without the default chain's probing, which costs cold-start
 * time. Service endpoints can be overridden with the SDK's standard
 * {@code AWS_ENDPOINT_URL_<SERVICE>} variables (the local runner does).
 */
public final class AwsClients {
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

    private AwsClients() {}

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return builder
                .region(Region.of(Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1")))
                .credentialsProvider(credentials())
                .httpClient(HTTP)
                .build();
    }

    static AwsCredentialsProvider credentials() {
        return credentials(System.getenv());
    }

    /**
     * The one credentials source that applies, chosen from the environment instead of probing a chain: with SnapStart
     * Lambda hands out credentials through the container endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}) and
     * sets no access-key variables; without it, the execution role's keys are environment variables; elsewhere the
     * default chain (profiles, SSO, instance roles).
     */
    static AwsCredentialsProvider credentials(Map<String, String> env) {
        if (env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            return ContainerCredentialsProvider.builder().build();
        }
        if (env.get("AWS_LAMBDA_FUNCTION_NAME") != null && env.get("AWS_ACCESS_KEY_ID") != null) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * A client built on first use, once (thread-safe): init does not pay for a client that a cold path may never
     * call (the API's document and mail clients serve only corrections; most requests read and write DynamoDB).
     * Under SnapStart the client is built by priming, before the snapshot (building sends nothing), so a restored
     * function has it ready.
     */
    public static <C> Supplier<C> lazy(Supplier<C> build) {
        Supplier<C> lazy = new Supplier<>() {
            private volatile C client;

            @Override
            public C get() {
                C c = client;
                if (c == null) {
                    synchronized (this) {
                        c = client;
                        if (c == null) {
                            client = c = build.get();
                        }
                    }
                }
                return c;
            }
        };
        Priming.register("sdk-client", lazy::get);
        return lazy;
    }

    /** An already built client, where an adapter takes a supplier. */
    public static <C> Supplier<C> ready(C client) {
        Objects.requireNonNull(client, "client");
        return () -> client;
    }
}
