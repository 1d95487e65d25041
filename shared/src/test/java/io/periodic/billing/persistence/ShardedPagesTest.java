package io.periodic.billing.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ShardedPages} over in-memory shards, with fakes that page the way DynamoDB may. */
class ShardedPagesTest {

    /** How a shard's query reports its end, like DynamoDB's LastEvaluatedKey. */
    enum Mode {
        /** A cursor only when more items follow. */
        EXACT,
        /** A cursor whenever the limit was reached, even at the very end (DynamoDB does this). */
        CURSOR_AT_LIMIT,
        /** At most 2 items a call, with a cursor when more follow (a 1 MB-capped DynamoDB page). */
        STINGY
    }

    /** {@link BillingTable#SHARDS} in-memory shards; cursors are "at.<index>" (with a dot, to test parsing). */
    static final class FakeShards implements ShardedPages.ShardQuery<String> {
        final List<List<String>> shards = new ArrayList<>();
        final Mode mode;
        final List<String> calls = new ArrayList<>();
        int maxLimitAsked;

        FakeShards(Mode mode, int... sizes) {
            assertEquals(BillingTable.SHARDS, sizes.length);
            this.mode = mode;
            for (int s = 0; s < sizes.length; s++) {
                int shard = s;
                shards.add(IntStream.range(0, sizes[s]).mapToObj(i -> "s" + shard + "-" + i).toList());
            }
        }

        List<String> everything() {
            return shards.stream().flatMap(List::stream).toList();
        }

        @Override
        public Page<String> page(int shard, int limit, String cursor) {
            assertTrue(shard >= 0 && shard < BillingTable.SHARDS, "shard " + shard);
            assertTrue(limit >= 1, "limit " + limit);
            calls.add(shard + "/" + limit + "/" + cursor);
            maxLimitAsked = Math.max(maxLimitAsked, limit);
            List<String> items = shards.get(shard);
            int from = cursor == null ? 0 : Integer.parseInt(cursor.substring("at.".length()));
            int take = Math.min(mode == Mode.STINGY ? Math.min(limit, 2) : limit, items.size() - from);
            int end = from + take;
            boolean more = end < items.size() || (mode == Mode.CURSOR_AT_LIMIT && take == limit);
            return new Page<>(items.subList(from, end), more ? "at." + end : null);
        }
    }

    /** Pages to the end; checks every page's shape and returns the items in the order received. */
    static List<String> pageThrough(FakeShards fake, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        int total = fake.everything().size();
        do {
            Page<String> page = ShardedPages.page(limit, cursor, fake);
            assertTrue(page.items().size() <= limit, "at most limit items");
            if (page.cursor() != null) {
                assertEquals(limit, page.items().size(), "a page with a next cursor is full");
            }
            seen.addAll(page.items());
            cursor = page.cursor();
            pages++;
            assertTrue(pages <= total / limit + 1, "ends: at most one page beyond the full ones");
        } while (cursor != null);
        return seen;
    }

