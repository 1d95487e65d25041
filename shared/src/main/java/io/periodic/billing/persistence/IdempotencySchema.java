package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.bool;
import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.integer;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.model.IdempotentRequest;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of idempotent API requests ({@code IDEM#<scope> / IDEMPOTENCY}) and of the commit markers of
 * their work ({@code IDEM#<scope> / COMMITTED}), both forgotten by TTL. Layout: docs/data-model.md.
 */
final class IdempotencySchema {
    private IdempotencySchema() {}

    enum RequestAttribute implements StoredAttribute<IdempotentRequest> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        SCOPE(string("scope")),
        FINGERPRINT(string("fingerprint")),
        STATUS_CODE(integer("statusCode")),
        RESPONSE_BODY(string("responseBody")),
        LOCATION(string("location")),
        CREATED_AT(instant("createdAt")),
        LEASE_UNTIL(instant("leaseUntil")),
        INTERRUPTED(bool("interrupted")),
        TTL(Column.TTL),
        VERSION(Column.VERSION);

        private final Column column;

        RequestAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(IdempotentRequest it) {
            return switch (this) {
                case PK -> IdempotencyRepository.pk(it.scope());
                case SK -> "IDEMPOTENCY";
                case TYPE -> "IdempotentRequest";
                case SCOPE -> it.scope();
                case FINGERPRINT -> it.fingerprint();
                case STATUS_CODE -> it.statusCode();
                case RESPONSE_BODY -> it.responseBody();
                case LOCATION -> it.location();
                case CREATED_AT -> it.createdAt();
                case LEASE_UNTIL -> it.leaseUntil();
                case INTERRUPTED -> it.interrupted();
                case TTL -> it.expiresAt();
                case VERSION -> it.version();
            };
        }

        @Override
        public IdempotentRequest recordOf(Row r) {
            IdempotentRequest.Builder request = IdempotentRequest.builder();
            for (RequestAttribute a : values()) {
                request = switch (a) {
                    case PK, SK, TYPE -> request;
                    case SCOPE -> request.scope(r.get(a));
                    case FINGERPRINT -> request.fingerprint(r.get(a));
                    case STATUS_CODE -> request.statusCode(r.get(a, 0));
                    case RESPONSE_BODY -> request.responseBody(r.get(a));
                    case LOCATION -> request.location(r.get(a));
                    case CREATED_AT -> request.createdAt(r.get(a));
                    case LEASE_UNTIL -> request.leaseUntil(r.get(a));
                    case INTERRUPTED -> request.interrupted(r.get(a, false));
                    case TTL -> request.expiresAt(r.get(a));
                    case VERSION -> request.version(r.get(a));
                };
            }
            return request.build();
        }
    }

    static final TableSchema<IdempotentRequest> IDEMPOTENT_REQUEST = SchemaBuilder.of(IdempotentRequest.class,
            RequestAttribute.values());

    /**
     * The mark that one request's work was committed: {@code IDEM#<scope> / COMMITTED}, next to the request's
     * idempotency record, written create-once in the same transaction as the work (e.g. a manual payment
     * application). A retry after a crash between the work and storing its answer finds it and does not do the work
     * again. Forgotten by TTL after {@code expiresAt} (epoch seconds).
     */
    record CommitMarker(String scope, long expiresAt) {}

    enum MarkerAttribute implements StoredAttribute<CommitMarker> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        SCOPE(string("scope")),
        TTL(Column.TTL);

        private final Column column;

        MarkerAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(CommitMarker it) {
            return switch (this) {
                case PK -> IdempotencyRepository.pk(it.scope());
                case SK -> "COMMITTED";
                case TYPE -> "CommitMarker";
                case SCOPE -> it.scope();
                case TTL -> it.expiresAt();
            };
        }

        @Override
        public CommitMarker recordOf(Row r) {
            return new CommitMarker(r.get(SCOPE), r.get(TTL, 0L));
        }
    }

    static final TableSchema<CommitMarker> COMMIT_MARKER = SchemaBuilder.of(CommitMarker.class,
            MarkerAttribute.values());
}
