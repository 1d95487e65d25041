package io.periodic.billing.service;

import io.periodic.billing.persistence.Page;
import java.util.List;

/**
 * One page of a listing as the use cases hand it out: the items and the opaque cursor of the next page (null at
 * the end), to be passed back unchanged. A cursor that is not one the same listing handed out is refused as bad
 * input (IllegalArgumentException) before anything is read.
 */
public record Listing<T>(List<T> items, String nextCursor) {
    public Listing {
        items = List.copyOf(items);
    }

    static <T> Listing<T> of(Page<T> page) {
        return new Listing<>(page.items(), page.cursor());
    }
}