    // shard 0 fills a page of 3 exactly; shards 0 + 2 fill a page of 7 exactly, then shard 3 fills the next
    static final int[] SIZES = {3, 0, 4, 7, 0, 1, 12, 0};

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 1000})
    void everyItemOnceInShardOrderEndingWithNoCursor(int limit) {
        for (Mode mode : Mode.values()) {
            FakeShards fake = new FakeShards(mode, SIZES);
            assertEquals(fake.everything(), pageThrough(fake, limit), mode + ", limit " + limit);
        }
    }

    @Test
    void aPageEndingWithAShardResumesAtTheNextShard() {
        FakeShards fake = new FakeShards(Mode.EXACT, SIZES);
        Page<String> first = ShardedPages.page(3, null, fake);
        assertEquals(List.of("s0-0", "s0-1", "s0-2"), first.items());
        assertEquals("1.", first.cursor(), "shard 0 is done: the next page starts at shard 1");
        Page<String> second = ShardedPages.page(3, first.cursor(), fake);
        assertEquals(List.of("s2-0", "s2-1", "s2-2"), second.items(), "empty shard 1 skipped");
        assertEquals("2.at.3", second.cursor(), "inner cursor kept whole, dots and all");
        Page<String> third = ShardedPages.page(3, second.cursor(), fake);
        assertEquals(List.of("s2-3", "s3-0", "s3-1"), third.items(), "a page spans shards");
        assertEquals("3.at.2", third.cursor());
    }

    @Test
    void aPageEndingOnTheLastShardsLastItemHasNoCursor() {
        FakeShards fake = new FakeShards(Mode.EXACT, 0, 0, 0, 0, 0, 0, 0, 3);
        Page<String> page = ShardedPages.page(3, null, fake);
        assertEquals(List.of("s7-0", "s7-1", "s7-2"), page.items());
        assertNull(page.cursor());
    }

    @Test
    void allShardsEmptyIsOneEmptyPage() {
        FakeShards fake = new FakeShards(Mode.CURSOR_AT_LIMIT, 0, 0, 0, 0, 0, 0, 0, 0);
        Page<String> page = ShardedPages.page(10, null, fake);
        assertEquals(List.of(), page.items());
        assertNull(page.cursor());
        assertEquals(BillingTable.SHARDS, fake.calls.size(), "each shard asked once");
        assertEquals(List.of(), ShardedPages.all(fake));
    }

    @Test
    void aCursorResumesTheNamedShardWithItsInnerCursor() {
        FakeShards fake = new FakeShards(Mode.EXACT, SIZES);
        Page<String> page = ShardedPages.page(2, "6.at.10", fake);
        assertEquals(List.of("s6-10", "s6-11"), page.items());
        assertEquals("6/2/at.10", fake.calls.get(0));
        assertEquals("7.", page.cursor());
        fake.calls.clear();
        Page<String> start = ShardedPages.page(2, "5.", fake);
        assertEquals(List.of("s5-0", "s6-0"), start.items(), "an empty inner cursor starts the shard");
        assertEquals("5/2/null", fake.calls.get(0));
        assertEquals(ShardedPages.page(4, "", fake).items(), ShardedPages.page(4, null, fake).items(),
                "an empty cursor is the start");
    }

    @Test
    void allReturnsEverythingInPagesOf500() {
        FakeShards fake = new FakeShards(Mode.CURSOR_AT_LIMIT, 0, 1_234, 500, 0, 499, 1, 0, 1_000);
        List<String> all = ShardedPages.all(fake);
        assertEquals(fake.everything(), all);
        assertEquals(500, fake.maxLimitAsked);
        FakeShards stingy = new FakeShards(Mode.STINGY, SIZES);
        assertEquals(stingy.everything(), ShardedPages.all(stingy));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "9.", "-1.", "3", "8.", "x.", ".", ".at.1", "1x.", "99999999999.", "0x1."})
    void invalidCursorsAreRefused(String cursor) {
        FakeShards fake = new FakeShards(Mode.EXACT, SIZES);
        InvalidCursorException e = assertThrows(InvalidCursorException.class,
                () -> ShardedPages.page(3, cursor, fake));
        assertTrue(e.getMessage().startsWith("invalid page cursor"), e.getMessage());
        assertEquals(List.of(), fake.calls, "no shard is queried");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void pageSizesOutside1To1000AreRefused(int limit) {
        FakeShards fake = new FakeShards(Mode.EXACT, SIZES);
        assertThrows(IllegalArgumentException.class, () -> ShardedPages.page(limit, null, fake));
        assertEquals(List.of(), fake.calls);
    }

    @Test
    void pageSizesAtTheBoundsAreAccepted() {
        FakeShards fake = new FakeShards(Mode.EXACT, SIZES);
        assertEquals(1, ShardedPages.page(1, null, fake).items().size());
        assertEquals(fake.everything(), ShardedPages.page(1000, null, fake).items());
    }

    // ------------------------------------------------------------------------------------------------ property

    @Provide
    Arbitrary<int[]> shardSizes() {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(1, 12)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(13, 60)));
        return size.array(int[].class).ofSize(BillingTable.SHARDS);
    }

    @Property(tries = 400)
    void pagingVisitsEveryItemOnceInShardOrder(@ForAll("shardSizes") int[] sizes,
            @ForAll @IntRange(min = 1, max = 40) int limit, @ForAll Mode mode) {
        FakeShards fake = new FakeShards(mode, sizes);
        assertEquals(fake.everything(), pageThrough(fake, limit));
    }
}
