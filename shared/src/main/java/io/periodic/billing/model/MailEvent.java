package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import java.time.Instant;

/**
 * One thing that happened to one mail for one recipient, recorded once: SES's feedback (delivered, bounced,
 * complained, rejected), a send the delivery status suppressed, or a notification that could not be read. The
 * record is create-once on ({@code id}, {@code recipient}), so a notification delivered twice changes nothing the
 * second time (docs/delivery-status.md).
 *
 * @param id SES's {@code feedbackId} of a bounce or complaint, {@code <messageId>.<kind>} of a delivery or
 *     rejection, {@code suppressed.<hash>} of a suppressed send, {@code malformed.<hash>} of an unreadable one
 * @param recipient the address, lower-case ({@code -} when a malformed notification named none)
 * @param handling what was done with it
 * @param mailKey the key of the mail ({@link io.periodic.billing.ports.Email#key()}) when known
 * @param invoiceId the invoice the mail was about, when it was about one
 * @param detail SES's diagnostic (bounce type and sub-type, the remote server's answer), at most 1,000 characters
 */
public record MailEvent(String id, String recipient, Kind kind, Handling handling, String messageId,
        String mailKey, String invoiceId, String detail, Instant occurredAt, Instant recordedAt) {

    /** What happened. */
    public enum Kind {
        DELIVERED,
        /** SES's {@code Transient} bounce: recorded; repeated ones suppress (DeliveryStatus.SOFT_BOUNCE_LIMIT). */
        SOFT_BOUNCE,
        /** SES's {@code Permanent} bounce (and {@code Undetermined}): the address gets no more mail. */
        HARD_BOUNCE,
        /** The recipient marked the mail as spam: the address gets no more mail. */
        COMPLAINT,
        /** SES refused to send it (a virus): recorded, the address is not blamed. */
        REJECTED,
        /** Not sent: the address's delivery status suppresses mail. */
        SUPPRESSED,
        /** A notification that could not be read: kept for a person. */
        MALFORMED
    }

    /** What was done with it. */
    public enum Handling {
        /** It changed the address's delivery status (or recorded a suppressed send). */
        APPLIED,
        /** No customer has this address: recorded and ignored. */
        UNKNOWN_ADDRESS,
        /** The mail was not sent by Periodic (no key tag): recorded and ignored. */
        UNKNOWN_MESSAGE,
        /** Unreadable: recorded and ignored. */
        MALFORMED
    }

    public MailEvent {
        id = required(id, "mail event id", 300);
        if (id.indexOf('#') >= 0) {
            throw new IllegalArgumentException("mail event id must not contain '#': " + id);
        }
        recipient = required(recipient, "recipient", 254);
        notNull(kind, "kind");
        notNull(handling, "handling");
        messageId = optional(messageId, "message id", 300);
        mailKey = optional(mailKey, "mail key", 300);
        if (invoiceId != null) {
            invoiceId = Ids.check(invoiceId, "invoice id");
        }
        detail = detail == null ? null : optional(detail.length() > 1000 ? detail.substring(0, 1000) : detail,
                "detail", 1000);
        notNull(occurredAt, "occurredAt");
        notNull(recordedAt, "recordedAt");
    }
}
