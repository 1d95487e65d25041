package io.periodic.local.runner;

import com.openhtmltopdf.util.XRLog;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code ./dev local} — the whole system on this machine, no AWS account, no Docker.
 *
 * <pre>
 *   serve [--port 8080] [--out target/local] [--fresh] [--start 2027-01-01T00:00:00Z]
 *         [--stripe-secret whsec_...] [--standard-secret whsec_...|'{"connectors":[...]}'] [--no-pdf]
 *   demo  [--out target/demo] [--months 6] [--port 0] [--no-pdf]
 * </pre>
 *
 * {@code serve} keeps everything in its folder and resumes from it after a restart or a kill ({@code --start} only
 * applies to an empty folder; {@code --fresh} empties it first). The demo always starts empty, in its own folder,
 * on in-memory engines. A bare {@code --standard-secret} is the secret of the Standard Webhooks connector
 * {@value #DEFAULT_STANDARD_CONNECTOR}; a JSON document configures several connectors, as the deployed SSM
 * parameter does (docs/payment-events.md). The functions' JSON log lines are appended to
 * {@code <out>/functions.log}, so the console shows only progress.
 */
public final class LocalRunner {
    /** Documented defaults of the webhook secrets (local only; never use them anywhere else). */
    public static final String DEFAULT_STRIPE_SECRET = "whsec_bG9jYWwtc3RyaXBlLXNlY3JldC1mb3ItdGVzdHM=";
    public static final String DEFAULT_STANDARD_SECRET = "whsec_bG9jYWwtc3RhbmRhcmQtd2ViaG9va3Mtc2VjcmV0";
    /** The Standard Webhooks connector a bare {@code --standard-secret} belongs to (the demo's gateway). */
    public static final String DEFAULT_STANDARD_CONNECTOR = "demo-gateway";

    private LocalRunner() {}

    public static void main(String[] args) throws Exception {
        XRLog.setLoggingEnabled(false); // the PDF library logs every font it loads
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
            case "serve" -> serve(options, port, has(args, "--fresh"), has(args, "--start"));
            case "demo" -> demo(options, port, Integer.parseInt(flag(args, "--months", "6")));
            default -> {
                System.err.println("usage: serve [--port 8080] [--out dir] [--fresh] [--start instant] "
                        + "[--stripe-secret s] [--standard-secret s] [--no-pdf] | demo [--out dir] [--months 6] "
                        + "[--no-pdf]");
                System.exit(2);
            }
        }
    }

    private static void serve(LocalSystem.Options options, int port, boolean fresh, boolean startGiven)
            throws Exception {
        if (fresh) {
            LocalSystem.wipe(options.outputDir());
        }
        PrintStream console = quietFunctions(options.outputDir());
        LocalSystem system = new LocalSystem(options.withStorage(LocalSystem.Storage.FOLDER)
                .withProgress(console::println));
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "local-runner-stop"));
        LocalServer server = new LocalServer(system, port);
        console.println("Periodic is running locally on http://127.0.0.1:" + server.port());
        if (system.resumed()) {
            console.println("  resumed:  the data in " + options.outputDir() + " (--fresh starts empty)"
                    + (startGiven ? "; --start applies to an empty folder only" : ""));
        } else {
            console.println("  started:  empty; data kept in " + options.outputDir().resolve("state"));
        }
        console.println("  clock:    " + system.now() + "  (POST /_local/clock {\"now\":\"...\"} moves it, at most "
                + LocalSystem.MAX_ADVANCE.getYears() + " years per call)");
        console.println("  outbox:   GET /_local/outbox   files in " + options.outputDir().resolve("outbox"));
        console.println("  DLQs:     GET /_local/dlq, POST /_local/dlq/redrive [{\"queue\":\"PaymentDeadLetterQueue\"}]");
        console.println("  secrets:  Stripe " + options.stripeSecret() + "  Standard Webhooks "
                + (options.standardSecret().strip().startsWith("{") ? options.standardSecret()
                : DEFAULT_STANDARD_CONNECTOR + " " + options.standardSecret()));
        console.println("  API:      openapi.yaml; e.g. curl http://127.0.0.1:" + server.port() + "/settings");
        console.println("Ctrl-C stops it.");
        Thread.currentThread().join();
    }

    private static void demo(LocalSystem.Options options, int port, int months) throws Exception {
        LocalSystem.wipe(options.outputDir()); // the demo always starts empty
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

    /** Appends the functions' log lines (stdout) to a file (never truncated); returns the console for progress. */
    static PrintStream quietFunctions(Path out) throws Exception {
        Files.createDirectories(out);
        PrintStream console = System.out;
        System.setOut(new PrintStream(Files.newOutputStream(out.resolve("functions.log"),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, "UTF-8"));
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
