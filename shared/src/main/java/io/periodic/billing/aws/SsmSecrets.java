package io.periodic.billing.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Signing secrets from an SSM Parameter Store SecureString (never from plain environment values), read when a
 * delivery needs them and cached for five minutes per execution environment, so a rotation reaches every warm
 * function within that time while the old and the new secret are both accepted.
 *
 * <p>Never in a SnapStart snapshot: the cache is a CRaC {@link Resource} emptied before the checkpoint and again
 * after every restore, so a secret read during initialisation (priming never reads one) cannot live on in the
 * snapshot's memory, and every restored copy reads the current value on its first delivery.
 *
 * @param <T> the parsed value: the Stripe endpoint secrets ({@link #lines}) or the Standard Webhooks connectors
 */
public final class SsmSecrets<T> implements Resource {
    static final Duration TTL = Duration.ofMinutes(5);

    private final Supplier<String> fetch;
    private final Function<String, T> parse;
    private final Clock clock;
    private final String name;
    private volatile Cached<T> cached;

    private record Cached<T>(T value, Instant fetchedAt) {}

    /**
     * @param fetch reads the parameter's current value (decrypted)
     * @param parse turns the value into what callers use; throws {@link IllegalStateException} for a value that
     *     is not valid (its message must never contain the value)
     */
    SsmSecrets(String name, Supplier<String> fetch, Function<String, T> parse, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.parse = Objects.requireNonNull(parse, "parse");
        this.clock = Objects.requireNonNull(clock, "clock");
        Core.getGlobalContext().register(this); // held strongly by its handler; CRaC holds resources weakly
    }

    /** A parameter read with {@code ssm} and parsed by {@code parse}. */
    public static <T> SsmSecrets<T> of(SsmClient ssm, String parameterName, Function<String, T> parse) {
        Objects.requireNonNull(ssm, "ssm");
        return new SsmSecrets<>(parameterName,
                () -> ssm.getParameter(r -> r.name(parameterName).withDecryption(true)).parameter().value(),
                parse, Clock.systemUTC());
    }

    /** One secret per line, the current one first, the previous one after it during a rotation (Stripe). */
    public static SsmSecrets<List<String>> lines(SsmClient ssm, String parameterName) {
        return of(ssm, parameterName, value -> {
            List<String> secrets = Arrays.stream(value.split("[\\r\\n]+")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            if (secrets.isEmpty()) {
                throw new IllegalStateException("SSM parameter " + parameterName + " holds no secret");
            }
            return secrets;
        });
    }

    /** The parsed value, read from SSM when not cached or older than five minutes. */
    public T get() {
        Cached<T> c = cached;
        Instant now = clock.instant();
        if (c == null || !now.isBefore(c.fetchedAt().plus(TTL))) {
            T value = parse.apply(fetch.get());
            cached = c = new Cached<>(value, now);
        }
        return c.value();
    }

    /** Whether a value is held in memory now. */
    public boolean isCached() {
        return cached != null;
    }

    /** Forgets the cached value; the next {@link #get} reads the parameter again. */
    public void clear() {
        cached = null;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        clear();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        clear();
    }

    @Override
    public String toString() {
        return "SsmSecrets[" + name + "]"; // never the value
    }
}
