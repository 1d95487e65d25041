package io.periodic.billing.testing;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Fault injection on the real DynamoDB client: after the k-th write has completed on the engine, the caller gets
 * an exception instead of the response, exactly as if the process had died right after that write.
 */
public final class CrashAfterWrite implements ExecutionInterceptor {
    public static final class InjectedCrash extends RuntimeException {
        InjectedCrash(String operation, int n) {
            super("injected crash after write #" + n + " (" + operation + ")");
        }
    }

    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems",
            "BatchWriteItem");
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int crashAt = -1;

    /** Crash after the k-th write from now (1-based); a negative k disarms. */
    public void arm(int k) {
        writes.set(0);
        crashAt = k;
    }

    public int writesSinceArmed() {
        return writes.get();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (WRITES.contains(operation)) {
            int n = writes.incrementAndGet();
            if (n == crashAt) {
                crashAt = -1;
                throw new InjectedCrash(operation, n);
            }
        }
    }
}
