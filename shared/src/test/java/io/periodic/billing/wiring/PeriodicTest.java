package io.periodic.billing.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.testing.TestAdapters;
import io.periodic.local.engines.Engines;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root builds lazily and once: a function's use case from the variables its template entry sets and
 * nothing else; nothing it does not use (no document, event or mail adapter for the webhook, no renderer).
 * Building a client sends nothing, so no engine is needed.
 */
class PeriodicTest {
    /**
     * What each function's handler asks the root for (the billing API: what {@code BillingApi.over} asks), and all
     * that the root builds for it, in order: a function's cold path. A part added here is a cost every cold start of
     * that function pays.
     */
    private record UseCase(Function<Periodic, List<Object>> ask, List<String> builds) {}

    private static final Map<String, UseCase> FUNCTIONS = Map.of(
            "io.periodic.functions.invoicescheduler.InvoiceSchedulerHandler", new UseCase(
                    p -> List.of(p.dueSubscriptionSweep()),
                    List.of("dynamo", "store", "billingJobQueue", "clock", "dueSubscriptionSweep")),
            "io.periodic.functions.invoicegenerator.InvoiceGeneratorHandler", new UseCase(
                    p -> List.of(p.invoiceIssuing()),
                    List.of("dynamo", "store", "renderer", "documents", "events", "hostedLinks", "notifications", "clock",
                            "invoiceIssuing")),
            "io.periodic.functions.invoicepdf.InvoicePdfHandler", new UseCase(
                    p -> List.of(p.documents(), p.invoiceDelivery()),
                    List.of("documents", "dynamo", "store", "clock", "hostedLinks", "invoiceDelivery")),
            "io.periodic.functions.paymentwebhook.PaymentWebhookHandler", new UseCase(
                    p -> List.of(p.paymentIntake()),
                    List.of("dynamo", "store", "paymentQueue", "stripeSecrets", "standardConnectors", "wallClock",
                            "paymentIntake")),
            "io.periodic.functions.paymentmatcher.PaymentMatcherHandler", new UseCase(
                    p -> List.of(p.paymentService()),
                    List.of("dynamo", "store", "events", "clock", "paymentService")),
            "io.periodic.functions.dunningsteps.DunningStepsHandler", new UseCase(
                    p -> List.of(p.dunningService()),
                    List.of("dynamo", "store", "renderer", "documents", "events", "hostedLinks", "notifications", "mailer", "clock",
                            "deliveryFeedback", "dunningService")),
            "io.periodic.functions.dunningstarter.DunningStarterHandler", new UseCase(
                    p -> List.of(p.dunningStarter()),
                    List.of("dynamo", "store", "renderer", "documents", "events", "hostedLinks", "notifications", "mailer", "clock",
                            "deliveryFeedback", "dunningService", "dunningWorkflows", "dunningStarter")),
            "io.periodic.functions.deliveryevents.DeliveryEventsHandler", new UseCase(
                    p -> List.of(p.deliveryFeedback()),
                    List.of("dynamo", "store", "clock", "deliveryFeedback")),
            "io.periodic.functions.invoicepage.InvoicePageHandler", new UseCase(
                    p -> List.of(p.hostedInvoicePage()),
                    List.of("dynamo", "store", "documents", "hostedLinks", "renderer", "mailer", "clock", "deliveryFeedback",
                            "hostedInvoicePage")),
            "io.periodic.functions.billingapi.BillingApiHandler", new UseCase(
                    p -> List.of(p.clock(), p.idempotentRequests(), p.accounts(), p.invoiceQueries(),
                            p.corrections(), p.paymentQueries(), p.paymentService(), p.reports(), p.settings()),
                    List.of("clock", "dynamo", "store", "idempotentRequests", "accounts", "documents",
                            "invoiceQueries", "renderer", "events", "hostedLinks", "notifications", "corrections",
                            "paymentQueries", "paymentService", "reports", "settings")));

    @Test
    void theWebhookBuildsItsIntakeAndNothingElse() {
        Periodic root = Periodic.from(environmentOf("PaymentWebhookFunction"));

        Object intake = root.paymentIntake();

        assertNotNull(intake);
        assertEquals(List.of("dynamo", "store", "paymentQueue", "stripeSecrets", "standardConnectors", "wallClock",
                "paymentIntake"), root.built());
        assertSame(intake, root.paymentIntake(), "built once");
        assertEquals(7, root.built().size(), "asking again builds nothing");
    }

