package io.periodic.billing.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/** Which credentials source each environment gets, and clients built on first use (no AWS call is made). */
class AwsClientsTest {
    @Test
    void underSnapStartTheContainerEndpointIsUsedForLambdaSetsNoAccessKeys() {
        // What a SnapStart function's environment holds: no AWS_ACCESS_KEY_ID, the container credentials endpoint.
        assertInstanceOf(ContainerCredentialsProvider.class, AwsClients.credentials(Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "periodic-invoice-generator",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token")));
    }

    @Test
    void onDemandLambdaUsesTheExecutionRolesEnvironmentVariables() {
        assertInstanceOf(EnvironmentVariableCredentialsProvider.class, AwsClients.credentials(Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "periodic-invoice-generator",
                "AWS_ACCESS_KEY_ID", "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "t")));
    }

    @Test
    void outsideLambdaTheDefaultChainApplies() {
        assertInstanceOf(DefaultCredentialsProvider.class, AwsClients.credentials(Map.of()));
        assertInstanceOf(DefaultCredentialsProvider.class, AwsClients.credentials(Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "f"))); // a Lambda-like environment without any credentials source
    }

    @Test
    void aLazyClientIsBuiltOnFirstUseOnlyAndOnceEvenUnderConcurrentCallers() throws Exception {
        java.util.concurrent.atomic.AtomicInteger builds = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<Object> client = AwsClients.lazy(() -> {
            builds.incrementAndGet();
            return new Object();
        });
        assertEquals(0, builds.get(), "nothing is built before first use");
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Object>> got = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return client.get();
                }));
            }
            start.countDown();
            for (var f : got) {
                assertSame(got.get(0).get(), f.get());
            }
        }
        assertEquals(1, builds.get(), "built exactly once");
    }

    @Test
    void snapStartPrimingBuildsLazyClientsBeforeTheSnapshot() {
        java.util.concurrent.atomic.AtomicInteger builds = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<Object> client = AwsClients.lazy(() -> {
            builds.incrementAndGet();
            return new Object();
        });
        io.periodic.billing.lambda.Priming.runAll(); // what the CRaC beforeCheckpoint hook runs
        assertEquals(1, builds.get(), "priming built the client");
        client.get();
        assertEquals(1, builds.get(), "and it is not built again");
    }
}
