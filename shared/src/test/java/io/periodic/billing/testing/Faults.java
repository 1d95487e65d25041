package io.periodic.billing.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Fault injection on the real DynamoDB client (the engine stays real), for the billing world's tests and the
 * function modules' (shared's test jar):
 * <ul>
 *   <li>{@link #crashAfterWrite}: after the k-th write has completed on the engine the caller gets an exception
 *       instead of the response, as if the process had died right after that write; with {@code dead}, every
 *       later write fails too (the process is gone: nothing it would still write reaches the table);
 *   <li>{@link #cancelTransactions}: transactions are refused by "DynamoDB" with the given cancellation reason
 *       (throttling, a conflicting transaction in flight) before they reach the engine.
 * </ul>
 */
public final class Faults implements ExecutionInterceptor {
    public static final class InjectedCrash extends RuntimeException {
        InjectedCrash(String operation, int n) {
            super("injected crash after write #" + n + " (" + operation + ")");
        }
    }

    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems",
            "BatchWriteItem");
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int crashAt = -1;
    private volatile boolean dead;
    private volatile boolean crashed;
    private volatile String cancellationCode;
    private final AtomicInteger cancellations = new AtomicInteger();

    /**
     * Crash after the k-th write from now (1-based; a negative k never crashes, the writes are only counted); with
     * {@code dead}, every write after it fails as well.
     */
    public void crashAfterWrite(int k, boolean dead) {
        writes.set(0);
        crashAt = k;
        this.dead = dead;
        crashed = false;
    }

    /** Refuse every transaction with this cancellation reason code (e.g. ThrottlingError) until {@link #heal}. */
    public void cancelTransactions(String code) {
        cancellationCode = code;
        cancellations.set(0);
    }

    public int cancellations() {
        return cancellations.get();
    }

    /** Writes since the last {@link #crashAfterWrite} or {@link #heal}. */
    public int writesSinceArmed() {
        return writes.get();
    }

    /** The process is back (a new one): no more injected failures; writes are counted from now. */
    public void heal() {
        writes.set(0);
        crashAt = -1;
        dead = false;
        crashed = false;
        cancellationCode = null;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (crashed && dead && WRITES.contains(operation)) {
            throw new InjectedCrash(operation + " after death", writes.get());
        }
        String code = cancellationCode;
        if (code != null && operation.equals("TransactWriteItems")) {
            cancellations.incrementAndGet();
            throw TransactionCanceledException.builder()
                    .message("Transaction cancelled, please refer cancellation reasons for specific reasons [" + code
                            + "]")
                    .cancellationReasons(List.of(CancellationReason.builder().code(code).message(code).build()))
                    .build();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (WRITES.contains(operation)) {
            int n = writes.incrementAndGet();
            if (n == crashAt) {
                crashAt = -1;
                crashed = true;
                throw new InjectedCrash(operation, n);
            }
        }
    }
}
