package io.periodic.billing.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * Pages through a sharded partition family (gsi2 listings, gsi3 work index) shard after shard: shard 0 to its end,
 * then shard 1, and so on. The cursor is {@code <shard>.<DynamoDB cursor of that shard, or empty>}, so a page can
 * end anywhere and the next request resumes exactly there. Items are in key order within a shard, not across
 * shards (documented in the API).
 */
final class ShardedPages {
    private ShardedPages() {}

    /** One shard's query: a page of at most {@code limit} items starting at {@code cursor} (null = the start). */
    @FunctionalInterface
    interface ShardQuery<T> {
        Page<T> page(int shard, int limit, String cursor);
    }

    static <T> Page<T> page(int limit, String cursor, ShardQuery<T> query) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, got " + limit);
        }
        int shard = 0;
        String inner = null;
        if (cursor != null && !cursor.isEmpty()) {
            int dot = cursor.indexOf('.');
            try {
                shard = Integer.parseInt(dot < 0 ? cursor : cursor.substring(0, dot));
            } catch (NumberFormatException e) {
                throw new InvalidCursorException("no shard number");
            }
            if (dot < 0 || shard < 0 || shard >= BillingTable.SHARDS) {
                throw new InvalidCursorException("no such shard");
            }
            inner = cursor.substring(dot + 1);
            if (inner.isEmpty()) {
                inner = null;
            }
        }
        List<T> items = new ArrayList<>();
        while (shard < BillingTable.SHARDS) {
            Page<T> page = query.page(shard, limit - items.size(), inner);
            items.addAll(page.items());
            if (page.hasMore()) {
                if (items.size() >= limit) {
                    return new Page<>(items, shard + "." + page.cursor());
                }
                inner = page.cursor();
                continue;
            }
            shard++;
            inner = null;
            if (items.size() >= limit) {
                return new Page<>(items, shard < BillingTable.SHARDS ? shard + "." : null);
            }
        }
        return new Page<>(items, null);
    }

    /** Every item of every shard (reports): pages of 500 until the end. */
    static <T> List<T> all(ShardQuery<T> query) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = page(500, cursor, query);
            all.addAll(page.items());
            cursor = page.cursor();
        } while (cursor != null);
        return all;
    }
}
