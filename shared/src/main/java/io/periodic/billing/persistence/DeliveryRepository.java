package io.periodic.billing.persistence;

import io.periodic.billing.model.DeliveryStatus;
import io.periodic.billing.model.MailEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Mail delivery ({@link DeliverySchema}): an address's status, and the mail events recorded against it. An event
 * and the status it changes are written together or not at all, the event create-once: SES's feedback delivered
 * twice changes nothing the second time.
 */
public final class DeliveryRepository {
    private static final Expression NOT_RECORDED = Expression.builder()
            .expression("attribute_not_exists(#pk)")
            .expressionNames(Map.of("#pk", BillingTable.PK))
            .build();

    private final DynamoDbEnhancedClient client;
    private final EntityTable<DeliveryStatus> statuses;
    private final EntityTable<MailEvent> events;
    private final WorkIndex work;

    DeliveryRepository(DynamoDbEnhancedClient client, EntityTable<DeliveryStatus> statuses,
            EntityTable<MailEvent> events, WorkIndex work) {
        this.client = client;
        this.statuses = statuses;
        this.events = events;
        this.work = work;
    }

    /** The status of an address (lower-case), read consistently; empty when nothing was ever recorded for it. */
    public Optional<DeliveryStatus> status(String address) {
        return statuses.get(DeliverySchema.statusKey(address), DeliverySchema.STATUS_SORT_KEY);
    }

    /** One recorded event. */
    public Optional<MailEvent> event(String id, String recipient) {
        return events.get(DeliverySchema.eventKey(id), DeliverySchema.eventSortKey(recipient));
    }

    /**
     * Records an event that changes nothing else (an unknown address or message, a malformed notification).
     *
     * @throws AlreadyExistsException when it was recorded before
     */
    public MailEvent record(MailEvent event) {
        return events.create(event);
    }

    /**
     * Records {@code event} and writes {@code next}, the address's status after it, atomically; {@code next}'s
     * version is the one read ({@code null}: the status is new).
     *
     * @throws AlreadyExistsException when the event was recorded before (nothing is written)
     * @throws ConcurrentUpdateException when the status changed since it was read
     */
    public void commit(MailEvent event, DeliveryStatus next) {
        try {
            client.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(events.table(), TransactPutItemEnhancedRequest.builder(MailEvent.class)
                            .item(event).conditionExpression(NOT_RECORDED).build())
                    .addUpdateItem(statuses.table(), TransactUpdateItemEnhancedRequest.builder(DeliveryStatus.class)
                            .item(next).ignoreNulls(false).build())
                    .build());
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailedAt(e, 0)) {
                throw new AlreadyExistsException("mail event " + event.id() + " for " + event.recipient()
                        + " already recorded", e);
            }
            throw Transactions.canceled("recording mail event " + event.id(), e);
        }
    }

    /** Version-checked replace of a status (a person cleared it). */
    public DeliveryStatus update(DeliveryStatus status) {
        return statuses.update(status);
    }

    /** The mail events of one invoice, oldest first (at most 1,000). */
    public List<MailEvent> eventsOfInvoice(String invoiceId) {
        return events.query(BillingTable.GSI1, QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(BillingTable.invoice(invoiceId)).sortValue("MAIL#").build()),
                1000, null, true).items();
    }

    /**
     * Addresses that get no more mail, a page at a time (shard by shard, oldest suppression first within a
     * shard). One cleared since the index was read is left out.
     */
    public Page<DeliveryStatus> suppressed(int limit, String cursor) {
        Instant farFuture = Instant.parse("9999-12-31T23:59:59Z");
        Page<WorkIndex.ItemKey> keys = ShardedPages.page(limit, cursor,
                (shard, max, inner) -> work.keysDueAtOrBefore(BillingTable.Work.DELIVERY_PROBLEM, shard, farFuture,
                        max, inner));
        return new Page<>(keys.items().stream().map(k -> statuses.get(k.pk(), k.sk())).flatMap(Optional::stream)
                .filter(DeliveryStatus::suppresses).toList(), keys.cursor());
    }
}
