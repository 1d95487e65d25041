package io.periodic.local.runner;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code ./dev local} — the whole system on this machine, no AWS account, no Docker.
 *
 * <pre>
 *   serve [--port 8080] [--out target/local] [--start 2027-01-01T00:00:00Z]
 *         [--stripe-secret whsec_...] [--standard-secret whsec_...|'{"connectors":[...]}'] [--no-pdf]
 *   demo  [--out target/demo] [--months 6] [--port 0] [--no-pdf]
 * </pre>
 *
 * A bare {@code --standard-secret} is the secret of the Standard Webhooks connector
 * {@value #DEFAULT_STANDARD_CONNECTOR}; a JSON document configures several connectors, as the deployed SSM
 * parameter does (docs/payment-events.md). The functions' JSON log lines go to {@code <out>/functions.log}, so the
 * console shows only progress.
 */
public final class LocalRunner {
    /** Documented defaults of the webhook secrets (local only; never use them anywhere else). */
    public static final String DEFAULT_STRIPE_SECRET = "whsec_bG9jYWwtc3RyaXBlLXNlY3JldC1mb3ItdGVzdHM=";
    public static final String DEFAULT_STANDARD_SECRET = "whsec_bG9jYWwtc3RhbmRhcmQtd2ViaG9va3Mtc2VjcmV0";
    /** The Standard Webhooks connector a bare {@code --standard-secret} belongs to (the demo's gateway). */
    public static final String DEFAULT_STANDARD_CONNECTOR = "demo-gateway";

    private LocalRunner() {}

    public static void main(String[] args) throws Exception {
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false); // the PDF library logs every font it loads
        String mode = args.length == 0 ? "demo" : args[0];
        int port = Integer.parseInt(flag(args, "--port", mode.equals("demo") ? "0" : "8080"));
        Path out = Path.of(flag(args, "--out", mode.equals("demo") ? "target/demo" : "target/local"))
                .toAbsolutePath();
        Instant start = Instant.parse(flag(args, "--start", "2027-01-01T00:00:00Z"));
        boolean pdf = !has(args, "--no-pdf");
        LocalSystem.Options options = new LocalSystem.Options(out, start,
                flag(args, "--stripe-secret", DEFAULT_STRIPE_SECRET),
                flag(args, "--standard-secret", DEFAULT_STANDARD_SECRET), pdf);
        switch (mode) {
            case "serve" -> serve(options, port);
            case "demo" -> demo(options, port, Integer.parseInt(flag(args, "--months", "6")));
            default -> {
                System.err.println("usage: serve [--port 8080] [--out dir] [--start instant] [--stripe-secret s] "
                        + "[--standard-secret s] [--no-pdf] | demo [--out dir] [--months 6] [--no-pdf]");
                System.exit(2);
            }
        }
    }

    private static void serve(LocalSystem.Options options, int port) throws Exception {
        PrintStream console = quietFunctions(options.outputDir());
        LocalSystem system = new LocalSystem(options);
        LocalServer server = new LocalServer(system, port);
        console.println("Periodic is running locally on http://127.0.0.1:" + server.port());
        console.println("  clock:    " + system.now() + "  (POST /_local/clock {\"now\":\"...\"} moves it)");
        console.println("  outbox:   GET /_local/outbox   files in " + options.outputDir().resolve("outbox"));
        console.println("  secrets:  Stripe " + options.stripeSecret() + "  Standard Webhooks "
                + (options.standardSecret().strip().startsWith("{") ? options.standardSecret()
                : DEFAULT_STANDARD_CONNECTOR + " " + options.standardSecret()));
        console.println("  API:      openapi.yaml; e.g. curl http://127.0.0.1:" + server.port() + "/settings");
        console.println("Ctrl-C stops it.");
        Thread.currentThread().join();
    }

    private static void demo(LocalSystem.Options options, int port, int months) throws Exception {
        Files.createDirectories(options.outputDir());
        PrintStream console = quietFunctions(options.outputDir());
        long started = System.nanoTime();
        console.println("Starting DynamoDB Local, ElasticMQ and the functions ...");
        try (LocalSystem system = new LocalSystem(options); LocalServer server = new LocalServer(system, port)) {
            Demo demo = new Demo(new LocalClient(URI.create("http://127.0.0.1:" + server.port() + "/")),
                    system, console, options.standardSecret());
            Demo.Summary summary = demo.run(options.start(), months);
            console.println();
            console.println(summary.text());
            console.printf("Done in %d s. Open %s%n", ChronoUnit.SECONDS.between(Instant.EPOCH,
                    Instant.ofEpochSecond((System.nanoTime() - started) / 1_000_000_000L)),
                    options.outputDir().resolve("report.html").toUri());
        }
        System.exit(0);
    }

    /** Sends the functions' log lines (stdout) to a file; returns the console for progress. */
    static PrintStream quietFunctions(Path out) throws Exception {
        Files.createDirectories(out);
        PrintStream console = System.out;
        System.setOut(new PrintStream(Files.newOutputStream(out.resolve("functions.log")), true, "UTF-8"));
        return console;
    }

    private static String flag(String[] args, String name, String absent) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return absent;
    }

    private static boolean has(String[] args, String name) {
        for (String a : args) {
            if (a.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
