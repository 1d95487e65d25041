package io.periodic.local.runner;

import static io.periodic.local.runner.LocalTestData.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runner behaves like a server that can be killed: it runs in its own JVM (started here with
 * ProcessBuilder) on a folder, is killed with {@code destroyForcibly} (SIGKILL) in the middle of a clock advance —
 * once while a batch of billing jobs is half done (its invoices committed, its messages not yet deleted), once while
 * payments arrive during the advance — and started again on the same folder, the last time with the real
 * {@code LocalRunner serve} command line. Afterwards nothing is lost or duplicated: invoice numbers are unique and
 * contiguous, every subscription period is invoiced exactly once and none that fell due is missing, every payment
 * answered before a kill (or sent again by its sender, as a gateway retries an unanswered delivery) is applied
 * exactly once, the unidentified transfer is held once, the outbox lists what its folder holds, and functions.log was
 * appended to, never truncated.
 *
 * <p>Deterministic: the first kill point is chosen by a hook ({@link PausingRunner}), not by timing; the second one
 * too, while the payments sent meanwhile are checked whatever their answer was. Time-outs only turn a hang into a
 * failure.
 */
class LocalRunnerRestartTest {
    private static final long PATIENCE_SECONDS = 180;
    private static final Instant END = Instant.parse("2027-04-15T00:00:00Z");
    private static final Pattern NUMBER = Pattern.compile("INV-2027-(\\d{6})");

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    /** One runner process: its console lines (stdout and stderr) as they come, and a client of its port. */
    record Runner(Process process, BlockingQueue<String> lines, LocalClient api) {}

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void killedTwiceMidAdvanceItResumesWithNothingLostOrDuplicated() throws Exception {
        Path out = dir.resolve("local");
        long t0 = System.nanoTime();

        // ---------------------------------------------------------------- run 1: set up, pay, kill mid-batch
        Runner first = launch("first", PausingRunner.class.getName(), out.toString(), "BillingJobQueue",
                "2027-02-01T00:00:00Z");
        LocalClient api = first.api();
        // Reminders and late fees (numbered invoices too), but no suspension: every subscription keeps being billed.
        LocalTestData.settings(api, "{\"steps\": [{\"kind\": \"friendly\", \"dayOffset\": 1}, "
                + "{\"kind\": \"late_fee\", \"dayOffset\": 14}], "
                + "\"lateFee\": {\"percent\": \"1.5\", \"cap\": {\"USD\": 5000}}}");
        Map<String, LocalDate> subscriptions = new LinkedHashMap<>();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String plan = LocalTestData.plan(api, "Restart plan " + i, 1000 + 100L * i);
            String customer = LocalTestData.customer(api, "Restart Customer " + i, "restart-" + i + "@test.example");
            // Two groups falling due at the same instants: a billing batch holds several jobs.
            LocalDate start = LocalDate.parse(i < 3 ? "2027-01-04" : "2027-01-11");
            subscriptions.put(LocalTestData.subscribe(api, customer, plan, start), start);
            customers.add(customer);
        }
        expect(api.advance(Instant.parse("2027-01-20T00:00:00Z")), 200);
        List<JsonNode> january = new ArrayList<>();
        for (String customer : customers) {
            List<JsonNode> invoices = LocalTestData.invoices(api, customer);
            assertEquals(1, invoices.size(), invoices.toString());
            january.add(invoices.get(0));
        }
        Map<String, String> paymentOf = new LinkedHashMap<>(); // invoice id -> provider payment id
        Map<String, String[]> deliveries = new LinkedHashMap<>(); // webhook id -> {body, invoice id}
        for (int i = 0; i < 6; i++) {
            JsonNode invoice = january.get(i);
            String paymentId = "pay-restart-" + i;
            String body = LocalTestData.paymentReceived(api.now(), paymentId,
                    decimal(invoice.get("amountDue").longValue()), invoice.get("number").textValue());
            paymentOf.put(invoice.get("id").textValue(), paymentId);
            deliveries.put("evt-restart-" + i, new String[] {body, invoice.get("id").textValue()});
        }
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String webhookId = "evt-restart-" + i;
            expect(api.standardWebhook(LocalRunner.DEFAULT_STANDARD_SECRET, webhookId, deliveries.get(webhookId)[0]),
                    200);
            answered.add(webhookId);
        }
        expect(api.send("POST", "/bank-statements", "text/csv",
                "reference,booking_date,amount,currency,payer_name,payer_account,remittance\n"
                        + "BNK-RESTART-1,2027-01-20,7.77,USD,Nobody We Know,US00000000000000001234,unclear\n"), 200);

        CompletableFuture<Integer> longAdvance = advanceInBackground(api, END);
        awaitLine(first, line -> line.startsWith("PAUSED"));
        kill(first);
        assertEquals(-1, longAdvance.get(PATIENCE_SECONDS, TimeUnit.SECONDS), "the advance never answered");
        byte[] logAfterFirst = Files.readAllBytes(out.resolve("functions.log"));
        assertTrue(logAfterFirst.length > 0, "the functions logged");

        System.err.printf("restart test: run 1 done after %d s%n", (System.nanoTime() - t0) / 1_000_000_000L);
        // ---------------------------------------------------------------- run 2: resume, payments during an advance
        Runner second = launch("second", PausingRunner.class.getName(), out.toString(), "BillingJobQueue",
                "2027-03-01T00:00:00Z");
        api = second.api();
        Instant resumedAt = api.now();
        assertTrue(!resumedAt.isBefore(Instant.parse("2027-02-01T00:00:00Z")), "the clock resumed: " + resumedAt);
        assertOutboxListsItsFolder(api, out);
        longAdvance = advanceInBackground(api, END);
        // Payments arrive while the advance runs, from another thread: a request that meets the paused runner gets
        // its answer (none) only when the runner is killed.
        LocalClient during = api;
        CompletableFuture<Set<String>> paying = CompletableFuture.supplyAsync(() -> {
            Set<String> ok = new HashSet<>();
            for (int i = 3; i < 6; i++) {
                String webhookId = "evt-restart-" + i;
                try {
                    LocalClient.Reply reply = during.standardWebhook(LocalRunner.DEFAULT_STANDARD_SECRET, webhookId,
                            deliveries.get(webhookId)[0]);
                    if (reply.status() == 200) {
                        ok.add(webhookId);
                    } else {
                        // Signed at the clock's time, which the advance may have moved on meanwhile: refused as
                        // stale, nothing accepted; the sender retries it below.
                        assertEquals(401, reply.status(), reply.body());
                        assertTrue(reply.body().contains("timestamp"), reply.body());
                    }
                } catch (UncheckedIOException | IllegalStateException unanswered) {
                    break; // the runner is gone: the sender will retry
                }
            }
            return ok;
        });
        awaitLine(second, line -> line.startsWith("PAUSED"));
        kill(second);
        answered.addAll(paying.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(-1, longAdvance.get(PATIENCE_SECONDS, TimeUnit.SECONDS), "the advance never answered");
        assertTrue(startsWith(Files.readAllBytes(out.resolve("functions.log")), logAfterFirst),
                "functions.log is appended to, never truncated");

        System.err.printf("restart test: run 2 done after %d s%n", (System.nanoTime() - t0) / 1_000_000_000L);
        // ---------------------------------------------------------------- run 3: the real command line
        Runner third = launch("third", LocalRunner.class.getName(), "serve", "--port", "0", "--out", out.toString(),
                "--no-pdf");
        api = third.api();
        assertTrue(!api.now().isBefore(Instant.parse("2027-03-01T00:00:00Z")), "the clock resumed: " + api.now());
        assertOutboxListsItsFolder(api, out);
        assertTrue(answered.size() >= 3, answered.toString());
        for (String webhookId : answered) {
            // Answered 200 before a kill: applied before the answer, and still there after the restarts.
            JsonNode invoice = expect(api.get("/invoices/" + deliveries.get(webhookId)[1]), 200);
            assertEquals(1, invoice.get("payments").size(), webhookId + ": " + invoice);
        }
        for (Map.Entry<String, String[]> d : deliveries.entrySet()) {
            // A gateway retries every delivery it got no answer for; one it got 200 for may be sent again too.
            expect(api.standardWebhook(LocalRunner.DEFAULT_STANDARD_SECRET, d.getKey(), d.getValue()[0]), 200);
        }
        expect(api.advance(END), 200);
        assertEquals(END, api.now());

        System.err.printf("restart test: run 3 advanced after %d s%n", (System.nanoTime() - t0) / 1_000_000_000L);
        // ---------------------------------------------------------------- nothing lost, nothing twice
        List<JsonNode> all = new ArrayList<>();
        for (String customer : customers) {
            all.addAll(LocalTestData.invoices(api, customer));
        }
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode invoice : all) {
            String number = invoice.get("number").textValue();
            assertNotNull(number, invoice.toString());
            Matcher m = NUMBER.matcher(number);
            assertTrue(m.matches(), number);
            numbers.add(Integer.parseInt(m.group(1)));
        }
        numbers.sort(null);
        for (int i = 0; i < numbers.size(); i++) {
            assertEquals(i + 1, numbers.get(i), "invoice numbers are unique and contiguous: " + numbers);
        }

        for (Map.Entry<String, LocalDate> s : subscriptions.entrySet()) {
            List<JsonNode> periods = all.stream().filter(inv -> s.getKey().equals(inv.path("subscriptionId")
                    .textValue()) && inv.path("periodStart").isTextual()).sorted((a, b) -> a.get("periodStart").textValue()
                    .compareTo(b.get("periodStart").textValue())).toList();
            assertFalse(periods.isEmpty());
            assertEquals(s.getValue().toString(), periods.get(0).get("periodStart").textValue());
            for (int i = 1; i < periods.size(); i++) {
                assertEquals(periods.get(i - 1).get("periodEnd").textValue(),
                        periods.get(i).get("periodStart").textValue(),
                        "each period invoiced once, none skipped: " + periods);
            }
            JsonNode subscription = expect(api.get("/subscriptions/" + s.getKey()), 200);
            if (subscription.get("status").textValue().equals("active")) {
                assertEquals(periods.get(periods.size() - 1).get("periodEnd").textValue(),
                        subscription.get("currentPeriodEnd").textValue(), subscription.toString());
                assertTrue(Instant.parse(subscription.get("nextInvoiceAt").textValue()).isAfter(END),
                        "no period that fell due is left uninvoiced: " + subscription);
                LocalDate lastEnd = LocalDate.parse(periods.get(periods.size() - 1).get("periodEnd").textValue());
                assertTrue(lastEnd.isAfter(LocalDate.ofInstant(END, ZoneId.of("Europe/London"))), periods.toString());
            }
        }

        for (Map.Entry<String, String> paid : paymentOf.entrySet()) {
            JsonNode invoice = expect(api.get("/invoices/" + paid.getKey()), 200);
            assertEquals("paid", invoice.get("status").textValue(), invoice.toString());
            assertEquals(invoice.get("total").longValue(), invoice.get("amountPaid").longValue(), invoice.toString());
            assertEquals(1, invoice.get("payments").size(), "applied exactly once: " + invoice);
            JsonNode payment = expect(api.get("/payments/" + invoice.at("/payments/0/paymentId").textValue()), 200);
            assertEquals(paid.getValue(), payment.get("providerPaymentId").textValue());
        }
        long held = LocalTestData.unapplied(api).stream()
                .filter(p -> p.get("providerPaymentId").textValue().contains("BNK-RESTART-1")).count();
        assertEquals(1, held, "the unidentified transfer is held once");
        assertOutboxListsItsFolder(api, out);
        assertTrue(startsWith(Files.readAllBytes(out.resolve("functions.log")), logAfterFirst),
                "functions.log is appended to, never truncated");

        third.process().destroy();
        assertTrue(third.process().waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private Runner launch(String name, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        String repoRoot = System.getProperty("periodic.repoRoot");
        if (repoRoot != null) {
            command.add("-Dperiodic.repoRoot=" + repoRoot);
        }
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Path console = dir.resolve(name + "-console.log");
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    Files.writeString(console, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "runner-console-" + name);
        reader.setDaemon(true);
        reader.start();
        Runner partial = new Runner(process, lines, null);
        String portLine = awaitLine(partial, line -> line.startsWith("PORT ")
                || line.contains("running locally on http://127.0.0.1:"));
        Matcher port = Pattern.compile("(?:PORT |127\\.0\\.0\\.1:)(\\d+)").matcher(portLine);
        assertTrue(port.find(), portLine);
        return new Runner(process, lines, new LocalClient(URI.create("http://127.0.0.1:" + port.group(1) + "/")));
    }

    private static String awaitLine(Runner runner, Predicate<String> wanted) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (System.nanoTime() < giveUp) {
            String line = runner.lines().poll(1, TimeUnit.SECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
            if (line == null && !runner.process().isAlive() && runner.lines().isEmpty()) {
                fail("the runner exited (" + runner.process().exitValue() + ") before printing the expected line");
            }
        }
        fail("the runner did not print the expected line within " + PATIENCE_SECONDS + " s");
        return null;
    }

    private static void kill(Runner runner) throws InterruptedException {
        runner.process().destroyForcibly();
        assertTrue(runner.process().waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS), "killed");
    }

    /** The advance's HTTP status, or -1 when it got no answer (the runner was killed). */
    private static CompletableFuture<Integer> advanceInBackground(LocalClient api, Instant to) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return api.advance(to).status();
            } catch (UncheckedIOException | IllegalStateException noAnswer) {
                return -1;
            }
        });
    }

    private static void assertOutboxListsItsFolder(LocalClient api, Path out) throws IOException {
        long files;
        try (Stream<Path> list = Files.list(out.resolve("outbox"))) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".txt")).count();
        }
        JsonNode listed = expect(api.get("/_local/outbox"), 200).get("emails");
        assertTrue(files > 0, "mails were sent");
        assertEquals(files, listed.size(), "the outbox lists every mail in its folder");
    }

    private static boolean startsWith(byte[] all, byte[] prefix) {
        return all.length >= prefix.length
                && Arrays.equals(Arrays.copyOf(all, prefix.length), prefix);
    }

    private static String decimal(long cents) {
        return cents / 100 + "." + String.format("%02d", cents % 100);
    }
}
