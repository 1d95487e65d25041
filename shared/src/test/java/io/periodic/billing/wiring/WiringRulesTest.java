package io.periodic.billing.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.periodic.local.engines.Engines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One composition root, read from the sources: the store is built in {@link Periodic} and nowhere else in main code,
 * and every Lambda handler's no-arg constructor takes its use case from {@link Periodic#fromEnvironment()} - a
 * handler builds no client, no adapter and no store of its own - in at most 80 lines.
 */
class WiringRulesTest {
    private static final Path ROOT = Engines.templatePath().getParent();
    private static final Pattern NO_ARG_CONSTRUCTOR = Pattern.compile(
            "public (\\w+Handler)\\(\\) \\{([^}]*)}", Pattern.DOTALL);
    private static final List<String> FORBIDDEN_IN_HANDLERS = List.of("import io.periodic.billing.aws.",
            "import io.periodic.billing.persistence.", "import software.amazon.awssdk.", "new BillingStore(",
            "AwsClients.");

    @Test
    void theStoreIsBuiltOnlyByTheCompositionRoot() {
        List<String> places = new ArrayList<>();
        for (Path file : mainSources()) {
            String text = read(file);
            for (int at = text.indexOf("new BillingStore("); at >= 0; at = text.indexOf("new BillingStore(", at + 1)) {
                places.add(ROOT.relativize(file).toString());
            }
        }
        assertEquals(List.of("shared/src/main/java/io/periodic/billing/wiring/Periodic.java"), places);
    }

    @Test
    void everyHandlerTakesItsUseCaseFromTheRootAndBuildsNothing() {
        List<Path> handlers = mainSources().stream().filter(f -> ROOT.relativize(f).startsWith("functions")
                && f.getFileName().toString().endsWith("Handler.java")).toList();
        assertEquals(10, handlers.size(), "one handler per function: " + handlers);
        for (Path handler : handlers) {
            String text = read(handler);
            var constructor = NO_ARG_CONSTRUCTOR.matcher(text);
            assertTrue(constructor.find(), handler + " has no no-arg constructor (Lambda needs one)");
            assertTrue(constructor.group(2).strip().matches("(?s)(//[^\\n]*\\n\\s*)*this\\([^;]*Periodic\\."
                    + "fromEnvironment\\(\\).*"), handler + ": the no-arg constructor must begin with "
                    + "this(...Periodic.fromEnvironment()...), not " + constructor.group(2).strip());
            for (String forbidden : FORBIDDEN_IN_HANDLERS) {
                assertFalse(text.contains(forbidden), handler + " contains " + forbidden);
            }
            long lines = text.lines().count();
            assertTrue(lines <= 80, handler + " has " + lines + " lines (at most 80)");
        }
    }

    /**
     * What a function's role may call, its package must be able to call: the AWS SDK service clients are optional in
     * shared, so each function's pom names the ones it uses. A policy without its client is a call that fails only
     * when deployed (NoClassDefFoundError on the first paid invoice, say); this reads the template's policies and
     * each function's pom.
     */
    @Test
    void everyFunctionPackagesTheClientsItsPoliciesAllow() throws IOException {
        Map<String, String> clientOfPolicy = Map.of("S3CrudPolicy", "s3", "S3WritePolicy", "s3", "S3ReadPolicy", "s3",
                "SESCrudPolicy", "sesv2", "SQSSendMessagePolicy", "sqs", "SSMParameterReadPolicy", "ssm",
                "StepFunctionsExecutionPolicy", "sfn", "EventBridgePutEventsPolicy", "eventbridge");
        Map<String, String> clientOfService = Map.of("s3", "s3", "ses", "sesv2", "sqs", "sqs", "ssm", "ssm",
                "states", "sfn", "events", "eventbridge");
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("template.yaml").toFile())
                .path("Resources");
        List<String> missing = new ArrayList<>();
        int functions = 0;
        for (var it = resources.fields(); it.hasNext(); ) {
            var resource = it.next();
            if (!"AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                continue;
            }
            functions++;
            JsonNode properties = resource.getValue().path("Properties");
            String pom = read(ROOT.resolve(properties.path("CodeUri").asText()).resolve("pom.xml"));
            for (JsonNode policy : properties.path("Policies")) {
                String name = policy.isTextual() ? policy.asText() : policy.fieldNames().next();
                List<String> clients = new ArrayList<>();
                if (clientOfPolicy.containsKey(name)) {
                    clients.add(clientOfPolicy.get(name));
                }
                // An inline statement: the service of each action (ses:SendRawEmail -> sesv2, s3:GetObject -> s3).
                for (JsonNode statement : policy.path("Statement")) {
                    JsonNode actions = statement.path("Action");
                    for (JsonNode action : actions.isArray() ? actions : List.of(actions)) {
                        String service = action.asText().split(":")[0];
                        String client = clientOfService.get(service);
                        if (client != null && !clients.contains(client)) {
                            clients.add(client);
                        }
                        if (service.equals("dynamodb")) {
                            name = "DynamoDB statement";
                        }
                    }
                }
                for (String client : clients) {
                    if (!pom.contains("<artifactId>" + client + "</artifactId>")) {
                        missing.add(resource.getKey() + ": " + name + " needs software.amazon.awssdk:" + client);
                    }
                }
                // DynamoDB comes with shared; a function may exclude it only if its role cannot use it.
                if (name.startsWith("DynamoDB") && pom.contains("<artifactId>dynamodb</artifactId></exclusion>")) {
                    missing.add(resource.getKey() + ": " + name + " but its pom excludes software.amazon.awssdk:dynamodb");
                }
            }
        }
        assertEquals(10, functions, "the functions of template.yaml");
        assertEquals(List.of(), missing);
    }

    /**
     * Main sources of shared, the functions, the local modules and the bench (its seeding takes the store from the
     * root too); not bench/baseline, the deliberately default-built copy the bench compares against.
     */
    private static List<Path> mainSources() {
        List<Path> all = new ArrayList<>();
        for (String module : List.of("shared", "functions", "local", "bench")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(module))) {
                walk.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")
                                && !ROOT.relativize(f).startsWith("bench/baseline"))
                        .sorted().forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
