package io.periodic.billing.aws;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/** Which credentials source each environment gets (no AWS call is made). */
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
}
