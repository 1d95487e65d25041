package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.required;

import java.time.Instant;

/**
 * The record that a customer mail about one business fact was sent, created once under the mail's key (e.g.
 * {@code invoice.finalized:<invoice id>}, {@code receipt:<payment id>:<invoice id>}), so a redelivered event or a
 * repeated step never mails the customer twice (docs/delivery.md).
 *
 * @param status {@code SENDING} from the claim until the mailer accepted the mail, then {@code SENT}
 * @param claimedAt when the current attempt claimed it (a claim left {@code SENDING} by a crash is taken over later)
 * @param sentAt when the mailer accepted it; null while sending
 */
public record MailDelivery(String key, String to, Status status, Instant claimedAt, Instant sentAt, Long version) {
    public enum Status { SENDING, SENT }

    public MailDelivery {
        required(key, "mail key", 400);
        required(to, "recipient", 320);
        notNull(status, "status");
        notNull(claimedAt, "claimedAt");
        if ((status == Status.SENT) != (sentAt != null)) {
            throw new IllegalArgumentException("a mail has a sentAt exactly when it is SENT: " + status);
        }
    }

    public static MailDelivery claim(String key, String to, Instant at) {
        return new MailDelivery(key, to, Status.SENDING, at, null, null);
    }

    /** The same claim taken over by a later attempt at {@code at}. */
    public MailDelivery reclaimed(Instant at) {
        return new MailDelivery(key, to, Status.SENDING, at, null, version);
    }

    public MailDelivery sent(Instant at) {
        return new MailDelivery(key, to, Status.SENT, claimedAt, at, version);
    }

    public MailDelivery withVersion(Long newVersion) {
        return new MailDelivery(key, to, status, claimedAt, sentAt, newVersion);
    }
}
