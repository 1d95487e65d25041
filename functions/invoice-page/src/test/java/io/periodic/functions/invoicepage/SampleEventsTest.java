package io.periodic.functions.invoicepage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.service.HostedInvoicePage;
import io.periodic.billing.testing.TestAdapters;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.Engines;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sample event in events/ through the real handler on DynamoDB Local, and the routes around it. */
@ExtendWith(DynamoDbLocalExtension.class)
class SampleEventsTest {

    private static HostedInvoicePage page(DynamoDbLocalEngine dynamo, Path out, Secrets keys) {
        return new TestAdapters(dynamo.client()).documents(new DirectoryDocumentStore(out))
                .mailer(new FileOutboxMailer(out.resolve("outbox"))).hostedLinks(keys, "https://pay.example.test")
                .clock(() -> Instant.parse("2026-12-01T00:00:00Z")).root().hostedInvoicePage();
    }

    private static InvoicePageHandler handler(DynamoDbLocalEngine dynamo, Path out) {
        return new InvoicePageHandler(page(dynamo, out, Secrets.of(TestAdapters.HOSTED_LINK_KEY)));
    }

    @Test
    void theTamperedSampleGetsTheNotFoundPageInTheBrowsersLanguageWithTheSecurityHeaders(DynamoDbLocalEngine dynamo,
            @TempDir Path out) {
        APIGatewayV2HTTPResponse response = handler(dynamo, out).handleRequest(load("invoice-page-tampered.json"),
                null);

        assertEquals(404, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("ページが見つかりません"), response.getBody());
        assertEquals("text/html; charset=utf-8", response.getHeaders().get("Content-Type"));
        assertEquals("private, no-store", response.getHeaders().get("Cache-Control"));
        assertEquals("no-referrer", response.getHeaders().get("Referrer-Policy"));
        assertEquals("nosniff", response.getHeaders().get("X-Content-Type-Options"));
        assertEquals(HostedPageHttp.CSP, response.getHeaders().get("Content-Security-Policy"));
        assertFalse(response.getBody().contains("<script"));
    }

    @Test
    void otherPathsAndMethodsGetTheSameNotFoundPage(DynamoDbLocalEngine dynamo, @TempDir Path out) {
        HostedPageHttp http = new HostedPageHttp(page(dynamo, out, Secrets.of(TestAdapters.HOSTED_LINK_KEY)));
        String reference = http.handle("GET", "/pay/AAAA", null).body();
        for (String[] request : new String[][] {{"DELETE", "/pay/AAAA"}, {"POST", "/pay/AAAA"},
                {"GET", "/pay/AAAA/renew"}, {"GET", "/pay/AAAA/other"}, {"GET", "/pay/"}, {"GET", "/pay/a/b/pdf"},
                {"GET", "/customers"}, {"GET", null}}) {
            HostedPageHttp.Answer answer = http.handle(request[0], request[1], null);
            assertEquals(404, answer.status(), String.join(" ", request[0], String.valueOf(request[1])));
            assertEquals(reference, answer.body());
            assertEquals("private, no-store", answer.headers().get("Cache-Control"));
        }
    }

    @Test
    void primingReadsNoKeyWhileEveryRequestDoes(DynamoDbLocalEngine dynamo, @TempDir Path out) {
        Secrets unreadable = () -> {
            throw new IllegalStateException("a key was read");
        };
        InvoicePageHandler handler = new InvoicePageHandler(page(dynamo, out, unreadable));
        handler.prime();
        assertThrows(IllegalStateException.class,
                () -> handler.handleRequest(load("invoice-page-tampered.json"), null),
                "a request checks its token against the keys, even a tampered one (same path for all)");
    }

    private static APIGatewayV2HTTPEvent load(String name) {
        return EventLoader.loadApiGatewayHttpEvent(
                Engines.templatePath().resolveSibling("events/" + name).toString());
    }
}
