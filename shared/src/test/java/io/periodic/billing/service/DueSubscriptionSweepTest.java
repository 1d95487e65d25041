package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.calendar.LocalDue;
import io.periodic.billing.invoicing.BillingJob;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.ElasticMqExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The due-subscription sweep (the invoice scheduler's use case) against DynamoDB Local and ElasticMQ (the
 * template's BillingJobQueue). Subscriptions are anchored in a year no other test uses, and each test drains the
 * queue first, so tests do not see each other's jobs.
 */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class DueSubscriptionSweepTest {
    private final BillingStore store;
    private final SqsClient sqs;
    private final String queueUrl;

    DueSubscriptionSweepTest(DynamoDbClient dynamo, ElasticMqEngine mq) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
        this.sqs = mq.client();
        this.queueUrl = mq.queueUrl("BillingJobQueue");
    }

    private List<String> drain() {
        List<String> subscriptionIds = new ArrayList<>();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            for (Message m : messages) {
                subscriptionIds.add(BillingJob.fromJson(m.body()).subscriptionId());
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        } while (!messages.isEmpty());
        return subscriptionIds;
    }

    private List<Subscription> subscriptions(int count, LocalDate anchor, SubscriptionStatus status) {
        Customer customer = store.customers().create(new Customer(Ids.newId("cus"), "C", "c@example.com",
                Currencies.of("EUR"), ZoneId.of("UTC"), Locale.ENGLISH, 0, TaxRate.ZERO, null,
                new Address("x", null, null, "y", null, "DE"), Instant.EPOCH, null));
        Plan plan = store.plans().create(new Plan(Ids.newId("plan"), "P", Money.of(100, "EUR"),
                BillingInterval.monthly(), 0, TaxBehavior.EXCLUSIVE, true, null));
        List<Subscription> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Subscription s = new Subscription(Ids.newId("sub"), customer.id(), List.of(new SubscriptionItem(plan.id(), 1)),
                    anchor, BillingInterval.monthly(), status, false, null, 0,
                    LocalDue.startOfLocalDay(anchor, ZoneId.of("UTC")), null, List.of(), Instant.EPOCH, null);
            created.add(store.subscriptions().create(s));
        }
        return created;
    }

    private long checkpoints() {
        return java.util.stream.IntStream.range(0, BillingTable.SHARDS)
                .filter(s -> store.settings().checkpoint(DueSubscriptionSweep.checkpointName(s)).isPresent()).count();
    }

    private static Set<String> ids(List<Subscription> subscriptions) {
        Set<String> ids = new HashSet<>();
        subscriptions.forEach(s -> ids.add(s.id()));
        return ids;
    }

    @Test
    void enqueuesOneJobPerDueSubscriptionFromEveryShardAndNothingElse() {
        drain();
        List<Subscription> due = subscriptions(25, LocalDate.of(1980, 1, 1), SubscriptionStatus.ACTIVE);
        List<Subscription> notYet = subscriptions(3, LocalDate.of(1980, 1, 2), SubscriptionStatus.ACTIVE);
        List<Subscription> paused = subscriptions(3, LocalDate.of(1980, 1, 1), SubscriptionStatus.PAUSED);
        Instant now = Instant.parse("1980-01-01T12:00:00Z");

        DueSubscriptionSweep scheduler = new DueSubscriptionSweep(store, new SqsMessageQueue(sqs, queueUrl), () -> now);
        DueSubscriptionSweep.Result result = scheduler.run(() -> true);
        assertTrue(result.complete());

        List<String> sent = drain();
        Set<String> sentHere = new HashSet<>(sent);
        sentHere.retainAll(ids(due));
        assertEquals(ids(due), sentHere);
        assertEquals(sent.size(), new HashSet<>(sent).size(), "no duplicates within a run");
        assertTrue(sent.stream().noneMatch(ids(notYet)::contains));
        assertTrue(sent.stream().noneMatch(ids(paused)::contains));
        assertTrue(result.pagesRead() >= BillingTable.SHARDS, "every shard read");
    }

    @Test
    void aRunOutOfTimeStopsAndTheNextRunPicksUpWhereItStopped() {
        drain();
        List<Subscription> due = subscriptions(40, LocalDate.of(1981, 1, 1), SubscriptionStatus.ACTIVE);
        Instant now = Instant.parse("1981-01-01T12:00:00Z");
        DueSubscriptionSweep scheduler = new DueSubscriptionSweep(store, new SqsMessageQueue(sqs, queueUrl), () -> now);

        AtomicInteger budget = new AtomicInteger(3); // three pages, then "out of time"
        DueSubscriptionSweep.Result first = scheduler.run(() -> budget.getAndDecrement() > 0);
        assertFalse(first.complete());
        assertTrue(checkpoints() > 0, "checkpoints saved");
        List<String> firstJobs = drain();

        DueSubscriptionSweep.Result second = scheduler.run(() -> true);
        assertTrue(second.complete());
        assertEquals(0, checkpoints(), "checkpoints cleared once the sweep is done");
        List<String> secondJobs = drain();

        Set<String> all = new HashSet<>(firstJobs);
        all.addAll(secondJobs);
        assertTrue(all.containsAll(ids(due)), "the two runs together enqueue every due subscription");
        Set<String> overlap = new HashSet<>(firstJobs);
        overlap.retainAll(secondJobs);
        overlap.retainAll(ids(due));
        assertTrue(overlap.isEmpty(), "the second run does not re-send what the first sent: " + overlap.size());
    }
}
