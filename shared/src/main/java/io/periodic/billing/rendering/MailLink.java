package io.periodic.billing.rendering;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The link a customer mail carries to its invoice: the hosted invoice page (signed, expiring: {@code validThrough}
 * is its last valid day, which the mail states) or, where no hosted link is configured, the stored document
 * ({@code validThrough} null).
 */
public record MailLink(String url, LocalDate validThrough) {
    public MailLink {
        Objects.requireNonNull(url, "url");
    }
}
