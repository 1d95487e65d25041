package io.periodic.functions.invoicegenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.invoicing.BillingJob;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.service.InvoiceIssuing.Outcome;
import io.periodic.billing.service.InvoiceIssuing;
import io.periodic.billing.testing.BillingWorld;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Bad data parks the subscription with a reason; the rest of the batch is billed. Through the Lambda handler. */
@ExtendWith(DynamoDbLocalExtension.class)
class BadDataTest {
    private static final Instant DUE = Instant.parse("2026-11-01T00:00:00Z");
    private final DynamoDbLocalEngine engine;

    BadDataTest(DynamoDbLocalEngine engine) {
        this.engine = engine;
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        return m;
    }

    private void delete(String pk, String sk) {
        engine.client().deleteItem(b -> b.tableName(BillingTable.LOGICAL_ID).key(Map.of(
                "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))));
    }

    @Test
    void customerGonePlanGoneAndCurrencyMismatchAreParkedAndTheRestIsBilled() {
        BillingWorld world = new BillingWorld(engine, DUE);
        LocalDate anchor = LocalDate.of(2026, 11, 1);
        Customer good = world.customer("UTC", "JPY", "10");
        Subscription billed = world.subscribe(good, world.plan("JPY", 1_000, BillingInterval.monthly()), 1, anchor, null);

        Customer leaving = world.customer("UTC", "JPY", "10");
        Subscription customerGone = world.subscribe(leaving, world.plan("JPY", 1_000, BillingInterval.monthly()), 1,
                anchor, null);
        delete("CUST#" + leaving.id(), "PROFILE");

        var retired = world.plan("JPY", 1_000, BillingInterval.monthly());
        Subscription planGone = world.subscribe(world.customer("UTC", "JPY", "10"), retired, 1, anchor, null);
        delete("PRICE#" + retired.id(), "PRICE");

        Subscription mismatch = world.subscribe(world.customer("UTC", "JPY", "10"),
                world.plan("USD", 1_000, BillingInterval.monthly()), 1, anchor, null);

        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                message("m1", new BillingJob(customerGone.id(), DUE).toJson()),
                message("m2", new BillingJob(planGone.id(), DUE).toJson()),
                message("m3", "{not json"),
                message("m4", new BillingJob(mismatch.id(), DUE).toJson()),
                message("m5", new BillingJob(billed.id(), DUE).toJson())));
        SQSBatchResponse response = new InvoiceGeneratorHandler(world.issuing()).handleRequest(event, null);

        assertEquals(List.of("m3"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList(),
                "only the unreadable message is retried (and dead-lettered); bad data is parked, not retried");
        assertTrue(world.reload(customerGone).parkedReason().contains("customer"), world.reload(customerGone).parkedReason());
        assertTrue(world.reload(planGone).parkedReason().contains("plan " + retired.id()));
        assertTrue(world.reload(mismatch).parkedReason().contains("USD"));
        assertTrue(world.reload(planGone).parkedReason() != null);
        assertEquals(1, world.invoicesOf(good).size());
        assertEquals(1, world.reload(billed).nextPeriodIndex());

        // Parked subscriptions are skipped by later runs until released, and left out of the scheduler's index.
        assertEquals(Outcome.Kind.SKIPPED, world.issuing().process(mismatch.id()).kind());
        assertNotNull(world.reload(mismatch).parkedReason());
        for (int shard = 0; shard < BillingTable.SHARDS; shard++) {
            assertTrue(!world.store.subscriptions().dueAtOrBefore(shard, DUE, 1000, null).items()
                    .contains(mismatch.id()));
        }

        // Once the data is fixed (here: the customer is billed in USD now) a person releases it, and it is billed.
        Customer fixed = world.store.customers().get(world.reload(mismatch).customerId()).orElseThrow();
        world.store.customers().update(new Customer(fixed.id(), fixed.name(), fixed.email(),
                io.periodic.billing.money.Currencies.of("USD"), fixed.timeZone(), fixed.locale(),
                fixed.paymentTermsDays(), fixed.taxRate(), fixed.taxId(), fixed.billingAddress(), fixed.createdAt(),
                fixed.version()));
        world.store.subscriptions().update(world.reload(mismatch).released());
        assertEquals(Outcome.Kind.BILLED, world.issuing().process(mismatch.id()).kind());
    }

    @Test
    void anUnexpectedFailureParksTheSubscriptionInsteadOfFailingForever() {
        BillingWorld world = new BillingWorld(engine, DUE);
        Customer customer = world.customer("UTC", "JPY", "10");
        Subscription subscription = world.subscribe(customer, world.plan("JPY", 1_000, BillingInterval.monthly()), 1,
                LocalDate.of(2026, 11, 1), null);
        InvoiceIssuing failing = new InvoiceIssuing(world.store, (invoice, c, seller) -> {
            throw new IllegalStateException("template bug");
        }, world.clock, 12);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message("m1", new BillingJob(subscription.id(), DUE).toJson())));
        SQSBatchResponse response = new InvoiceGeneratorHandler(failing).handleRequest(event, null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        assertTrue(world.reload(subscription).parkedReason().contains("template bug"));
    }
}
