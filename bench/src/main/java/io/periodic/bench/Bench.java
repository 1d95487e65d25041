package io.periodic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openhtmltopdf.util.XRLog;
import io.periodic.functions.invoicepdf.HtmlToPdf;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.Engines;
import io.periodic.local.engines.StackResources;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * {@code ./dev bench}: prints the figures (it asserts nothing; tests assert behaviour). Runs on this machine's JDK;
 * the JVM options are those of the java21 runtime.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        XRLog.setLoggingEnabled(false); // the PDF library logs every font it loads
        int runs = Integer.getInteger("bench.runs", 7);
        Path root = Engines.templatePath().getParent();
        Path work = Files.createDirectories(root.resolve("target/bench"));
        StackResources resources = StackResources.fromTemplate(Engines.templatePath());
        try (DynamoDbLocalEngine dynamo = DynamoDbLocalEngine.start(); ElasticMqEngine mq = ElasticMqEngine.start();
                AwsStub stub = new AwsStub()) {
            resources.createQueues(mq.client());
            ColdStarts coldStarts = new ColdStarts(root, work, dynamo, mq, resources, stub);
            ColdStarts.Variant baseline = baseline(root);
            System.out.printf("%n=== Cold start: fresh JVM per run (java21 runtime options; JDK %s), process start to "
                    + "first event handled, median of %d runs, variants interleaved ===%n", Runtime.version(), runs);
            System.out.println("deployed = the deployment jar, on-demand init; baseline = the same code built the "
                    + "default way (builder.build(): Apache HTTP client, default region and credential chains; "
                    + "TableSchema.fromBean);");
            System.out.println("snapstart = the deployment jar with its priming hooks run during init: the first "
                    + "event as it runs after a SnapStart restore (the restore itself is not emulated here)");
            System.out.printf("%-18s %8s %6s %6s | %8s %6s %6s | %6s | %9s %6s | %6s %6s%n", "function", "deployed",
                    "init", "1st", "baseline", "init", "1st", "ratio", "snapstart", "ratio", "jar MB", "zip MB");
            String only = System.getProperty("bench.only"); // one function, e.g. -Dbench.only=billing-api
            // Another checkout's deployment jars measured in the same runs, e.g. the commit before a change:
            // -Dbench.compareWith=../periodic-before (built there first with ./dev bench or ./dev package).
            String compareWith = System.getProperty("bench.compareWith");
            ColdStarts.Variant previous = compareWith == null || compareWith.isBlank() ? null
                    : ColdStarts.Variant.otherCheckout(Path.of(compareWith).toAbsolutePath().normalize());
            List<String> compared = new ArrayList<>();
            for (ColdStarts.Function f : ColdStarts.FUNCTIONS) {
                if (only != null && !only.equals(f.module())) {
                    continue;
                }
                List<ColdStarts.Variant> variants = new ArrayList<>(
                        List.of(ColdStarts.Variant.DEPLOYED, baseline, ColdStarts.Variant.SNAPSTART));
                if (previous != null) {
                    variants.add(previous);
                }
                List<ColdStarts.Result> measured = coldStarts.measureInterleaved(f, runs, variants);
                ColdStarts.Result d = measured.get(0);
                ColdStarts.Result b = measured.get(1);
                ColdStarts.Result p = measured.get(2);
                long zipped = zippedSize(root.resolve("functions").resolve(f.module()).resolve("target/function.jar"));
                long dw = d.median(ColdStarts.Run::wallMillis);
                long bw = b.median(ColdStarts.Run::wallMillis);
                long pf = p.median(ColdStarts.Run::invokeMillis);
                System.out.printf("%-18s %8d %6d %6d | %8d %6d %6d | %6.2f | %9d %6.2f | %6.1f %6.1f%n", f.module(),
                        dw, d.median(ColdStarts.Run::initMillis), d.median(ColdStarts.Run::invokeMillis), bw,
                        b.median(ColdStarts.Run::initMillis), b.median(ColdStarts.Run::invokeMillis),
                        (double) dw / bw, pf, (double) pf / bw, d.jarBytes() / 1048576.0, zipped / 1048576.0);
                System.out.println("    first event: " + abbreviate(d.runs().get(0).result()));
                if (previous != null) {
                    ColdStarts.Result c = measured.get(3);
                    long cw = c.median(ColdStarts.Run::wallMillis);
                    compared.add(String.format("%-18s %8d %8d %+7.1f%% | %6d %6d | %6d %6d | %6.2f %6.2f",
                            f.module(), cw, dw, 100.0 * (dw - cw) / cw, c.median(ColdStarts.Run::initMillis),
                            d.median(ColdStarts.Run::initMillis), c.median(ColdStarts.Run::invokeMillis),
                            d.median(ColdStarts.Run::invokeMillis), (double) cw / bw, (double) dw / bw));
                }
                for (ColdStarts.Result other : measured.subList(1, measured.size())) {
                    if (!sameOutcome(d.runs().get(0).result(), other.runs().get(0).result())) {
                        System.out.println("    differs:     " + abbreviate(other.runs().get(0).result()));
                    }
                }
            }
            if (previous != null) {
                System.out.printf("%n=== Cold start, this checkout (after) against %s (before), deployed jars, same "
                        + "runs, medians ===%n", previous.checkout());
                System.out.printf("%-18s %8s %8s %8s | %13s | %13s | %s%n", "function", "before", "after",
                        "change", "init bef/aft", "1st bef/aft", "before/baseline after/baseline");
                compared.forEach(System.out::println);
            }
            for (ColdStarts.Function f : ColdStarts.FUNCTIONS) {
                long heavy = heavyHttpClasses(root.resolve("functions").resolve(f.module()).resolve("target/function.jar"));
                if (heavy > 0) {
                    System.out.printf("%-18s WARNING: %d Apache/Netty HTTP client classes in the package%n", f.module(),
                            heavy);
                }
            }
            System.out.println("HTTP clients: URLConnection only; no Apache or Netty classes in any deployment package"
                    + " (checked above)");
            Path fonts = root.resolve("functions/invoice-pdf/target/fonts");
            System.out.printf("%-18s layer PdfFontsLayer (the PDF fonts): %.1f MB zipped%n", "invoice-pdf",
                    zippedSize(fonts) / 1048576.0);
            double[] pdf = warmPdf(stub);
            CostModel.print(CostModel.read(work, pdf[0], pdf[1], pdf[2]));
        }
        System.exit(0); // before exec:java closes its class loader under the engines' shutdown threads
    }

    /** Classes of the Apache or Netty HTTP clients in a jar (there should be none). */
    static long heavyHttpClasses(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith("software/amazon/awssdk/http/apache")
                    || n.startsWith("software/amazon/awssdk/http/nio/netty") || n.startsWith("io/netty/")
                    || n.startsWith("org/apache/http/")).count();
        }
    }

    /** Warm render time of the seeded invoice's PDF (median of 10 after 5 warm-ups) and the documents' sizes. */
    static double[] warmPdf(AwsStub stub) {
        String html = new String(stub.object(Seed.BUCKET, "invoices/" + Seed.OVERDUE_INVOICE + ".html"),
                StandardCharsets.UTF_8);
        byte[] pdf = null;
        for (int i = 0; i < 5; i++) {
            pdf = HtmlToPdf.render(html);
        }
        long[] times = new long[10];
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            pdf = HtmlToPdf.render(html);
            times[i] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        return new double[] {times[times.length / 2] / 1e6, html.length() / 1024.0, pdf.length / 1024.0};
    }

    /** The baseline variant: bench/baseline's classes before the jar, the Apache HTTP client after it. */
    static ColdStarts.Variant baseline(Path root) throws IOException {
        Path module = root.resolve("bench/baseline/target");
        List<String> libs;
        try (var files = Files.list(module.resolve("lib"))) {
            libs = files.map(Path::toString).sorted().toList();
        }
        return new ColdStarts.Variant(List.of(module.resolve("classes").toString()), libs,
                List.of("-Dsoftware.amazon.awssdk.http.service.impl=software.amazon.awssdk.http.apache."
                        + "ApacheSdkHttpService"), false);
    }

    /** Whether two first-event results say the same (ids, times and key order differ between runs). */
    static boolean sameOutcome(String a, String b) {
        try {
            ObjectMapper json = new ObjectMapper();
            return json.readTree(normalise(a)).equals(json.readTree(normalise(b)));
        } catch (IOException notJson) {
            return normalise(a).equals(normalise(b));
        }
    }

    private static String normalise(String s) {
        return s.replaceAll("cus_[0-9a-f]{32}", "cus_x").replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z", "T")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "uuid");
    }

    /**
     * The size of the package SAM uploads: a zip holding lib/function.jar (a function), or the folder's files under
     * fonts/ (a layer).
     */
    static long zippedSize(Path source) throws IOException {
        CountingStream counter = new CountingStream();
        try (ZipOutputStream zip = new ZipOutputStream(counter)) {
            if (Files.isDirectory(source)) {
                try (var files = Files.list(source)) {
                    for (Path file : files.sorted().toList()) {
                        zip.putNextEntry(new ZipEntry("fonts/" + file.getFileName()));
                        Files.copy(file, zip);
                        zip.closeEntry();
                    }
                }
            } else {
                zip.putNextEntry(new ZipEntry("lib/function.jar"));
                Files.copy(source, zip);
                zip.closeEntry();
            }
        }
        return counter.count;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 90 ? s.substring(0, 90) + "…" : s;
    }
}
