package io.periodic.functions.generator;

import io.periodic.billing.service.AfterFinalization;
import io.periodic.billing.service.InvoiceNotifications;

import io.periodic.billing.aws.AwsAdapters;
import io.periodic.billing.aws.AwsClients;
import io.periodic.billing.invoicing.BillingCycle;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.rendering.DocumentRenderer;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the generator for Lambda from the environment the template sets; once per execution environment. */
final class GeneratorWiring {
    private GeneratorWiring() {}

    static InvoiceGenerator fromEnvironment() {
        BillingStore store = new BillingStore(AwsClients.build(DynamoDbClient.builder()), AwsClients.env("TABLE_NAME"));
        AwsAdapters out = AwsAdapters.fromEnvironment();
        AfterFinalization after = new InvoiceNotifications(new DocumentRenderer(), out.documents(), out.events(),
                out.mailer());
        int maxCatchUp = Optional.ofNullable(System.getenv("MAX_CATCH_UP_PERIODS")).map(Integer::parseInt)
                .orElse(BillingCycle.DEFAULT_MAX_CATCH_UP);
        return new InvoiceGenerator(store, after, Clock.system(), maxCatchUp);
    }
}
