package io.periodic.billing.service;

import io.periodic.billing.model.MailDelivery;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.Mailer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends a customer mail at most once per key and at least once: claims the key create-once
 * ({@code MAIL#<key>}, {@code SENDING}), sends, marks it {@code SENT}. A later attempt finds {@code SENT} and sends
 * nothing; finds a fresh {@code SENDING} (another attempt is sending right now) and fails so its event is retried;
 * finds a {@code SENDING} older than {@link #LEASE} (an attempt crashed) and takes it over (version-checked: one
 * taker) and sends. When the mailer refuses the mail, the claim is released at once (its lease ends), so the retry
 * sends without waiting. The one window left is a crash after the mailer accepted the mail and
 * before {@code SENT} was written: that mail goes twice, never zero times (docs/delivery.md).
 */
public final class MailOnce {
    /** How long a claim protects a send in flight before another attempt may take it over. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final BillingStore store;
    private final Mailer mailer;
    private final Clock clock;

    public MailOnce(BillingStore store, Mailer mailer, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Sends the mail unless its key was sent before; whether it was sent now. */
    public boolean send(Email email) {
        Optional<MailDelivery> claim = claim(email);
        if (claim.isEmpty()) {
            return false;
        }
        try {
            mailer.send(email);
        } catch (RuntimeException refused) {
            release(claim.get());
            throw refused;
        }
        try {
            store.mails().update(claim.get().sent(clock.now()));
        } catch (ConcurrentUpdateException e) {
            // Another attempt took the lease over meanwhile (this send outlived it): it marks the mail itself.
            return true;
        }
        return true;
    }

    private void release(MailDelivery claim) {
        try {
            store.mails().update(claim.reclaimed(Instant.EPOCH));
        } catch (RuntimeException e) {
            // The lease then ends on its own: the retry waits for it.
        }
    }

    /** Whether a mail under {@code key} was sent. */
    public boolean sent(String key) {
        return store.mails().get(key).filter(m -> m.status() == MailDelivery.Status.SENT).isPresent();
    }

    private Optional<MailDelivery> claim(Email email) {
        try {
            return Optional.of(store.mails().create(MailDelivery.claim(email.key(), email.to(), clock.now())));
        } catch (AlreadyExistsException taken) {
            MailDelivery current = store.mails().get(email.key()).orElseThrow(() -> taken);
            if (current.status() == MailDelivery.Status.SENT) {
                return Optional.empty();
            }
            if (current.claimedAt().plus(LEASE).isAfter(clock.now())) {
                throw new ConcurrentChangeException("mail " + email.key() + " is being sent by another attempt", taken);
            }
            try {
                return Optional.of(store.mails().update(current.reclaimed(clock.now())));
            } catch (ConcurrentUpdateException e) {
                throw new ConcurrentChangeException("mail " + email.key() + " was taken over by another attempt", e);
            }
        }
    }
}
