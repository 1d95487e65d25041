package io.periodic.billing.ports;

import java.util.Objects;

/**
 * An e-mail to a customer.
 *
 * @param key a deterministic key of what this mail is about (e.g. {@code invoice.finalized:<invoice id>}), used
 *     to name it in the outbox and to tag it in SES
 */
public record Email(String key, String to, String subject, String textBody, String htmlBody) {
    public Email {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(textBody, "textBody");
    }
}
