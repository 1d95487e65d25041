package io.periodic.billing.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.IdempotentRequest;
import io.periodic.billing.model.InboundEvent;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Refund;
import io.periodic.billing.model.Subscription;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The data on DynamoDB does not change when the code does: every stored record, fully populated and sparse, is
 * written exactly as the golden files under {@code src/test/resources/stored-items/} say (attribute names, types
 * and values, with and without null attributes), and reads back equal. The golden files were captured from the
 * schemas as they were before the schemas were split and rewritten; a mismatch means stored items would change.
 * {@code -Dstored-items.update=true} rewrites them (only for a deliberate, migrated change of the stored form).
 */
class StoredItemsTest {
    private static final boolean UPDATE = Boolean.getBoolean("stored-items.update");

    static Stream<StoredItems.Case<?>> cases() {
        return StoredItems.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <T> void writesExactlyTheGoldenItem(StoredItems.Case<T> c) throws IOException {
        String actual = "# itemToMap(item, ignoreNulls = true)\n" + StoredForm.render(c.schema().itemToMap(c.item(), true))
                + "# itemToMap(item, ignoreNulls = false)\n" + StoredForm.render(c.schema().itemToMap(c.item(), false));
        Path golden = moduleDirectory().resolve("src/test/resources/stored-items").resolve(c.name() + ".txt");
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(golden), golden + " is missing");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, c.name() + ": the stored item changed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <T> void readsTheStoredItemBackEqual(StoredItems.Case<T> c) {
        for (boolean ignoreNulls : List.of(true, false)) {
            assertSame(c.item(), c.schema().mapToItem(c.schema().itemToMap(c.item(), ignoreNulls)), c.name());
        }
    }

    static Stream<StoredItems.Case<?>> casesWithBuilders() {
        return StoredItems.all().stream().filter(c -> rebuilt(c.item()) != null);
    }

    /** A builder copies every field: a fully populated record rebuilt from {@code toBuilder()} is equal to it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithBuilders")
    void toBuilderKeepsEveryField(StoredItems.Case<?> c) {
        assertEquals(c.item(), rebuilt(c.item()));
    }

    private static Object rebuilt(Object item) {
        return switch (item) {
            case Invoice i -> i.toBuilder().build();
            case Subscription s -> s.toBuilder().build();
            case Payment p -> p.toBuilder().build();
            case Customer c -> c.toBuilder().build();
            case Refund r -> r.toBuilder().build();
            case IdempotentRequest r -> r.toBuilder().build();
            case CreditNote n -> n.toBuilder().build();
            default -> null;
        };
    }

    @Test
    void everySchemaHasAFullAndASparseCaseOrNoOptionalField() {
        Set<TableSchema<?>> covered = StoredItems.all().stream().map(StoredItems.Case::schema)
                .collect(Collectors.toSet());
        for (TableSchema<?> schema : StoredItems.SCHEMAS) {
            assertTrue(covered.contains(schema), schema.itemType() + " has no golden case");
        }
        assertEquals(StoredItems.SCHEMAS.size(), covered.size(), "a case uses a schema missing from SCHEMAS");
    }

    /** Items stored before fields were added, or with defaults left out, read with the documented defaults. */
    @Test
    void absentAttributesReadAsTheirDefaults() {
        for (StoredItems.Case<?> c : StoredItems.all()) {
            Map<String, String> defaults = Map.of(
                    "payment.sparse", "payer announced",
                    "idempotent-request.sparse", "statusCode interrupted",
                    "inbound-event.sparse", "notifications ttl body payload",
                    "sequence.sparse", "last",
                    "seller.no-bank", "numberSeries receipts",
                    "dunning-policy.sparse", "lateFeePercent lateFeeFixedMinor lateFeeCapMinor markUncollectibleOnSuspend",
                    "plan.sparse", "active",
                    "subscription.sparse", "cancelAtPeriodEnd nextPeriodIndex pendingCharges",
                    "invoice.sparse", "lines creditApplied amountPaid credited");
            String absent = defaults.get(c.name());
            if (absent != null) {
                readsWithout(c, List.of(absent.split(" ")));
            }
        }
        StoredItems.Case<?> marker = StoredItems.all().stream().filter(c -> c.name().equals("commit-marker"))
                .findFirst().orElseThrow();
        Map<String, AttributeValue> noTtl = new HashMap<>(marker.schema().itemToMap(cast(marker.item()), true));
        noTtl.remove(BillingTable.TTL);
        assertEquals(new IdempotencySchema.CommitMarker("scope-sha", 0), marker.schema().mapToItem(noTtl));
    }

    /** Deliveries stored before bodies were bytes hold the text as {@code payload}: read as its UTF-8 bytes. */
    @Test
    void aDeliveryStoredAsTextReadsAsItsUtf8Bytes() {
        InboundEvent event = new InboundEvent("stripe", "evt_old", "charge.refunded", InboundEvent.Status.RECEIVED,
                null, 1, StoredItems.T0, 1_795_000_000L, 1L);
        Map<String, AttributeValue> stored = new HashMap<>(InboundEventSchema.INBOUND_EVENT.itemToMap(event, true));
        stored.put("payload", AttributeValue.fromS("{\"amount\":\"€5\"}"));
        InboundEvent read = InboundEventSchema.INBOUND_EVENT.mapToItem(stored);
        assertArrayEquals("{\"amount\":\"€5\"}".getBytes(StandardCharsets.UTF_8), read.body());
        stored.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1})));
        assertArrayEquals(new byte[] {1}, InboundEventSchema.INBOUND_EVENT.mapToItem(stored).body(), "the bytes win");
    }

    private static <T> void readsWithout(StoredItems.Case<T> c, List<String> attributes) {
        Map<String, AttributeValue> stored = new HashMap<>(c.schema().itemToMap(c.item(), true));
        attributes.forEach(stored::remove);
        assertSame(c.item(), c.schema().mapToItem(stored), c.name() + " without " + attributes);
    }

    /** Record equality, except that byte arrays (an event's body) compare by content. */
    private static void assertSame(Object expected, Object actual, String message) {
        if (expected instanceof InboundEvent e && actual instanceof InboundEvent a) {
            assertArrayEquals(e.body(), a.body(), message);
            assertEquals(List.of(e.provider(), e.eventId(), e.type(), e.status(), e.notifications(), e.receivedAt(),
                    e.expiresAt(), String.valueOf(e.version())), List.of(a.provider(), a.eventId(), a.type(), a.status(),
                    a.notifications(), a.receivedAt(), a.expiresAt(), String.valueOf(a.version())), message);
            return;
        }
        assertEquals(expected, actual, message);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object item) {
        return (T) item;
    }

    /** target/test-classes → the module directory. */
    private static Path moduleDirectory() {
        try {
            Path classes = Path.of(StoredItemsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
