package io.periodic.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS services a function's first event touches besides DynamoDB and SQS (which run as real engines): S3
 * (path-style, objects kept in memory, real MD5 ETags so the SDK's integrity check passes), EventBridge PutEvents,
 * SESv2 SendEmail, SSM GetParameter and Step Functions StartExecution, answered with minimal valid responses. They
 * are network round trips for the function, as in AWS; their latency is not what is measured.
 */
final class AwsStub implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();

    AwsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void putObject(String bucket, String key, byte[] content) {
        objects.put("/" + bucket + "/" + key, content);
    }

    byte[] object(String bucket, String key) {
        return objects.get("/" + bucket + "/" + key);
    }

    void putParameter(String name, String value) {
        parameters.put(name, value);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (target != null) {
                String request = new String(body, StandardCharsets.UTF_8);
                String answer = switch (target.substring(target.indexOf('.') + 1)) {
                    case "PutEvents" -> putEvents(request);
                    case "GetParameter" -> getParameter(request);
                    case "StartExecution" -> "{\"executionArn\":\"arn:aws:states:us-east-1:000000000000:execution:"
                            + "bench:" + calls.get() + "\",\"startDate\":1.7E9}";
                    default -> null;
                };
                reply(exchange, answer == null ? 400 : 200, "application/x-amz-json-1.1",
                        answer == null ? "{\"__type\":\"UnknownOperation\"}" : answer);
            } else if (path.startsWith("/v2/email/outbound-emails")) {
                reply(exchange, 200, "application/json", "{\"MessageId\":\"bench-" + calls.get() + "\"}");
            } else if (method.equals("PUT")) {
                objects.put(path, body);
                exchange.getResponseHeaders().add("ETag", "\"" + md5(body) + "\"");
                reply(exchange, 200, "application/xml", "");
            } else if (method.equals("GET") || method.equals("HEAD")) {
                byte[] content = objects.get(path);
                if (content == null) {
                    reply(exchange, 404, "application/xml", "<Error><Code>NoSuchKey</Code></Error>");
                } else {
                    exchange.getResponseHeaders().add("ETag", "\"" + md5(content) + "\"");
                    exchange.getResponseHeaders().add("Content-Type", "text/html");
                    exchange.sendResponseHeaders(200, content.length);
                    exchange.getResponseBody().write(content);
                }
            } else {
                reply(exchange, 400, "application/xml", "<Error><Code>NotImplemented</Code></Error>");
            }
        }
    }

    private static String putEvents(String request) {
        int entries = Math.max(1, request.split("\"Detail\"", -1).length - 1);
        StringBuilder out = new StringBuilder("{\"FailedEntryCount\":0,\"Entries\":[");
        for (int i = 0; i < entries; i++) {
            out.append(i == 0 ? "" : ",").append("{\"EventId\":\"bench-").append(i).append("\"}");
        }
        return out.append("]}").toString();
    }

    private String getParameter(String request) {
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (request.contains("\"" + p.getKey() + "\"")) {
                return "{\"Parameter\":{\"Name\":\"" + p.getKey() + "\",\"Type\":\"SecureString\",\"Value\":\""
                        + p.getValue() + "\",\"Version\":1}}";
            }
        }
        return null;
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "bench");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
