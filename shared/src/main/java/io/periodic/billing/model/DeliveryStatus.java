package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import java.time.Instant;
import java.util.Locale;

/**
 * What SES told us about mail to one address, and whether the address still gets mail: the suppression rule of
 * docs/delivery-status.md, as data. Kept per address (not per customer), as SES's own suppression list is: a
 * customer whose e-mail is changed starts with the new address's status, so changing the e-mail clears a problem;
 * a person can also clear it ({@link #cleared}).
 *
 * <p>The rule: a hard bounce or a complaint suppresses the address at once; soft bounces are counted and
 * {@link #SOFT_BOUNCE_LIMIT} in a row (no delivery between them) suppress it too; a delivery resets the count but
 * never lifts a suppression (only a person does, or a new address). A rejection (SES refused the content) blames
 * the mail, not the address: recorded, nothing else.
 *
 * @param address the address, lower-case
 * @param lastKind the latest event (by when it happened)
 * @param lastMailKey the key of the mail the latest event was about
 * @param softBounces soft bounces since the last delivery
 * @param suppressed why the address gets no mail; null while it gets mail
 * @param suppressedSince when it was suppressed (null while it gets mail)
 * @param suppressedSends mails not sent to it since it was suppressed (all time)
 * @param clearedAt when a person last cleared a suppression (null: never)
 */
public record DeliveryStatus(String address, MailEvent.Kind lastKind, Instant lastEventAt, String lastMailKey,
        String lastDetail, int softBounces, Suppression suppressed, Instant suppressedSince, int suppressedSends,
        Instant clearedAt, Long version) {

    /** Soft bounces in a row that suppress an address. */
    public static final int SOFT_BOUNCE_LIMIT = 3;

    /** Why an address gets no mail, strongest last (a stronger reason replaces a weaker one). */
    public enum Suppression {
        REPEATED_SOFT_BOUNCES,
        HARD_BOUNCE,
        COMPLAINT
    }

    public DeliveryStatus {
        address = required(address, "address", 254);
        if (!address.equals(normalise(address))) {
            throw new IllegalArgumentException("address must be stored lower-case: " + address);
        }
        lastMailKey = optional(lastMailKey, "mail key", 300);
        lastDetail = lastDetail == null ? null
                : optional(lastDetail.length() > 1000 ? lastDetail.substring(0, 1000) : lastDetail, "detail", 1000);
        if (softBounces < 0 || suppressedSends < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if ((suppressed == null) != (suppressedSince == null)) {
            throw new IllegalArgumentException("a suppression and its start go together");
        }
        if ((lastKind == null) != (lastEventAt == null)) {
            throw new IllegalArgumentException("the last event and its time go together");
        }
    }

    /** The form an address is stored and looked up under: stripped, lower-case. */
    public static String normalise(String address) {
        return notNull(address, "address").strip().toLowerCase(Locale.ROOT);
    }

    /** An address nothing is known about yet (never stored). */
    public static DeliveryStatus fresh(String address) {
        return new DeliveryStatus(normalise(address), null, null, null, null, 0, null, null, 0, null, null);
    }

    /** Whether mail to this address is held back. */
    public boolean suppresses() {
        return suppressed != null;
    }

    /** The status after SES's feedback of {@code kind} (delivered, bounced, complained, rejected) at {@code at}. */
    public DeliveryStatus after(MailEvent.Kind kind, Instant at, String mailKey, String detail) {
        notNull(at, "at");
        int soft = switch (kind) {
            case DELIVERED -> 0;
            case SOFT_BOUNCE -> softBounces + 1;
            case HARD_BOUNCE, COMPLAINT, REJECTED -> softBounces;
            case SUPPRESSED, MALFORMED -> throw new IllegalArgumentException("not SES feedback: " + kind);
        };
        Suppression reason = switch (kind) {
            case HARD_BOUNCE -> Suppression.HARD_BOUNCE;
            case COMPLAINT -> Suppression.COMPLAINT;
            case SOFT_BOUNCE -> soft >= SOFT_BOUNCE_LIMIT ? Suppression.REPEATED_SOFT_BOUNCES : null;
            default -> null;
        };
        Suppression nextSuppressed = suppressed;
        Instant since = suppressedSince;
        if (reason != null && (suppressed == null || reason.compareTo(suppressed) > 0)) {
            nextSuppressed = reason;
            since = suppressedSince != null ? suppressedSince : at;
        }
        boolean latest = lastEventAt == null || !at.isBefore(lastEventAt);
        return new DeliveryStatus(address, latest ? kind : lastKind, latest ? at : lastEventAt,
                latest ? mailKey : lastMailKey, latest ? detail : lastDetail, soft, nextSuppressed, since,
                suppressedSends, clearedAt, version);
    }

    /** One more mail held back. */
    public DeliveryStatus withSuppressedSend() {
        return new DeliveryStatus(address, lastKind, lastEventAt, lastMailKey, lastDetail, softBounces, suppressed,
                suppressedSince, suppressedSends + 1, clearedAt, version);
    }

    /** Cleared by a person (the address was fixed, the customer asked again): mail goes to it again. */
    public DeliveryStatus cleared(Instant at) {
        return new DeliveryStatus(address, lastKind, lastEventAt, lastMailKey, lastDetail, 0, null, null,
                suppressedSends, notNull(at, "at"), version);
    }
}
