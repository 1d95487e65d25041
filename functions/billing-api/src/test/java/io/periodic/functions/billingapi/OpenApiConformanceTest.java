package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.testing.TestAdapters;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * openapi.yaml against what is implemented: the management routes against {@link BillingApi#routes()} (methods,
 * paths, operation ids), the intake routes against the payment-webhook function's events in template.yaml, and
 * the rules every operation of the spec must keep (path parameters declared, Idempotency-Key on every POST, a
 * problem+json refusal, IAM where the template puts it). No network, no engines: the API is built over a store
 * whose client points nowhere and is never called.
 */
class OpenApiConformanceTest {
    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String BILLING_API = "billing-api";
    private static final String PAYMENT_WEBHOOK = "payment-webhook";
    private static final Set<String> INTAKE_ROUTES =
            Set.of("POST /webhooks/stripe", "POST /webhooks/standard", "POST /bank-statements");
    private static final Set<String> SIGNATURE_AUTHENTICATED = Set.of("POST /webhooks/stripe", "POST /webhooks/standard");
    private static final String INVOICE_PAGE = "invoice-page";
    /** The public hosted invoice page: the signed token in the path is the credential; the answers are HTML. */
    private static final Set<String> HOSTED_ROUTES =
            Set.of("GET /pay/{token}", "GET /pay/{token}/pdf", "POST /pay/{token}/renew");
    private static final String SECURITY_SCHEME = "sigv4";
    /** CloudFormation's short-form intrinsic functions, which a plain YAML reader does not know. */
    private static final Pattern CFN_TAG = Pattern.compile("(?<![A-Za-z0-9])!(Ref|GetAtt|Sub|Join|Select|Split|If|"
            + "Not|Equals|And|Or|Condition|FindInMap|GetAZs|ImportValue|Base64|Cidr|Transform|ToJsonString|Length)"
            + "(?=[\\s\\[{])");
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    private static JsonNode spec;
    private static JsonNode template;
    private static Map<String, Http.Route> routes;

    /** One operation of the spec. */
    private record Operation(String method, String path, JsonNode pathItem, JsonNode node) {
        String key() {
            return method + " " + path;
        }

        String function() {
            return node.path("x-periodic-function").asText(null);
        }
    }

    @BeforeAll
    static void load() throws IOException {
        Path root = repositoryRoot();
        YAMLMapper yaml = new YAMLMapper();
        spec = yaml.readTree(root.resolve("openapi.yaml").toFile());
        String templateText = Files.readString(root.resolve("template.yaml"));
        template = yaml.readTree(CFN_TAG.matcher(templateText).replaceAll(""));

        DynamoDbClient nowhere = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://localhost:1"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        BillingApi api = BillingApi.over(new TestAdapters(nowhere).tableName("unused").clock(Clock.system()).root());
        routes = new TreeMap<>();
        for (Http.Route route : api.routes()) {
            Http.Route earlier = routes.put(route.method() + " " + route.path(), route);
            assertTrue(earlier == null, "the route table lists " + route.method() + " " + route.path() + " twice");
        }
        assertFalse(routes.isEmpty(), "BillingApi.routes() is empty");
    }

    /** The directory holding template.yaml, walking up from the working directory (the module when Maven runs). */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    // ---------------------------------------------------------------- the management API against the route table

