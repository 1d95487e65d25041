package io.periodic.local.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalSystem} and its {@link LocalServer} for a whole test class, driven over HTTP ({@link #api()}): in a
 * fresh output folder, in memory, on the clock at {@link #START}, with the functions' JSON log lines in
 * {@code functions.log} there rather than in the build output, and (unless {@link #withoutSettings}) the test
 * seller's settings put. Register it as a static field:
 * {@code @RegisterExtension static final LocalRunnerExtension runner = new LocalRunnerExtension();}. The class's own
 * {@code @AfterAll} methods run before it stops the system.
 */
final class LocalRunnerExtension implements BeforeAllCallback, AfterAllCallback {
    static final Instant START = Instant.parse("2027-01-01T00:00:00Z");

    private final UnaryOperator<LocalSystem.Options> configure;
    private final boolean settings;
    private Path out;
    private PrintStream originalOut;
    private LocalSystem system;
    private LocalServer server;
    private LocalClient api;

    LocalRunnerExtension() {
        this(options -> options, true);
    }

    private LocalRunnerExtension(UnaryOperator<LocalSystem.Options> configure, boolean settings) {
        this.configure = configure;
        this.settings = settings;
    }

    /** The same, with the options changed (hooks, progress) when the system starts. */
    LocalRunnerExtension options(UnaryOperator<LocalSystem.Options> change) {
        return new LocalRunnerExtension(options -> change.apply(configure.apply(options)), settings);
    }

    /** The same, without putting the settings (the test puts its own). */
    LocalRunnerExtension withoutSettings() {
        return new LocalRunnerExtension(configure, false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        out = Files.createTempDirectory("local-runner-test");
        originalOut = System.out;
        System.setOut(new PrintStream(Files.newOutputStream(out.resolve("functions.log")), true,
                StandardCharsets.UTF_8));
        system = new LocalSystem(configure.apply(new LocalSystem.Options(out, START, LocalRunner.DEFAULT_STRIPE_SECRET,
                LocalRunner.DEFAULT_STANDARD_SECRET, false)));
        server = new LocalServer(system, 0);
        api = new LocalClient(base());
        if (settings) {
            LocalTestData.settings(api);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (server != null) {
                server.close();
            }
            if (system != null) {
                system.close();
            }
        } finally {
            if (originalOut != null) {
                System.out.close();
                System.setOut(originalOut);
            }
            delete(out);
        }
    }

    LocalClient api() {
        return api;
    }

    LocalSystem system() {
        return system;
    }

    /** The server's address, e.g. {@code http://127.0.0.1:54321/}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    private static void delete(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
