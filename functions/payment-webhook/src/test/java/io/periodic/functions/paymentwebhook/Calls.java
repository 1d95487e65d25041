package io.periodic.functions.paymentwebhook;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

/**
 * Counts what a client sends, for the benchmarks: calls per operation and the time spent in them (summed over the
 * calls, so calls in parallel count each their own time), and, on a DynamoDB client, the capacity units each call consumed (every request asks for
 * {@code ReturnConsumedCapacity=TOTAL}); on an SQS client, the messages sent in {@code SendMessageBatch} calls.
 */
final class Calls implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("calls.started");

    /** What was counted since the last {@link #snapshot()} taken as the start. */
    record Snapshot(Map<String, Integer> calls, double rcu, double wcu, long nanos, long messages) {
        Snapshot minus(Snapshot before) {
            Map<String, Integer> c = new TreeMap<>(calls);
            before.calls.forEach((k, v) -> c.merge(k, -v, Integer::sum));
            c.values().removeIf(v -> v == 0);
            return new Snapshot(c, rcu - before.rcu, wcu - before.wcu, nanos - before.nanos,
                    messages - before.messages);
        }

        int total() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }

        int of(String operation) {
            return calls.getOrDefault(operation, 0);
        }
    }

    private final Map<String, Integer> calls = new TreeMap<>();
    private double rcu;
    private double wcu;
    private long nanos;
    private long messages;

    synchronized Snapshot snapshot() {
        return new Snapshot(new TreeMap<>(calls), rcu, wcu, nanos, messages);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (r instanceof PutItemRequest p) {
            return p.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof UpdateItemRequest u) {
            return u.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof DeleteItemRequest d) {
            return d.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactWriteItemsRequest t) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactGetItemsRequest t) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchWriteItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof GetItemRequest g) {
            return g.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchGetItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof QueryRequest q) {
            return q.toBuilder().returnConsumedCapacity(total).build();
        }
        return r;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            nanos += System.nanoTime() - started;
        }
        String operation = context.request().getClass().getSimpleName().replaceFirst("Request$", "");
        calls.merge(operation, 1, Integer::sum);
        if (context.request() instanceof SendMessageBatchRequest s) {
            messages += s.entries().size();
        }
        SdkResponse r = context.response();
        if (r instanceof PutItemResponse p) {
            wcu += units(p.consumedCapacity());
        } else if (r instanceof UpdateItemResponse u) {
            wcu += units(u.consumedCapacity());
        } else if (r instanceof DeleteItemResponse d) {
            wcu += units(d.consumedCapacity());
        } else if (r instanceof TransactWriteItemsResponse t && t.hasConsumedCapacity()) {
            t.consumedCapacity().forEach(c -> wcu += units(c));
        } else if (r instanceof BatchWriteItemResponse b && b.hasConsumedCapacity()) {
            b.consumedCapacity().forEach(c -> wcu += units(c));
        } else if (r instanceof TransactGetItemsResponse t && t.hasConsumedCapacity()) {
            t.consumedCapacity().forEach(c -> rcu += units(c));
        } else if (r instanceof GetItemResponse g) {
            rcu += units(g.consumedCapacity());
        } else if (r instanceof BatchGetItemResponse b && b.hasConsumedCapacity()) {
            b.consumedCapacity().forEach(c -> rcu += units(c));
        } else if (r instanceof QueryResponse q) {
            rcu += units(q.consumedCapacity());
        }
    }

    private static double units(ConsumedCapacity c) {
        return c == null || c.capacityUnits() == null ? 0 : c.capacityUnits();
    }
}