    @Test
    void everyOperationNamesTheFunctionThatServesIt() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations()) {
            if (!BILLING_API.equals(op.function()) && !PAYMENT_WEBHOOK.equals(op.function())
                    && !INVOICE_PAGE.equals(op.function())) {
                wrong.add(op.key() + " (x-periodic-function: " + op.function() + ")");
            }
        }
        assertTrue(wrong.isEmpty(), "operations without x-periodic-function billing-api, payment-webhook or "
                + "invoice-page: " + wrong);
    }

    @Test
    void billingApiOperationsAreExactlyTheRouteTable() {
        Set<String> documented = keys(BILLING_API);
        assertSameRoutes(routes.keySet(), "BillingApi.routes()", documented, "openapi.yaml (x-periodic-function: "
                + BILLING_API + ")");
    }

    @Test
    void operationIdsAreTheRouteTables() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations()) {
            Http.Route route = routes.get(op.key());
            if (BILLING_API.equals(op.function()) && route != null
                    && !route.operationId().equals(op.node().path("operationId").asText(null))) {
                wrong.add(op.key() + ": spec " + op.node().path("operationId").asText(null) + ", route table "
                        + route.operationId());
            }
        }
        assertTrue(wrong.isEmpty(), "operationIds differ from the route table: " + wrong);
        Set<String> ids = new TreeSet<>();
        for (Operation op : operations()) {
            assertTrue(op.node().hasNonNull("operationId"), op.key() + " has no operationId");
            assertTrue(ids.add(op.node().get("operationId").asText()),
                    "operationId " + op.node().get("operationId").asText() + " is used twice");
        }
    }

    @Test
    void everyPathTemplateParameterIsDeclaredInPath() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations()) {
            Set<String> inTemplate = new TreeSet<>();
            Matcher m = TEMPLATE_PARAMETER.matcher(op.path());
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            for (JsonNode parameter : parameters(op)) {
                if ("path".equals(parameter.path("in").asText())) {
                    declared.add(parameter.path("name").asText());
                    if (!parameter.path("required").asBoolean(false)) {
                        wrong.add(op.key() + ": path parameter " + parameter.path("name").asText()
                                + " is not required: true");
                    }
                }
            }
            if (!inTemplate.equals(declared)) {
                wrong.add(op.key() + ": template has " + inTemplate + ", in: path parameters declared " + declared);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyBillingApiPostDeclaresTheIdempotencyKeyHeader() {
        List<String> missing = new ArrayList<>();
        int posts = 0;
        for (Operation op : operations()) {
            if (!BILLING_API.equals(op.function()) || !op.method().equals("POST")) {
                continue;
            }
            posts++;
            boolean declared = parameters(op).stream().anyMatch(p -> "header".equals(p.path("in").asText())
                    && Idempotency.HEADER.equalsIgnoreCase(p.path("name").asText())
                    && !p.path("required").asBoolean(false));
            if (!declared) {
                missing.add(op.key());
            }
        }
        assertTrue(posts > 0, "no POST operation of " + BILLING_API + " in the spec");
        assertTrue(missing.isEmpty(), "POST operations without an optional " + Idempotency.HEADER
                + " header parameter: " + missing);
    }

    @Test
    void everyOperationDeclaresAProblemResponse() {
        List<String> missing = new ArrayList<>();
        for (Operation op : operations()) {
            if (INVOICE_PAGE.equals(op.function())) {
                continue; // a browser's page: its 404 and 410 are HTML pages (hostedPageOperations... checks them)
            }
            boolean found = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = op.node().path("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                if (response.getKey().matches("4(\\d\\d|XX)")
                        && resolve(response.getValue()).path("content").has("application/problem+json")) {
                    found = true;
                }
            }
            if (!found) {
                missing.add(op.key());
            }
        }
        assertTrue(missing.isEmpty(), "operations without a 4xx application/problem+json response: " + missing);
    }

    @Test
    void billingApiRequestBodiesRefuseUnknownFields() {
        // BillingApi refuses any field an operation does not name (JsonIn.only): the spec must say so.
        List<String> open = new ArrayList<>();
        for (Operation op : operations()) {
            JsonNode body = resolve(op.node().path("requestBody"));
            if (!BILLING_API.equals(op.function()) || body.isMissingNode()
                    || !body.path("content").has("application/json")) {
                continue; // no body, or not JSON: an image upload (PUT /settings/logo) is its bytes
            }
            JsonNode schema = resolve(body.path("content").path("application/json").path("schema"));
            if (schema.isMissingNode() || !schema.path("additionalProperties").isBoolean()
                    || schema.path("additionalProperties").asBoolean()) {
                open.add(op.key());
            }
        }
        assertTrue(open.isEmpty(), "JSON request bodies without additionalProperties: false: " + open);
    }

    // ---------------------------------------------------------------- intake routes and the template

    @Test
    void webhookOperationsAreExactlyTheIntakeRoutesOfTheTemplate() {
        Set<String> documented = keys(PAYMENT_WEBHOOK);
        assertSameRoutes(INTAKE_ROUTES, "the intake routes", documented,
                "openapi.yaml (x-periodic-function: " + PAYMENT_WEBHOOK + ")");
        JsonNode function = template.path("Resources").path("PaymentWebhookFunction");
        assertFalse(function.isMissingNode(), "template.yaml has no PaymentWebhookFunction");
        assertSameRoutes(httpApiEvents(function).keySet(), "template.yaml PaymentWebhookFunction", documented,
                "openapi.yaml (x-periodic-function: " + PAYMENT_WEBHOOK + ")");
        for (Operation op : operations()) {
            if (PAYMENT_WEBHOOK.equals(op.function())) {
                boolean tagged = false;
                for (JsonNode tag : op.node().path("tags")) {
                    tagged |= "webhooks".equals(tag.asText());
                }
                assertTrue(tagged, op.key() + " is not tagged webhooks");
            }
        }
    }

    @Test
    void iamIsWhereTheTemplatePutsIt() {
        JsonNode scheme = spec.path("components").path("securitySchemes").path(SECURITY_SCHEME);
        assertEquals("apiKey", scheme.path("type").asText(), "securityScheme " + SECURITY_SCHEME + " type");
        assertEquals("Authorization", scheme.path("name").asText(), "securityScheme " + SECURITY_SCHEME + " name");
        assertEquals("header", scheme.path("in").asText(), "securityScheme " + SECURITY_SCHEME + " in");
        assertEquals("awsSigv4", scheme.path("x-amazon-apigateway-authtype").asText(),
                "securityScheme " + SECURITY_SCHEME + " x-amazon-apigateway-authtype");
        assertTrue(usesIam(spec.path("security")), "the global security is not " + SECURITY_SCHEME);

        Map<String, Boolean> documented = new TreeMap<>();
        for (Operation op : operations()) {
            JsonNode security = op.node().has("security") ? op.node().get("security") : spec.path("security");
            documented.put(op.key(), usesIam(security));
        }
        List<String> wrong = new ArrayList<>();
        documented.forEach((key, iam) -> {
            boolean expected = !SIGNATURE_AUTHENTICATED.contains(key) && !HOSTED_ROUTES.contains(key);
            if (iam != expected) {
                wrong.add(key + (expected ? " must be IAM-authorised"
                        : " must not be IAM-authorised (signed webhook or hosted page)"));
            }
        });
        httpApiEvents(template.path("Resources").path("InvoicePageFunction")).forEach((key, iam) -> {
            if (documented.containsKey(key) && !documented.get(key).equals(iam)) {
                wrong.add(key + ": template IAM " + iam + ", spec IAM " + documented.get(key));
            }
        });
        httpApiEvents(template.path("Resources").path("PaymentWebhookFunction")).forEach((key, iam) -> {
            if (documented.containsKey(key) && !documented.get(key).equals(iam)) {
                wrong.add(key + ": template IAM " + iam + ", spec IAM " + documented.get(key));
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void hostedPageOperationsAreExactlyTheInvoicePageFunctionsPublicEvents() {
        Set<String> documented = keys(INVOICE_PAGE);
        assertSameRoutes(HOSTED_ROUTES, "the hosted page routes", documented,
                "openapi.yaml (x-periodic-function: " + INVOICE_PAGE + ")");
        JsonNode function = template.path("Resources").path("InvoicePageFunction");
        assertFalse(function.isMissingNode(), "template.yaml has no InvoicePageFunction");
        Map<String, Boolean> events = httpApiEvents(function);
        assertSameRoutes(events.keySet(), "template.yaml InvoicePageFunction", documented,
                "openapi.yaml (x-periodic-function: " + INVOICE_PAGE + ")");
        assertFalse(events.containsValue(true), "a hosted page route is IAM-authorised in template.yaml: " + events);
        for (Operation op : operations()) {
            if (!INVOICE_PAGE.equals(op.function())) {
                continue;
            }
            assertTrue(op.node().has("security") && op.node().get("security").isEmpty(),
                    op.key() + " must declare security: [] (public)");
            assertEquals("hosted-page", op.node().path("tags").path(0).asText(), op.key() + " tag");
            JsonNode notFound = resolve(op.node().path("responses").path("404"));
            assertTrue(notFound.path("content").has("text/html"), op.key() + " has no HTML 404 page");
        }
    }

    /**
     * The management API's own function in template.yaml. It is being added in parallel with this test, so the
     * check runs only once the resource exists (and is reported as skipped until then); from then on its HttpApi
     * events must be exactly the route table, each IAM-authorised.
     */
    @Test
    void billingApiFunctionEventsAreTheRouteTableOnceDeclared() {
        JsonNode function = template.path("Resources").path("BillingApiFunction");
        Assumptions.assumeFalse(function.isMissingNode(),
                "template.yaml has no BillingApiFunction yet: its events are not checked");
        Map<String, Boolean> events = httpApiEvents(function);
        assertSameRoutes(routes.keySet(), "BillingApi.routes()", events.keySet(),
                "template.yaml BillingApiFunction HttpApi events");
        List<String> open = events.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        assertTrue(open.isEmpty(), "BillingApiFunction routes not IAM-authorised in template.yaml: " + open);
    }

    // ---------------------------------------------------------------- helpers

    private static List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode item = resolve(path.getValue());
            for (Iterator<Map.Entry<String, JsonNode>> ops = item.fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (HTTP_METHODS.contains(op.getKey())) {
                    all.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), item, op.getValue()));
                }
            }
        }
        assertFalse(all.isEmpty(), "openapi.yaml has no operations");
        return all;
    }

    private static Set<String> keys(String function) {
        Set<String> keys = new TreeSet<>();
        for (Operation op : operations()) {
            if (function.equals(op.function())) {
                assertTrue(keys.add(op.key()), op.key() + " is documented twice");
            }
        }
        return keys;
    }

    /** Path-level and operation-level parameters, resolved. */
    private static List<JsonNode> parameters(Operation op) {
        List<JsonNode> all = new ArrayList<>();
        op.pathItem().path("parameters").forEach(p -> all.add(resolve(p)));
        op.node().path("parameters").forEach(p -> all.add(resolve(p)));
        return all;
    }

    /** Follows local {@code $ref}s ({@code #/components/...}). */
    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 20) {
                fail("cannot resolve $ref " + ref);
            }
            current = spec.at(ref.substring(1));
            if (current.isMissingNode()) {
                fail("$ref " + ref + " points nowhere");
            }
        }
        return current;
    }

    private static boolean usesIam(JsonNode security) {
        for (JsonNode requirement : security) {
            if (requirement.has(SECURITY_SCHEME)) {
                return true;
            }
        }
        return false;
    }

    /** A function's {@code Type: HttpApi} events as "METHOD path" → whether the route is IAM-authorised. */
    private static Map<String, Boolean> httpApiEvents(JsonNode function) {
        String defaultAuthorizer = template.path("Resources").path("BillingHttpApi").path("Properties").path("Auth")
                .path("DefaultAuthorizer").asText("");
        Map<String, Boolean> events = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = function.path("Properties").path("Events").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> event = it.next();
            if (!"HttpApi".equals(event.getValue().path("Type").asText())) {
                continue;
            }
            JsonNode properties = event.getValue().path("Properties");
            String key = properties.path("Method").asText("ANY").toUpperCase(Locale.ROOT) + " "
                    + properties.path("Path").asText("?");
            String authorizer = properties.path("Auth").path("Authorizer").asText(defaultAuthorizer);
            assertTrue(events.put(key, "AWS_IAM".equals(authorizer)) == null,
                    "template.yaml declares " + key + " twice (event " + event.getKey() + ")");
        }
        return events;
    }

    private static void assertSameRoutes(Set<String> expected, String expectedName, Set<String> actual,
            String actualName) {
        Set<String> onlyExpected = new TreeSet<>(expected);
        onlyExpected.removeAll(actual);
        Set<String> onlyActual = new TreeSet<>(actual);
        onlyActual.removeAll(expected);
        assertTrue(onlyExpected.isEmpty() && onlyActual.isEmpty(), "routes differ:\n  in " + expectedName
                + " but not in " + actualName + ": " + onlyExpected + "\n  in " + actualName + " but not in "
                + expectedName + ": " + onlyActual);
    }
}
