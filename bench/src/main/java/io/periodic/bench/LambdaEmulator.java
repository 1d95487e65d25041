package io.periodic.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child side of a cold-start measurement: a fresh JVM (started by {@link ColdStarts} with the options of the
 * java21 runtime) that does what the Lambda Java runtime does for the first event — load the handler class,
 * construct it (the init phase), deserialize the event with the runtime's own serialization library, call the
 * handler — and reports on stdout: {@code INIT_MS}, {@code INVOKE_MS} and the result. With
 * {@code BENCH_SNAPSTART=1} it runs the SnapStart priming hooks after construction ({@code PRIME_MS}), so the first
 * event is timed as it runs after a restore (the restore itself cannot be emulated here). Only this class and the
 * runtime libraries are added to the function's deployment jar on the classpath.
 */
public final class LambdaEmulator {
    private LambdaEmulator() {}

    public static void main(String[] args) throws Exception {
        PrintStream report = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)); // function logs
        long started = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getDeclaredConstructor().newInstance();
        long constructed = System.nanoTime();
        if ("1".equals(System.getenv("BENCH_SNAPSTART"))) {
            // SnapStart emulated: the CRaC beforeCheckpoint hooks (priming) run during init, before the snapshot.
            Class.forName("io.periodic.billing.lambda.Priming").getMethod("runAll").invoke(null);
        }
        long initialised = System.nanoTime();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        String result;
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(event), out, CONTEXT);
            result = out.toString(StandardCharsets.UTF_8);
        } else {
            Method method = handleRequest(type);
            Class<?> inputType = method.getParameterTypes()[0];
            Object input = serializer(inputType).fromJson(new ByteArrayInputStream(event));
            @SuppressWarnings("unchecked")
            Object output = ((RequestHandler<Object, Object>) handler).handleRequest(input, CONTEXT);
            if (output == null) {
                result = "null";
            } else {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                serializer(output.getClass()).toJson(output, out);
                result = out.toString(StandardCharsets.UTF_8);
            }
        }
        long handled = System.nanoTime();
        report.println("INIT_MS=" + (constructed - started) / 1_000_000);
        report.println("PRIME_MS=" + (initialised - constructed) / 1_000_000);
        report.println("INVOKE_MS=" + (handled - initialised) / 1_000_000);
        report.println("RESULT=" + result.replace('\n', ' '));
        report.flush();
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        return (PojoSerializer<Object>) (PojoSerializer<?>) LambdaEventSerializers.serializerFor(type,
                LambdaEmulator.class.getClassLoader());
    }

    private static Method handleRequest(Class<?> type) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()) {
                return m;
            }
        }
        throw new IllegalArgumentException(type + " has no handleRequest(input, Context)");
    }

    private static final Context CONTEXT = new Context() {
        @Override public String getAwsRequestId() { return "bench-request"; }
        @Override public String getLogGroupName() { return "/aws/lambda/bench"; }
        @Override public String getLogStreamName() { return "bench"; }
        @Override public String getFunctionName() { return "bench"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:bench"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 60_000; }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { }
                @Override public void log(byte[] message) { }
            };
        }
    };
}
