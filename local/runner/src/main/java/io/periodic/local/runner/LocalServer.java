package io.periodic.local.runner;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.periodic.billing.lambda.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local HTTP front door, standing in for API Gateway: each request becomes the payload-format-2.0 event the
 * real HTTP API sends, for the real handler — the webhook routes to the payment-webhook function, every other
 * route to the billing-api function — plus local-only routes under {@code /_local/}: the clock, the outbox, the
 * dunning workflows and the dead-letter queues.
 *
 * <p>Request bodies reach the handlers byte for byte: a JSON body that is valid UTF-8 as text, any other body
 * (XML, CSV, anything else, and JSON that is not valid UTF-8) base64-encoded with {@code isBase64Encoded}, so that
 * no charset is ever guessed here. Requests are served by {@value #THREADS} threads and run concurrently
 * ({@link LocalSystem} decides what must wait).
 */
public final class LocalServer implements AutoCloseable {
    static final Set<String> WEBHOOK_ROUTES = Set.of("/webhooks/stripe", "/webhooks/standard", "/bank-statements");
    static final int THREADS = 16;
    /** The public hosted invoice page (invoice-page function, no IAM). */
    static final String HOSTED_PAGE_PREFIX = "/pay/";

    private final LocalSystem system;
    private final HttpServer server;
    private final ExecutorService executor;

    public LocalServer(LocalSystem system, int port) throws IOException {
        this.system = system;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::handle);
        executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread t = new Thread(runnable, "local-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        system.servedAt("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod().toUpperCase();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(1024 * 1024 + 1);
            }
            Reply reply;
            try {
                if (path.startsWith("/_local/")) {
                    reply = local(method, path, body);
                } else {
                    APIGatewayV2HTTPEvent event = event(exchange, method, path, body);
                    APIGatewayV2HTTPResponse response = WEBHOOK_ROUTES.contains(path) ? system.webhook(event)
                            : path.startsWith(HOSTED_PAGE_PREFIX) ? system.hostedPage(withoutCaller(event))
                            : system.api(event);
                    reply = new Reply(response.getStatusCode(), response.getHeaders(), response.getIsBase64Encoded()
                            ? Base64.getDecoder().decode(response.getBody())
                            : response.getBody() == null ? new byte[0]
                            : response.getBody().getBytes(StandardCharsets.UTF_8));
                }
            } catch (RuntimeException failure) {
                failure.printStackTrace(System.err);
                reply = problem(503, "local-runner-failure", failure.toString());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    record Reply(int status, Map<String, String> headers, byte[] body) {}

    private Reply local(String method, String path, byte[] body) {
        if (path.equals("/_local/clock") && method.equals("POST")) {
            Instant target;
            try {
                JsonNode json = LocalSystem.JSON.readTree(body);
                if (json == null || !json.isObject() || !json.path("now").isTextual()) {
                    return problem(422, "invalid-field", "send {\"now\": \"2027-01-01T00:00:00Z\"}");
                }
                target = Instant.parse(json.get("now").textValue());
            } catch (IOException | DateTimeParseException e) {
                return problem(400, "malformed-json", "send {\"now\": \"2027-01-01T00:00:00Z\"}: " + e.getMessage());
            }
            LocalSystem.Advance a;
            try {
                a = system.advanceTo(target);
            } catch (LocalSystem.ClockBackwardsException backwards) {
                return problem(409, "clock-goes-forward-only", backwards.getMessage());
            } catch (LocalSystem.ClockLimitException tooFar) {
                return problem(422, "clock-advance-too-far", tooFar.getMessage(), "/now");
            }
            ObjectNode o = LocalSystem.JSON.createObjectNode();
            o.put("from", a.from().toString());
            o.put("now", a.to().toString());
            o.put("invoiceSchedules", a.invoiceSchedules());
            o.put("dunningSweeps", a.dunningSweeps());
            o.put("messages", a.messages());
            o.put("workflowTransitions", a.workflowTransitions());
            return json(200, o);
        }
        if (path.equals("/_local/clock") && method.equals("GET")) {
            return json(200, LocalSystem.JSON.createObjectNode().put("now", system.now().toString()));
        }
        if (path.equals("/_local/outbox") && method.equals("GET")) {
            ObjectNode o = LocalSystem.JSON.createObjectNode();
            ArrayNode mails = o.putArray("emails");
            for (LocalSystem.SentMail m : system.outbox()) {
                mails.addObject().put("sentAt", m.at().toString()).put("key", m.key()).put("to", m.to())
                        .put("subject", m.subject()).put("file", m.file().toString());
            }
            return json(200, o);
        }
        if (path.equals("/_local/workflows") && method.equals("GET")) {
            ArrayNode list = LocalSystem.JSON.createArrayNode();
            system.workflows().forEach(w -> list.addObject().put("name", w.name()).put("status", w.status().name())
                    .put("state", w.currentState()).put("wakeUpAt", w.wakeUpAt() == null ? null
                            : w.wakeUpAt().toString()).put("transitions", w.transitions()));
            return json(200, LocalSystem.JSON.createObjectNode().set("executions", list));
        }
        if (path.equals("/_local/dlq") && method.equals("GET")) {
            ArrayNode queues = LocalSystem.JSON.createArrayNode();
            for (LocalSystem.DeadLetters d : system.deadLetters()) {
                ObjectNode q = queues.addObject();
                q.put("queue", d.queue());
                q.put("source", d.source());
                q.put("maxReceiveCount", d.maxReceiveCount());
                ArrayNode messages = q.putArray("messages");
                for (var m : d.messages()) {
                    ObjectNode o = messages.addObject();
                    o.put("messageId", m.messageId());
                    o.put("receiveCount", m.receiveCount());
                    o.put("body", m.body());
                    ObjectNode attributes = o.putObject("attributes");
                    m.attributes().forEach(attributes::put);
                    ObjectNode messageAttributes = o.putObject("messageAttributes");
                    m.messageAttributes().forEach(messageAttributes::put);
                }
            }
            return json(200, LocalSystem.JSON.createObjectNode().set("queues", queues));
        }
        if (path.equals("/_local/dlq/redrive") && method.equals("POST")) {
            String queue = null;
            if (body.length > 0) {
                try {
                    JsonNode json = LocalSystem.JSON.readTree(body);
                    if (json == null || !json.isObject() || (json.has("queue") && !json.get("queue").isTextual())) {
                        return problem(422, "invalid-field", "send {} or {\"queue\": \"PaymentDeadLetterQueue\"}",
                                "/queue");
                    }
                    queue = json.has("queue") ? json.get("queue").textValue() : null;
                } catch (IOException e) {
                    return problem(400, "malformed-json", "send {} or {\"queue\": \"PaymentDeadLetterQueue\"}");
                }
            }
            List<LocalSystem.Redriven> done;
            try {
                done = system.redrive(queue);
            } catch (IllegalArgumentException unknown) {
                return problem(422, "invalid-field", unknown.getMessage(), "/queue");
            }
            ArrayNode list = LocalSystem.JSON.createArrayNode();
            done.forEach(r -> list.addObject().put("queue", r.queue()).put("destination", r.destination())
                    .put("status", r.status()).put("moved", r.moved()));
            return json(200, LocalSystem.JSON.createObjectNode().set("redriven", list));
        }
        return problem(404, "not-found", "local routes: POST /_local/clock, GET /_local/clock, GET /_local/outbox, "
                + "GET /_local/workflows, GET /_local/dlq, POST /_local/dlq/redrive");
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String method, String path, byte[] body) {
        return event(method, path, exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
    }

    /** The event of a public route: API Gateway gives it no IAM caller. */
    static APIGatewayV2HTTPEvent withoutCaller(APIGatewayV2HTTPEvent event) {
        event.getRequestContext().setAuthorizer(null);
        return event;
    }

    /** The payload-format-2.0 event API Gateway's HTTP API sends for this request. */
    static APIGatewayV2HTTPEvent event(String method, String path, String rawQuery,
            Map<String, List<String>> requestHeaders, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        requestHeaders.forEach((name, values) -> headers.merge(name.toLowerCase(Locale.ROOT),
                String.join(",", values), (a, b) -> a + "," + b));
        Map<String, String> query = new LinkedHashMap<>();
        String raw = rawQuery;
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(k, v, (a, b) -> a + "," + b); // API Gateway joins repeated parameters with commas
            }
        }
        String text = body.length == 0 ? null : asText(headers.get("content-type"), body);
        boolean base64 = body.length > 0 && text == null;
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(raw == null ? "" : raw)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(body.length == 0 ? null : base64 ? Base64.getEncoder().encodeToString(body) : text)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                                        .withUserArn("arn:aws:iam::000000000000:user/local").build())
                                .build())
                        .withTimeEpoch(System.currentTimeMillis())
                        .build())
                .build();
    }

    /**
     * The body as text when it is JSON (application/json or +json) and valid UTF-8, which is what the handlers
     * read as text; null for everything else, which is then sent base64-encoded, byte for byte: a statement in
     * ISO-8859-1 or a CSV with a stray byte reaches the handler as it was sent, to be read by its declared charset
     * or refused, never re-encoded here.
     */
    static String asText(String contentType, byte[] body) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        if (!media.equals("application/json") && !media.endsWith("+json")) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    private static Reply json(int status, JsonNode body) {
        return new Reply(status, Map.of("Content-Type", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Reply problem(int status, String type, String detail) {
        return problem(status, type, detail, null);
    }

    private static Reply problem(int status, String type, String detail, String pointer) {
        return new Reply(status, Map.of("Content-Type", Problem.CONTENT_TYPE),
                Problem.body(status, type, detail, pointer, null).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
