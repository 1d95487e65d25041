package io.periodic.bench;

import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.Engines;
import io.periodic.local.engines.StackResources;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code ./dev bench}: prints the figures (it asserts nothing; tests assert behaviour). Runs on this machine's JDK;
 * the JVM options are those of the java21 runtime.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        Path root = Engines.templatePath().getParent();
        Path work = Files.createDirectories(root.resolve("target/bench"));
        StackResources resources = StackResources.fromTemplate(Engines.templatePath());
        try (DynamoDbLocalEngine dynamo = DynamoDbLocalEngine.start(); ElasticMqEngine mq = ElasticMqEngine.start();
                AwsStub stub = new AwsStub()) {
            resources.createQueues(mq.client());
            ColdStarts coldStarts = new ColdStarts(root, work, dynamo, mq, resources, stub);
            ColdStarts.Variant baseline = baseline(root);
            System.out.printf("%n=== Cold start: fresh JVM per run (java21 runtime options; JDK %s), process start to "
                    + "first event handled, median of %d ===%n", Runtime.version(), runs);
            System.out.println("deployed = the function's deployment jar; baseline = the same code built the default "
                    + "way (builder.build(): Apache HTTP client, default region and credential chains; "
                    + "TableSchema.fromBean)");
            System.out.printf("%-18s %9s %9s %9s | %9s %9s %9s | %6s | %7s %7s%n", "function", "deployed", "init",
                    "1st evt", "baseline", "init", "1st evt", "ratio", "jar MB", "zip MB");
            for (ColdStarts.Function f : ColdStarts.FUNCTIONS) {
                ColdStarts.Result d = coldStarts.measure(f, runs, ColdStarts.Variant.DEPLOYED);
                ColdStarts.Result b = coldStarts.measure(f, runs, baseline);
                long zipped = zippedSize(root.resolve("functions").resolve(f.module()).resolve("target/function.jar"));
                long dw = d.median(ColdStarts.Run::wallMillis);
                long bw = b.median(ColdStarts.Run::wallMillis);
                System.out.printf("%-18s %9d %9d %9d | %9d %9d %9d | %6.2f | %7.1f %7.1f%n", f.module(), dw,
                        d.median(ColdStarts.Run::initMillis), d.median(ColdStarts.Run::invokeMillis), bw,
                        b.median(ColdStarts.Run::initMillis), b.median(ColdStarts.Run::invokeMillis),
                        (double) dw / bw, d.jarBytes() / 1048576.0, zipped / 1048576.0);
                System.out.println("    first event: " + abbreviate(d.runs().get(0).result()));
                if (!sameOutcome(d.runs().get(0).result(), b.runs().get(0).result())) {
                    System.out.println("    baseline's:  " + abbreviate(b.runs().get(0).result()));
                }
            }
        }
    }

    /** The baseline variant: bench/baseline's classes before the jar, the Apache HTTP client after it. */
    static ColdStarts.Variant baseline(Path root) throws IOException {
        Path module = root.resolve("bench/baseline/target");
        List<String> libs;
        try (var files = Files.list(module.resolve("lib"))) {
            libs = files.map(Path::toString).sorted().toList();
        }
        return new ColdStarts.Variant("baseline", List.of(module.resolve("classes").toString()), libs,
                List.of("-Dsoftware.amazon.awssdk.http.service.impl=software.amazon.awssdk.http.apache."
                        + "ApacheSdkHttpService"));
    }

    /** Whether two first-event results say the same (ids and times differ between runs). */
    static boolean sameOutcome(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    private static String normalise(String s) {
        return s.replaceAll("cus_[0-9a-f]{32}", "cus_x").replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z", "T")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "uuid");
    }

    /** The size of the deployment package SAM uploads: a zip holding lib/function.jar. */
    static long zippedSize(Path jar) throws IOException {
        CountingStream counter = new CountingStream();
        try (ZipOutputStream zip = new ZipOutputStream(counter)) {
            zip.putNextEntry(new ZipEntry("lib/function.jar"));
            Files.copy(jar, zip);
            zip.closeEntry();
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
