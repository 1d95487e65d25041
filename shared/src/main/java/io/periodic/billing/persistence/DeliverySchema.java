package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.integer;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.model.DeliveryStatus;
import io.periodic.billing.model.MailEvent;
import java.time.Duration;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of mail delivery: an address's status {@code MAILTO#<address> / DELIVERY} (on the sparse work
 * index while it suppresses mail: {@code MAILPROBLEM#<shard> / <suppressed since>}), and each mail event
 * {@code MAILEVT#<id> / RCPT#<recipient>} (create-once: the idempotency of SES's feedback; on gsi1 under its invoice,
 * {@code INV#<invoice id> / MAIL#<occurred>#<id>}, when the mail was about one; kept 400 days by TTL). Layout:
 * docs/data-model.md.
 */
final class DeliverySchema {
    /** How long a mail event is kept (as inbound deliveries are). */
    static final Duration KEPT = Duration.ofDays(400);

    private DeliverySchema() {}

    static String statusKey(String address) {
        return "MAILTO#" + address;
    }

    static final String STATUS_SORT_KEY = "DELIVERY";

    static String eventKey(String id) {
        return "MAILEVT#" + id;
    }

    static String eventSortKey(String recipient) {
        return "RCPT#" + recipient;
    }

    enum StatusAttribute implements StoredAttribute<DeliveryStatus> {
        PK(Column.PK),
        SK(Column.SK),
        GSI3_PK(Column.GSI3_PK),
        GSI3_SK(Column.GSI3_SK),
        TYPE(Column.TYPE),
        ADDRESS(string("address")),
        LAST_KIND(string("lastKind")),
        LAST_EVENT_AT(instant("lastEventAt")),
        LAST_MAIL_KEY(string("lastMailKey")),
        LAST_DETAIL(string("lastDetail")),
        SOFT_BOUNCES(integer("softBounces")),
        SUPPRESSED(string("suppressed")),
        SUPPRESSED_SINCE(instant("suppressedSince")),
        SUPPRESSED_SENDS(integer("suppressedSends")),
        CLEARED_AT(instant("clearedAt")),
        VERSION(Column.VERSION);

        private final Column column;

        StatusAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(DeliveryStatus it) {
            return switch (this) {
                case PK -> statusKey(it.address());
                case SK -> STATUS_SORT_KEY;
                case GSI3_PK -> it.suppresses() ? BillingTable.Work.DELIVERY_PROBLEM.partitionFor(it.address()) : null;
                case GSI3_SK -> it.suppresses() ? BillingTable.sortable(it.suppressedSince()) : null;
                case TYPE -> "DeliveryStatus";
                case ADDRESS -> it.address();
                case LAST_KIND -> it.lastKind() == null ? null : it.lastKind().name();
                case LAST_EVENT_AT -> it.lastEventAt();
                case LAST_MAIL_KEY -> it.lastMailKey();
                case LAST_DETAIL -> it.lastDetail();
                case SOFT_BOUNCES -> it.softBounces() == 0 ? null : it.softBounces();
                case SUPPRESSED -> it.suppressed() == null ? null : it.suppressed().name();
                case SUPPRESSED_SINCE -> it.suppressedSince();
                case SUPPRESSED_SENDS -> it.suppressedSends() == 0 ? null : it.suppressedSends();
                case CLEARED_AT -> it.clearedAt();
                case VERSION -> it.version();
            };
        }

        @Override
        public DeliveryStatus recordOf(Row r) {
            String lastKind = r.get(LAST_KIND);
            String suppressed = r.get(SUPPRESSED);
            return new DeliveryStatus(r.get(ADDRESS), lastKind == null ? null : MailEvent.Kind.valueOf(lastKind),
                    r.get(LAST_EVENT_AT), r.get(LAST_MAIL_KEY), r.get(LAST_DETAIL), r.get(SOFT_BOUNCES, 0),
                    suppressed == null ? null : DeliveryStatus.Suppression.valueOf(suppressed),
                    r.get(SUPPRESSED_SINCE), r.get(SUPPRESSED_SENDS, 0), r.get(CLEARED_AT), r.get(VERSION));
        }
    }

    enum EventAttribute implements StoredAttribute<MailEvent> {
        PK(Column.PK),
        SK(Column.SK),
        GSI1_PK(Column.GSI1_PK),
        GSI1_SK(Column.GSI1_SK),
        TYPE(Column.TYPE),
        ID(string("id")),
        RECIPIENT(string("recipient")),
        KIND(string("kind")),
        HANDLING(string("handling")),
        MESSAGE_ID(string("messageId")),
        MAIL_KEY(string("mailKey")),
        INVOICE_ID(string("invoiceId")),
        DETAIL(string("detail")),
        OCCURRED_AT(instant("occurredAt")),
        RECORDED_AT(instant("recordedAt")),
        TTL(Column.TTL);

        private final Column column;

        EventAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(MailEvent it) {
            return switch (this) {
                case PK -> eventKey(it.id());
                case SK -> eventSortKey(it.recipient());
                case GSI1_PK -> it.invoiceId() == null ? null : BillingTable.invoice(it.invoiceId());
                case GSI1_SK -> it.invoiceId() == null ? null
                        : "MAIL#" + BillingTable.sortable(it.occurredAt()) + "#" + it.id();
                case TYPE -> "MailEvent";
                case ID -> it.id();
                case RECIPIENT -> it.recipient();
                case KIND -> it.kind().name();
                case HANDLING -> it.handling().name();
                case MESSAGE_ID -> it.messageId();
                case MAIL_KEY -> it.mailKey();
                case INVOICE_ID -> it.invoiceId();
                case DETAIL -> it.detail();
                case OCCURRED_AT -> it.occurredAt();
                case RECORDED_AT -> it.recordedAt();
                case TTL -> it.recordedAt().plus(KEPT).getEpochSecond();
            };
        }

        @Override
        public MailEvent recordOf(Row r) {
            return new MailEvent(r.get(ID), r.get(RECIPIENT), MailEvent.Kind.valueOf(r.get(KIND)),
                    MailEvent.Handling.valueOf(r.get(HANDLING)), r.get(MESSAGE_ID), r.get(MAIL_KEY),
                    r.get(INVOICE_ID), r.get(DETAIL), r.get(OCCURRED_AT), r.get(RECORDED_AT));
        }
    }

    static final TableSchema<DeliveryStatus> DELIVERY_STATUS = SchemaBuilder.of(DeliveryStatus.class,
            StatusAttribute.values());
    static final TableSchema<MailEvent> MAIL_EVENT = SchemaBuilder.of(MailEvent.class, EventAttribute.values());
}
