package io.periodic.billing.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The secrets cache: five minutes warm, and never carried through a SnapStart checkpoint or restore. */
class SsmSecretsTest {
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<String> stored = new AtomicReference<>("whsec_one\nwhsec_two");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SsmSecrets<List<String>> secrets = new SsmSecrets<>("/periodic/test", () -> {
        reads.incrementAndGet();
        return stored.get();
    }, value -> List.of(value.split("\n")), clock);

    @Test
    void aSecretIsReadOnceAndKeptForFiveMinutes() {
        assertEquals(List.of("whsec_one", "whsec_two"), secrets.get());
        assertEquals(List.of("whsec_one", "whsec_two"), secrets.get());
        assertEquals(1, reads.get());
        stored.set("whsec_three");
        clock.now = clock.now.plus(SsmSecrets.TTL).minusSeconds(1);
        assertEquals(List.of("whsec_one", "whsec_two"), secrets.get(), "still cached");
        clock.now = clock.now.plusSeconds(1);
        assertEquals(List.of("whsec_three"), secrets.get(), "a rotation is seen after five minutes");
        assertEquals(2, reads.get());
    }

    @Test
    void theCacheIsEmptyBeforeTheCheckpointAndAfterEveryRestore() {
        secrets.get();
        assertTrue(secrets.isCached());
        secrets.beforeCheckpoint(null);
        assertFalse(secrets.isCached(), "nothing secret goes into the snapshot");

        secrets.get(); // e.g. a delivery handled during initialisation, after the hook ran
        secrets.afterRestore(null);
        assertFalse(secrets.isCached(), "a restored copy starts without any secret");
        stored.set("whsec_rotated");
        assertEquals(List.of("whsec_rotated"), secrets.get(), "and reads the current one on its first delivery");
        assertEquals(3, reads.get());
    }

    @Test
    void itsDescriptionNamesTheParameterNeverTheValue() {
        secrets.get();
        assertFalse(secrets.toString().contains("whsec_"), secrets.toString());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
