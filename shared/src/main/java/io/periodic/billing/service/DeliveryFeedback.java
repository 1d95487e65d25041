package io.periodic.billing.service;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.DeliveryStatus;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.MailEvent;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.Page;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.MailTags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What SES reports about the mail we sent (delivered, bounced, complained, rejected; docs/delivery-status.md),
 * recorded once per event and recipient on the address's delivery status and, when the mail was about an invoice,
 * on that invoice's mail history; and the delivery problems a person looks at and clears. Feedback for an address
 * no customer has, or for a mail Periodic did not send (no {@code key} tag), is recorded and changes nothing; a
 * notification delivered twice changes nothing the second time.
 */
public final class DeliveryFeedback {
    private final BillingStore store;
    private final Clock clock;
    private final ConflictRetry retry = ConflictRetry.standard();

    public DeliveryFeedback(BillingStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * One SES notification, as the edge read it.
     *
     * @param eventId SES's {@code feedbackId} (bounce, complaint) or {@code <messageId>.<kind>} (delivery, reject)
     * @param keyTag the value of the mail's {@code key} tag (null: none)
     * @param recipients the addresses it is about (a bounce's bounced recipients, a delivery's recipients, ...)
     */
    public record Notification(String eventId, MailEvent.Kind kind, String messageId, String keyTag,
            List<String> recipients, String detail, Instant occurredAt) {
        public Notification {
            recipients = List.copyOf(recipients);
        }
    }

    /**
     * What one recipient's event did.
     *
     * @param duplicate it had been recorded before: nothing changed
     * @param status the address's status after it (null when the event changed none)
     * @param newlySuppressed the address gets no more mail from now on (a delivery problem for a person)
     */
    public record Recorded(MailEvent event, boolean duplicate, DeliveryStatus status, boolean newlySuppressed) {}

    /** A customer with the delivery status of its current address. */
    public record CustomerDelivery(Customer customer, DeliveryStatus status) {}

    /** Records a notification, one event per recipient. */
    public List<Recorded> record(Notification n) {
        String mailKey = MailTags.decode(n.keyTag());
        String invoiceId = invoiceOf(mailKey);
        List<Recorded> results = new ArrayList<>();
        for (String raw : n.recipients()) {
            String recipient = DeliveryStatus.normalise(raw);
            Instant now = clock.now();
            MailEvent.Handling handling = mailKey == null ? MailEvent.Handling.UNKNOWN_MESSAGE
                    : store.customers().findByEmail(recipient).isEmpty() ? MailEvent.Handling.UNKNOWN_ADDRESS
                    : MailEvent.Handling.APPLIED;
            MailEvent event = new MailEvent(n.eventId(), recipient, n.kind(), handling, n.messageId(), mailKey,
                    handling == MailEvent.Handling.APPLIED ? invoiceId : null, n.detail(), n.occurredAt(), now);
            results.add(handling == MailEvent.Handling.APPLIED ? apply(event) : recordOnly(event));
        }
        return results;
    }

    /** Records a notification that could not be read (kept for a person; {@code raw} is what arrived). */
    public Recorded malformed(String raw, String why) {
        Instant now = clock.now();
        MailEvent event = new MailEvent("malformed." + sha256(raw), "-", MailEvent.Kind.MALFORMED,
                MailEvent.Handling.MALFORMED, null, null, null, why + ": " + raw, now, now);
        return recordOnly(event);
    }

    /** The delivery status of an address (a fresh one when nothing was recorded for it). */
    public DeliveryStatus statusOf(String address) {
        String key = DeliveryStatus.normalise(address);
        return store.delivery().status(key).orElseGet(() -> DeliveryStatus.fresh(key));
    }

    /** A customer with the delivery status of its current e-mail address. */
    public CustomerDelivery customer(String customerId) {
        Customer customer = store.customers().get(customerId)
                .orElseThrow(() -> new NotFoundException("customer", customerId));
        return new CustomerDelivery(customer, statusOf(customer.email()));
    }

    /**
     * Lifts the suppression of the customer's current address (a person checked it): mail goes to it again. The
     * events stay recorded; clearing an address that suppresses nothing changes nothing.
     */
    public CustomerDelivery clear(String customerId) {
        Customer customer = customer(customerId).customer();
        String address = DeliveryStatus.normalise(customer.email());
        DeliveryStatus after = retry.run(() -> {
            DeliveryStatus status = statusOf(address);
            return status.suppresses() ? store.delivery().update(status.cleared(clock.now())) : status;
        });
        return new CustomerDelivery(customer, after);
    }

    /**
     * Customers whose current address gets no more mail, a page of suppressed addresses at a time (every customer
     * of such an address; an address no customer has any more is left out: its problem went with it).
     */
    public Listing<CustomerDelivery> problems(int limit, String cursor) {
        Page<DeliveryStatus> page = store.delivery().suppressed(limit, cursor);
        List<CustomerDelivery> found = new ArrayList<>();
        for (DeliveryStatus status : page.items()) {
            for (Customer customer : store.customers().findByEmail(status.address())) {
                if (DeliveryStatus.normalise(customer.email()).equals(status.address())) {
                    found.add(new CustomerDelivery(customer, status));
                }
            }
        }
        return new Listing<>(found, page.cursor());
    }

    /** The mail events of an invoice (delivered, bounced, complained, suppressed), oldest first. */
    public List<MailEvent> invoiceHistory(String invoiceId) {
        return store.delivery().eventsOfInvoice(invoiceId);
    }

    /**
     * Records that a mail to a suppressed address was not sent: once per mail key and address (a retried send
     * records nothing more), counted on the address's status.
     *
     * @return whether this was the first record of it
     */
    boolean suppressedSend(String mailKey, String address) {
        String recipient = DeliveryStatus.normalise(address);
        String id = "suppressed." + sha256(mailKey + "\n" + recipient);
        try {
            retry.run(() -> {
                DeliveryStatus status = statusOf(recipient);
                Instant now = clock.now();
                MailEvent event = new MailEvent(id, recipient, MailEvent.Kind.SUPPRESSED, MailEvent.Handling.APPLIED,
                        null, mailKey, invoiceOf(mailKey), status.suppressed() == null ? null
                                : "not sent: " + status.suppressed().name().toLowerCase(Locale.ROOT),
                        now, now);
                store.delivery().commit(event, status.withSuppressedSend());
                return null;
            });
            return true;
        } catch (AlreadyExistsException duplicate) {
            return false;
        }
    }

    private Recorded apply(MailEvent event) {
        try {
            return retry.run(() -> {
                DeliveryStatus before = statusOf(event.recipient());
                DeliveryStatus after = before.after(event.kind(), event.occurredAt(), event.mailKey(), event.detail());
                store.delivery().commit(event, after);
                return new Recorded(event, false, after, !before.suppresses() && after.suppresses());
            });
        } catch (AlreadyExistsException duplicate) {
            return new Recorded(event, true, null, false);
        }
    }

    private Recorded recordOnly(MailEvent event) {
        try {
            store.delivery().record(event);
            return new Recorded(event, false, null, false);
        } catch (AlreadyExistsException duplicate) {
            return new Recorded(event, true, null, false);
        }
    }

    private static String invoiceOf(String mailKey) {
        String named = MailTags.invoiceId(mailKey);
        return Ids.wellFormed(named) ? named : null;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