    @Test
    void aUseCaseAFunctionDoesNotRunFailsOnlyWhenAskedForAndNamesTheMissingVariable() {
        Periodic root = Periodic.from(environmentOf("PaymentWebhookFunction"));
        root.paymentIntake();

        IllegalStateException missing = assertThrows(IllegalStateException.class, root::invoiceIssuing);

        assertTrue(missing.getMessage().contains("DOCUMENT_BUCKET"), missing.getMessage());
        assertFalse(root.built().contains("invoiceIssuing"));
    }

    @Test
    void everyFunctionBuildsItsUseCaseFromTheVariablesItsTemplateEntrySetsAndNothingMore() {
        Map<String, String> handlers = handlersOfTemplate();
        assertEquals(FUNCTIONS.keySet(), Set.copyOf(handlers.values()), "every function of the template is here");
        for (Map.Entry<String, String> function : handlers.entrySet()) {
            UseCase useCase = FUNCTIONS.get(function.getValue());
            Periodic root = Periodic.from(environmentOf(function.getKey()));

            useCase.ask().apply(root).forEach(part -> assertNotNull(part, function.getKey()));

            assertEquals(useCase.builds(), root.built(), function.getKey());
        }
    }

    @Test
    void thePdfFunctionBuildsItsDeliveryButNoMailerBeforeTheFirstMail() {
        Periodic root = Periodic.from(environmentOf("InvoicePdfFunction"));

        root.documents();
        root.invoiceDelivery();

        assertEquals(List.of("documents", "dynamo", "store", "clock", "hostedLinks", "invoiceDelivery"), root.built());
        assertFalse(root.built().contains("mailer"), "the SES client waits for the first mail");
    }

    @Test
    void theEnvironmentsRootIsBuiltOncePerContainer() {
        assertSame(Periodic.fromEnvironment(), Periodic.fromEnvironment());
    }

    @Test
    void aRootWithItsOwnDynamoClientSharesTheAdaptersButNotTheStore(@TempDir Path out) {
        DirectoryDocumentStore documents = new DirectoryDocumentStore(out);
        Periodic root = new TestAdapters(nowhere()).documents(documents).root();
        Periodic intercepted = root.withDynamo(nowhere());

        assertNotSame(root.store(), intercepted.store());
        assertSame(documents, intercepted.documents());
        assertEquals(List.of("store", "documents"), intercepted.built(), "its client is given, not built");
    }

    /** The environment Lambda gives a function: the template's globals and the function's own variables. */
    private static Map<String, String> environmentOf(String function) {
        JsonNode template = template();
        Map<String, String> env = new LinkedHashMap<>();
        template.path("Globals").path("Function").path("Environment").path("Variables").fieldNames()
                .forEachRemaining(name -> env.put(name, sample(name)));
        JsonNode resource = template.path("Resources").path(function);
        assertFalse(resource.isMissingNode(), "no function " + function + " in template.yaml");
        resource.path("Properties").path("Environment").path("Variables").fieldNames()
                .forEachRemaining(name -> env.put(name, sample(name)));
        return env;
    }

    /** A value of the shape the template would give the variable. */
    private static String sample(String name) {
        return switch (name) {
            case "BILLING_JOB_QUEUE_URL", "PAYMENT_QUEUE_URL" -> "https://sqs.us-east-1.amazonaws.com/000000000000/q";
            case "DUNNING_STATE_MACHINE_ARN" -> "arn:aws:states:us-east-1:000000000000:stateMachine:dunning";
            case "DOCUMENT_LINK_BASE_URL" -> "https://documents.example";
            case "MAX_CATCH_UP_PERIODS" -> "12";
            default -> "sample-" + name.toLowerCase();
        };
    }

    /** Each function of the template (logical id) and its handler class. */
    private static Map<String, String> handlersOfTemplate() {
        Map<String, String> handlers = new TreeMap<>();
        template().path("Resources").fields().forEachRemaining(r -> {
            if ("AWS::Serverless::Function".equals(r.getValue().path("Type").asText())) {
                String handler = r.getValue().path("Properties").path("Handler").asText();
                handlers.put(r.getKey(), handler.substring(0, handler.indexOf("::")));
            }
        });
        return handlers;
    }

    private static JsonNode template() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Engines.templatePath().toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DynamoDbClient nowhere() {
        return DynamoDbClient.builder().endpointOverride(URI.create("http://localhost:1")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
    }
}
