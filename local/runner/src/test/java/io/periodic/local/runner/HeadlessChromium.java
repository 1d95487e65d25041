package io.periodic.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium driven over the DevTools protocol (a WebSocket, the JDK's own client: no driver library),
 * for tests that must see a page as a browser lays it out: {@link #open} loads a URL and {@link #evaluate} runs an
 * expression in it. {@code innerText} and {@code checkVisibility()} answer for what is rendered (display:none, an
 * empty box or hidden text are not), which the page's HTML alone cannot tell. {@link #find()} is null when no
 * Chromium or Chrome is on the PATH (tests skip then).
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

    /** The first of chromium, chromium-browser, google-chrome, google-chrome-stable on the PATH, or null. */
    static String find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    HeadlessChromium(String browser) throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        process = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
                "--window-size=1280,900", "about:blank").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path active = profile.resolve("DevToolsActivePort");
        for (int i = 0; i < 300 && !(Files.exists(active) && Files.readAllLines(active).size() >= 2); i++) {
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(active).getFirst().trim());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String page = null;
        for (JsonNode target : targets) {
            if ("page".equals(target.path("type").asText())) {
                page = target.get("webSocketDebuggerUrl").asText();
            }
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Answers()).get(30, TimeUnit.SECONDS);
    }

    /** Loads {@code url} and waits until the document and its resources are loaded. */
    void open(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
        String loaded = "location.href === " + JSON.writeValueAsString(url) + " && document.readyState === 'complete'";
        for (int i = 0; i < 300 && !Boolean.TRUE.equals(evaluate(loaded)); i++) {
            Thread.sleep(100);
        }
        if (!Boolean.TRUE.equals(evaluate(loaded))) {
            throw new IllegalStateException("not loaded in 30 s: " + url + " (at " + evaluate("location.href") + ")");
        }
    }

    /** The value of a JavaScript expression in the page (a string, number, boolean or null). */
    Object evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true))
                .path("result").path("result");
        JsonNode value = result.path("value");
        return value.isMissingNode() || value.isNull() ? null
                : value.isTextual() ? value.asText() : value.isBoolean() ? value.asBoolean() : value.toString();
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                .get(30, TimeUnit.SECONDS);
        return answer.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Collects the protocol's answers (messages may arrive in parts) and hands each to its call. */
    private final class Answers implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> answer = message.has("id")
                            ? answers.remove(message.get("id").asInt()) : null;
                    if (answer != null) {
                        answer.complete(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
