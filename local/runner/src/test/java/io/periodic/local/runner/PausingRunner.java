package io.periodic.local.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./dev local serve} on a folder, for {@link LocalRunnerRestartTest}, that stops dead at a chosen point so the
 * test can kill it there: the first time a batch of {@code queue} has been handled (its writes done, its messages
 * not yet deleted) with the clock at or after {@code from}, it prints {@code PAUSED ...} and waits forever.
 *
 * <pre>java ... PausingRunner &lt;out folder&gt; &lt;queue&gt; &lt;from instant&gt;</pre>
 */
public final class PausingRunner {
    private PausingRunner() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String queue = args[1];
        Instant from = Instant.parse(args[2]);
        PrintStream console = LocalRunner.quietFunctions(out);
        AtomicBoolean paused = new AtomicBoolean();
        LocalSystem[] system = new LocalSystem[1];
        LocalSystem.Hooks pause = new LocalSystem.Hooks() {
            @Override
            public void afterBatch(String name, int messages) {
                if (name.equals(queue) && system[0] != null && !system[0].now().isBefore(from)
                        && paused.compareAndSet(false, true)) {
                    console.println("PAUSED at " + system[0].now() + " after a batch of " + messages + " on " + name);
                    console.flush();
                    while (true) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            // keep waiting: only a kill ends this process
                        }
                    }
                }
            }
        };
        LocalSystem.Options options = new LocalSystem.Options(out, Instant.parse("2027-01-01T00:00:00Z"),
                LocalRunner.DEFAULT_STRIPE_SECRET, LocalRunner.DEFAULT_STANDARD_SECRET, false)
                .withStorage(LocalSystem.Storage.FOLDER).withHooks(pause).withProgress(console::println);
        system[0] = new LocalSystem(options);
        LocalServer server = new LocalServer(system[0], 0);
        console.println("PORT " + server.port());
        console.flush();
        Thread.currentThread().join();
    }
}
