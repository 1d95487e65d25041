package io.periodic.billing.aws;

import io.periodic.billing.ports.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Signing secrets from an SSM Parameter Store SecureString (never from plain environment values): one secret per
 * line, the current one first, the previous one after it during a rotation. Cached for five minutes per execution
 * environment, so a rotation reaches every warm function within that time while both secrets are accepted.
 */
public final class SsmSecrets implements Secrets {
    private static final Duration TTL = Duration.ofMinutes(5);
    private final SsmClient ssm;
    private final String parameterName;
    private volatile List<String> cached;
    private volatile Instant fetchedAt = Instant.EPOCH;

    public SsmSecrets(SsmClient ssm, String parameterName) {
        this.ssm = ssm;
        this.parameterName = parameterName;
    }

    @Override
    public List<String> current() {
        if (cached == null || Instant.now().isAfter(fetchedAt.plus(TTL))) {
            String value = ssm.getParameter(r -> r.name(parameterName).withDecryption(true)).parameter().value();
            cached = Arrays.stream(value.split("[\\r\\n]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            fetchedAt = Instant.now();
            if (cached.isEmpty()) {
                throw new IllegalStateException("SSM parameter " + parameterName + " holds no secret");
            }
        }
        return cached;
    }
}
