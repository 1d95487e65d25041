package io.periodic.billing.persistence;

import io.periodic.billing.model.MailDelivery;
import java.util.Optional;

/** Customer mails sent, create-once on the mail's key ({@code MAIL#<key> / MAIL}): each business fact mailed once. */
public final class MailRepository {
    private final EntityTable<MailDelivery> mails;

    MailRepository(EntityTable<MailDelivery> mails) {
        this.mails = mails;
    }

    /**
     * Stores a new claim; the same key again fails with {@link AlreadyExistsException}.
     */
    public MailDelivery create(MailDelivery claim) {
        return mails.create(claim);
    }

    public Optional<MailDelivery> get(String key) {
        return mails.get(pk(key), "MAIL");
    }

    /**
     * Stores a new state (taken over, sent) if nobody changed it since it was read.
     *
     * @throws ConcurrentUpdateException when another attempt changed it meanwhile
     */
    public MailDelivery update(MailDelivery mail) {
        return mails.update(mail);
    }

    static String pk(String key) {
        return "MAIL#" + key;
    }
}
