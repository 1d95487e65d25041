package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.model.MailDelivery;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** The stored form of a customer mail's send record: {@code MAIL#<mail key> / MAIL}. Layout: docs/data-model.md. */
final class MailSchema {
    private MailSchema() {}

    enum MailAttribute implements StoredAttribute<MailDelivery> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        MAIL_KEY(string("mailKey")),
        TO(string("to")),
        STATUS(string("status")),
        CLAIMED_AT(instant("claimedAt")),
        SENT_AT(instant("sentAt")),
        VERSION(Column.VERSION);

        private final Column column;

        MailAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(MailDelivery it) {
            return switch (this) {
                case PK -> MailRepository.pk(it.key());
                case SK -> "MAIL";
                case TYPE -> "MailDelivery";
                case MAIL_KEY -> it.key();
                case TO -> it.to();
                case STATUS -> it.status().name();
                case CLAIMED_AT -> it.claimedAt();
                case SENT_AT -> it.sentAt();
                case VERSION -> it.version();
            };
        }

        @Override
        public MailDelivery recordOf(Row r) {
            return new MailDelivery(r.get(MAIL_KEY), r.get(TO), MailDelivery.Status.valueOf(r.get(STATUS)),
                    r.get(CLAIMED_AT), r.get(SENT_AT), r.get(VERSION));
        }
    }

    static final TableSchema<MailDelivery> MAIL_DELIVERY = SchemaBuilder.of(MailDelivery.class,
            MailAttribute.values());
}
