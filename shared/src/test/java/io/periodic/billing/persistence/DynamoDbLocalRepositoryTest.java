package io.periodic.billing.persistence;

import io.periodic.local.engines.DynamoDbLocalExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The repository contract on DynamoDB Local 3.x (in-process, tables from template.yaml). */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbLocalRepositoryTest extends RepositoryContract {
    private final BillingStore store;

    DynamoDbLocalRepositoryTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @Override
    BillingStore store() {
        return store;
    }
}
