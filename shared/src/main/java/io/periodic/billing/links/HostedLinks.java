package io.periodic.billing.links;

import io.periodic.billing.ports.Secrets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The links to hosted invoice pages: {@code <base>/pay/<token>}, signed with the current key of {@code keys} and
 * checked against all of them (the current one and, during a rotation, the previous one).
 *
 * <p>How long a link lives: through the {@value #DAYS_AFTER_DUE}th day after the invoice's due date, and at least
 * through the {@value #MIN_DAYS}th day after the day it is made (a fresh link asked for long after the due date);
 * it expires at 00:00 UTC of the day after. Every mail made the same day for the same invoice carries the same
 * link (same key, same expiry).
 */
public final class HostedLinks {
    public static final int DAYS_AFTER_DUE = 90;
    public static final int MIN_DAYS = 30;

    private final Secrets keys;
    private final Supplier<String> baseUrl;

    /**
     * @param keys the signing keys, current first
     * @param baseUrl the public address of the HTTP API (a trailing slash is dropped), e.g.
     *     {@code https://abc123.execute-api.eu-west-1.amazonaws.com}
     */
    public HostedLinks(Secrets keys, String baseUrl) {
        this(keys, constant(Objects.requireNonNull(baseUrl, "baseUrl")));
    }

    /** With an address known only once a server is listening (the local runner's port). */
    public HostedLinks(Secrets keys, Supplier<String> baseUrl) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    private static Supplier<String> constant(String value) {
        return () -> value;
    }

    /** A link made on {@code today}: its address and the last day it opens the page. */
    public record Link(String url, LocalDate validThrough) {}

    /** When a link made on {@code today} for an invoice due on {@code dueDate} expires. */
    public static Instant expiry(LocalDate dueDate, LocalDate today) {
        LocalDate afterDue = dueDate.plusDays(DAYS_AFTER_DUE + 1);
        LocalDate least = today.plusDays(MIN_DAYS + 1);
        return (afterDue.isBefore(least) ? least : afterDue).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The link to the invoice's page, made on {@code today}. */
    public Link link(String invoiceId, LocalDate dueDate, LocalDate today) {
        Instant expiresAt = expiry(dueDate, today);
        String token = HostedLinkTokens.sign(invoiceId, expiresAt, current());
        String base = baseUrl.get().strip();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return new Link(base + "/pay/" + token, expiresAt.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1));
    }

    /** What the token says at {@code now}. */
    public HostedLinkTokens.Check check(String token, Instant now) {
        return HostedLinkTokens.check(token, keys.current(), now);
    }

    private String current() {
        List<String> all = keys.current();
        if (all.isEmpty()) {
            throw new IllegalStateException("no hosted link key is configured");
        }
        return all.getFirst();
    }
}
