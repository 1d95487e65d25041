package io.periodic.billing.persistence;

import io.periodic.local.engines.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The same repository contract against LocalStack in Docker. Skipped (not failed) where no Docker engine runs,
 * as on our build machines; runs on a developer laptop or a CI runner with Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackRepositoryTest extends RepositoryContract {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer("localstack/localstack:4.4")
            .withServices("dynamodb");

    private static BillingStore store;

    @BeforeAll
    static void createTables() {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        Engines.resources().createTables(client);
        store = new BillingStore(client, BillingTable.LOGICAL_ID);
    }

    @Override
    BillingStore store() {
        return store;
    }
}
