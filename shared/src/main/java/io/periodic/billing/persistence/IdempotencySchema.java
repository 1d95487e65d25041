package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.BillingTable.PK;
import static io.periodic.billing.persistence.BillingTable.SK;
import static io.periodic.billing.persistence.BillingTable.TYPE;
import static io.periodic.billing.persistence.BillingTable.VERSION;
import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;

import io.periodic.billing.model.IdempotentRequest;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of idempotent API requests and of the commit markers of their work.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class IdempotencySchema {
    private IdempotencySchema() {}

    public static final TableSchema<IdempotentRequest> IDEMPOTENT_REQUEST = SchemaBuilder.of(IdempotentRequest.class,
            (it, a) -> switch (a) {
                case PK -> IdempotencyRepository.pk(it.scope());
                case SK -> "IDEMPOTENCY";
                case TYPE -> "IdempotentRequest";
                case "scope" -> it.scope();
                case "fingerprint" -> it.fingerprint();
                case "statusCode" -> it.statusCode();
                case "responseBody" -> it.responseBody();
                case "location" -> it.location();
                case "createdAt" -> it.createdAt();
                case "leaseUntil" -> it.leaseUntil();
                case "interrupted" -> it.interrupted();
                case BillingTable.TTL -> it.expiresAt();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("scope", String.class)
            .attr("fingerprint", String.class)
            .attr("statusCode", Integer.class)
            .attr("responseBody", String.class)
            .attr("location", String.class)
            .attr("createdAt", Instant.class)
            .attr("leaseUntil", Instant.class)
            .attr("interrupted", Boolean.class)
            .attr(BillingTable.TTL, Long.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new IdempotentRequest(r.get("scope"), r.get("fingerprint"), r.get("statusCode", 0),
                    r.get("responseBody"), r.get("location"), r.get("createdAt"), r.get("leaseUntil"),
                    r.get("interrupted", false), r.get(BillingTable.TTL), r.get(VERSION)));

    /**
     * The mark that one request's work was committed: {@code IDEM#<scope> / COMMITTED}, next to the request's
     * idempotency record, written create-once in the same transaction as the work (e.g. a manual payment
     * application). A retry after a crash between the work and storing its answer finds it and does not do the work
     * again. Forgotten by TTL after {@code expiresAt} (epoch seconds).
     */
    record CommitMarker(String scope, long expiresAt) {}

    static final TableSchema<CommitMarker> COMMIT_MARKER = SchemaBuilder.of(CommitMarker.class, (it, a) -> switch (a) {
                case PK -> IdempotencyRepository.pk(it.scope());
                case SK -> "COMMITTED";
                case TYPE -> "CommitMarker";
                case "scope" -> it.scope();
                case BillingTable.TTL -> it.expiresAt();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("scope", String.class)
            .attr(BillingTable.TTL, Long.class)
            .build(r -> new CommitMarker(r.get("scope"), r.get(BillingTable.TTL, 0L)));
}
