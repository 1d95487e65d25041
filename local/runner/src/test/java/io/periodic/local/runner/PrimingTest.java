package io.periodic.local.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.periodic.billing.model.Address;
import io.periodic.billing.model.SellerProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SnapStart priming runs every function's hot path before the snapshot, in production, against the real table:
 * it must write nothing, send nothing, enqueue nothing and publish nothing. Checked with every function wired to
 * DynamoDB Local and ElasticMQ by the local runner.
 */
class PrimingTest {
    @Test
    void primingEveryFunctionWritesSendsAndPublishesNothing(@TempDir Path out) throws Exception {
        try (LocalSystem system = new LocalSystem(new LocalSystem.Options(out, Instant.parse("2027-01-01T00:00:00Z"),
                LocalRunner.DEFAULT_STRIPE_SECRET, LocalRunner.DEFAULT_STANDARD_SECRET, true))) {
            system.store().settings().putSeller(new SellerProfile("Seller", new Address("1 Main St", null, null,
                    "Springfield", null, "US"), "billing@seller.example", null, null, null, null, null, "INV", "CN"));
            long items = system.itemCount();

            system.primeAll();
            system.primeAll(); // as often as Lambda snapshots: every published version

            assertEquals(items, system.itemCount(), "no item written");
            assertEquals(0, system.queuedMessages(), "nothing enqueued");
            assertEquals(0, system.outbox().size(), "no e-mail");
            assertFalse(Files.exists(system.eventLog()) && Files.size(system.eventLog()) > 0, "no event published");
            assertFalse(Files.exists(out.resolve("documents/priming")), "no document stored");
        }
    }
}
