package io.periodic.bench;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.wiring.Periodic;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.StackResources;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * Cold start of every function's real deployment jar: a fresh JVM per run, started with the options the java21
 * runtime starts the JVM with (C1 only, serial GC, CDS, heap and metaspace sized from the function's memory), from
 * process start until its first event — the function's own sample event from events/ — is handled against DynamoDB
 * Local and ElasticMQ (other AWS services answered by {@link AwsStub}). Each run gets a fresh table with the same
 * seeded state, so every run does the same work. Median of the runs.
 */
final class ColdStarts {
    static final String STRIPE_SECRET = "whsec_sample_secret_for_sam_local_invoke";

    /** One function: its module, handler class, memory (MB, from the template) and sample event. */
    record Function(String module, String handler, int memoryMb, String event) {}

    record Run(long wallMillis, long initMillis, long primeMillis, long invokeMillis, String result) {}

    record Result(Function function, List<Run> runs, long jarBytes) {
        long median(ToLongFunction<Run> metric) {
            long[] values = runs.stream().mapToLong(metric).sorted().toArray();
            return values[(values.length - 1) / 2];
        }
    }

    static final List<Function> FUNCTIONS = List.of(
            new Function("invoice-scheduler", "io.periodic.functions.invoicescheduler.InvoiceSchedulerHandler", 512,
                    "invoice-scheduler-schedule.json"),
            new Function("invoice-generator", "io.periodic.functions.invoicegenerator.InvoiceGeneratorHandler", 1024,
                    "invoice-generator-sqs-batch.json"),
            new Function("invoice-pdf", "io.periodic.functions.invoicepdf.InvoicePdfHandler", 1536,
                    "invoice-pdf-finalized.json"),
            new Function("payment-webhook", "io.periodic.functions.paymentwebhook.PaymentWebhookHandler", 1024,
                    "payment-webhook-stripe.json"),
            new Function("payment-matcher", "io.periodic.functions.paymentmatcher.PaymentMatcherHandler", 1024,
                    "payment-matcher-sqs-batch.json"),
            new Function("dunning-starter", "io.periodic.functions.dunningstarter.DunningStarterHandler", 1024,
                    "dunning-starter-schedule.json"),
            new Function("dunning-steps", "io.periodic.functions.dunningsteps.DunningStepsHandler", 1024,
                    "dunning-steps-plan.json"),
            new Function("billing-api", "io.periodic.functions.billingapi.BillingApiHandler", 1024,
                    "billing-api-create-customer.json"),
            new Function("delivery-events", "io.periodic.functions.deliveryevents.DeliveryEventsHandler", 1024,
                    "delivery-events-sqs-batch.json"),
            new Function("invoice-page", "io.periodic.functions.invoicepage.InvoicePageHandler", 1024,
                    "invoice-page-tampered.json"));

    private final Path root;
    private final Path work;
    private final DynamoDbLocalEngine dynamo;
    private final ElasticMqEngine mq;
    private final StackResources resources;
    private final AwsStub stub;
    private int tables;

    ColdStarts(Path root, Path work, DynamoDbLocalEngine dynamo, ElasticMqEngine mq, StackResources resources,
            AwsStub stub) {
        this.root = root;
        this.work = work;
        this.dynamo = dynamo;
        this.mq = mq;
        this.resources = resources;
        this.stub = stub;
        stub.putParameter("/bench/stripe", STRIPE_SECRET);
        // The hosted page's link key (a base64url string of 256 bits, as docs/hosted-page.md has operators make it).
        stub.putParameter("/bench/hosted-link-keys", "YmVuY2gtaG9zdGVkLWxpbmsta2V5LTI1Ni1iaXRzLTAwMDA");
        stub.putParameter("/bench/standard",
                "{\"connectors\": [{\"name\": \"bench\", \"secrets\": [\"whsec_YmVuY2gtc3RhbmRhcmQtd2ViaG9va3Mtc2VjcmV0\"]}]}");
    }

    /**
     * How the function is built: the deployment jar as it is, or the baseline (the default way: classes put in front
     * of the jar, extra libraries after it, JVM system properties).
     */
    record Variant(List<String> before, List<String> after, List<String> jvmProperties, boolean snapStart,
            Path checkout) {
        static final Variant DEPLOYED = new Variant(List.of(), List.of(), List.of(), false, null);
        static final Variant SNAPSTART = new Variant(List.of(), List.of(), List.of(), true, null);

        Variant(List<String> before, List<String> after, List<String> jvmProperties, boolean snapStart) {
            this(before, after, jvmProperties, snapStart, null);
        }

        /**
         * The deployment jars of another checkout of this project (e.g. the commit before a change, built with
         * {@code ./dev package} or {@code ./dev bench} there), to measure a change's cold-start cost in the same run.
         */
        static Variant otherCheckout(Path checkout) {
            return new Variant(List.of(), List.of(), List.of(), false, checkout);
        }
    }

    /**
     * Measures the variants in turn within each run (deployed, baseline, SnapStart, deployed, ...), so that drift in
     * the machine's load affects them alike.
     */
    List<Result> measureInterleaved(Function f, int runs, List<Variant> variants) throws Exception {
        List<List<Run>> byVariant = new ArrayList<>();
        variants.forEach(v -> byVariant.add(new ArrayList<>()));
        for (int i = 0; i < runs; i++) {
            for (int v = 0; v < variants.size(); v++) {
                byVariant.get(v).add(runOnce(f, jarOf(f, variants.get(v)), variants.get(v)));
            }
        }
        List<Result> results = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            results.add(new Result(f, byVariant.get(v), Files.size(jarOf(f, variants.get(v)))));
        }
        return results;
    }

    private Path jarOf(Function f, Variant variant) {
        Path checkout = variant.checkout() == null ? root : variant.checkout();
        return checkout.resolve("functions").resolve(f.module()).resolve("target/function.jar");
    }

    /**
     * The handler class of the function in the variant's checkout: the same simple name, in whatever package that
     * checkout put it (packages were renamed to match their modules).
     */
    static String handlerOf(Function f, Variant variant) throws IOException {
        if (variant.checkout() == null) {
            return f.handler();
        }
        String file = f.handler().substring(f.handler().lastIndexOf('.') + 1) + ".java";
        Path sources = variant.checkout().resolve("functions").resolve(f.module()).resolve("src/main/java");
        try (Stream<Path> walk = Files.walk(sources)) {
            Path found = walk.filter(p -> p.getFileName().toString().equals(file)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + file + " under " + sources));
            String relative = sources.relativize(found).toString();
            return relative.substring(0, relative.length() - ".java".length()).replace(File.separatorChar, '.');
        }
    }

    private Run runOnce(Function f, Path jar, Variant variant) throws Exception {
        String table = "bench" + (++tables);
        CreateTableRequest create = resources.table("BillingTable").createTableRequest().toBuilder()
                .tableName(table).build();
        dynamo.client().createTable(create);
        Instant now = Instant.now();
        // The store as the composition root builds it (over this run's table), seeded with the same state every run.
        Seed.into(Periodic.from(Map.of("TABLE_NAME", table)).withDynamo(dynamo.client()).store(), now, stub);
        Path event = work.resolve(f.module() + ".json");
        Files.writeString(event, eventFor(f, now), StandardCharsets.UTF_8);

        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:MaxHeapSize=" + (f.memoryMb() * 1024L * 85 / 100) + "k",
                "-XX:MaxMetaspaceSize=" + (f.memoryMb() * 1024L / 10) + "k",
                "-XX:ReservedCodeCacheSize=" + (f.memoryMb() * 1024L / 20) + "k",
                "-Djava.net.preferIPv4Stack=true"));
        command.addAll(variant.jvmProperties());
        String extra = System.getProperty("bench.jvmArgs"); // for profiling, e.g. -Dbench.jvmArgs=-Xlog:class+load
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath(jar, variant)),
                LambdaEmulator.class.getName(), handlerOf(f, variant), event.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.putAll(environment(table, f.module()));
        if (variant.snapStart()) {
            env.put("BENCH_SNAPSTART", "1");
        }
        long started = System.nanoTime();
        Process process = pb.start();
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder all = new StringBuilder();
        long handledAt = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                all.append(line).append('\n');
                int eq = line.indexOf('=');
                if (line.startsWith("INIT_MS=") || line.startsWith("PRIME_MS=") || line.startsWith("INVOKE_MS=")
                        || line.startsWith("RESULT=")) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                    if (line.startsWith("RESULT=")) {
                        handledAt = System.nanoTime();
                    }
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || !out.containsKey("RESULT")) {
            throw new IllegalStateException(f.module() + " failed (exit " + exit + "):\n" + all);
        }
        return new Run((handledAt - started) / 1_000_000, Long.parseLong(out.get("INIT_MS")),
                Long.parseLong(out.get("PRIME_MS")), Long.parseLong(out.get("INVOKE_MS")), out.get("RESULT"));
    }

    private static List<String> classpath(Path jar, Variant variant) {
        List<String> cp = new ArrayList<>(variant.before());
        cp.add(jar.toString());
        cp.add(location(LambdaEmulator.class));
        cp.add(location(LambdaEventSerializers.class));
        cp.addAll(variant.after());
        return cp;
    }

    static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> environment(String table, String function) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function);
        env.put("TABLE_NAME", table);
        env.put("BILLING_JOB_QUEUE_URL", mq.queueUrl("BillingJobQueue"));
        env.put("PAYMENT_QUEUE_URL", mq.queueUrl("PaymentQueue"));
        env.put("EVENT_BUS_NAME", "bench");
        env.put("DOCUMENT_BUCKET", Seed.BUCKET);
        env.put("DOCUMENT_LINK_BASE_URL", "https://documents.bench.example");
        env.put("SENDER_EMAIL", "billing@bench.example");
        env.put("SES_CONFIGURATION_SET", "bench");
        env.put("HOSTED_LINK_KEYS_PARAMETER", "/bench/hosted-link-keys");
        env.put("HOSTED_PAGE_BASE_URL", "https://pay.bench.example");
        env.put("STRIPE_SECRETS_PARAMETER", "/bench/stripe");
        env.put("STANDARD_WEBHOOK_SECRETS_PARAMETER", "/bench/standard");
        env.put("DUNNING_STATE_MACHINE_ARN", "arn:aws:states:us-east-1:000000000000:stateMachine:bench");
        env.put("FONT_DIR", root.resolve("functions/invoice-pdf/target/fonts").toString()); // the layer, in AWS
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", mq.endpoint().toString());
        for (String service : List.of("S3", "EVENTBRIDGE", "SESV2", "SSM", "SFN")) {
            env.put("AWS_ENDPOINT_URL_" + service, stub.endpoint());
        }
        return env;
    }

    /** The sample event; the Stripe delivery is signed again at the current time (its tolerance is 300 s). */
    private String eventFor(Function f, Instant now) throws Exception {
        String text = Files.readString(root.resolve("events").resolve(f.event()), StandardCharsets.UTF_8);
        if (!f.module().equals("payment-webhook")) {
            return text;
        }
        var json = (ObjectNode) new ObjectMapper()
                .readTree(text);
        String body = json.get("body").textValue();
        long t = now.getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(STRIPE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        ((ObjectNode) json.get("headers")).put("stripe-signature",
                "t=" + t + ",v1=" + v1);
        return json.toString();
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
