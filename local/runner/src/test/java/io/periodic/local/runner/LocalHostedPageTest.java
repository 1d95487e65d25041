package io.periodic.local.runner;

import static io.periodic.local.runner.LocalTestData.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hosted invoice page end to end over the local runner, as the paying customer meets it: the link in the invoice
 * e-mail opened with a plain HTTP client that holds no credential (no IAM signature, no cookie), the page read
 * live as payments arrive through a signed webhook, a voided invoice, tampered and made-up links, and an expired
 * link renewed by the page's button - mailed to the address on file, once a day.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalHostedPageTest {
    @RegisterExtension
    static final LocalRunnerExtension runner = new LocalRunnerExtension().withoutSettings();

    private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/pay/[A-Za-z0-9_-]+)");
    private static final HttpClient ANONYMOUS = HttpClient.newHttpClient();

    private static LocalClient api;
    private static String payerEmail;
    private static String paidNumber;
    private static String payLink;
    private static String voidLink;
    private static String openLink;
    private static String voidedCustomer;

    @BeforeAll
    static void seller() {
        api = runner.api();
        expect(api.send("PUT", "/settings", "application/json", """
                {"seller": {"name": "Hosted Test SaaS <Ltd>",
                  "address": {"line1": "1 Market Street", "postalCode": "94105", "city": "San Francisco",
                              "country": "US"},
                  "email": "billing@hosted-test.example",
                  "bankAccount": {"bankName": "Test Bank", "accountHolder": "Hosted Test SaaS Ltd",
                    "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"},
                  "paymentLinkTemplate": "https://pay.hosted-test.example/invoices/{number}"},
                 "numbering": {"invoicePrefix": "INV", "creditNotePrefix": "CN"}}
                """), 200);
    }

    @Test
    @Order(1)
    void theInvoiceMailLinksAPageThatOpensWithoutCredentialsAndShowsTheAmountDue() {
        String planId = LocalTestData.plan(api, "Hosted plan", 1999);
        payerEmail = "payer@hosted-test.example";
        String payer = LocalTestData.customer(api, "<script>alert(1)</script> Payer & Co", payerEmail);
        String voided = LocalTestData.customer(api, "Void Co", "void@hosted-test.example");
        voidedCustomer = voided;
        String open = LocalTestData.customer(api, "Open Co", "open@hosted-test.example");
        LocalTestData.subscribe(api, payer, planId, LocalDate.parse("2027-01-05"));
        LocalTestData.subscribe(api, voided, planId, LocalDate.parse("2027-01-05"));
        LocalTestData.subscribe(api, open, planId, LocalDate.parse("2027-01-05"));
        expect(api.advance(Instant.parse("2027-01-05T06:00:00Z")), 200);

        paidNumber = LocalTestData.invoices(api, payer).getFirst().get("number").textValue();
        String mail = mailBody(payerEmail, "invoice.finalized:");
        payLink = link(mail);
        assertTrue(mail.contains("This personal link is valid until April 19, 2027;"), mail);
        voidLink = link(mailBody("void@hosted-test.example", "invoice.finalized:"));
        openLink = link(mailBody("open@hosted-test.example", "invoice.finalized:"));

        HttpResponse<String> page = open(payLink);
        assertEquals(200, page.statusCode(), page.body());
        assertSecurityHeaders(page);
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        String html = page.body();
        assertTrue(html.contains("<div class=\"hosted-amount\" id=\"amount-due\">$19.99</div>"), html);
        assertTrue(html.contains("badge-open\">Awaiting payment<"), "status open");
        assertTrue(html.contains(paidNumber), "the invoice number");
        assertTrue(html.contains("DE89370400440532013000"), "the bank details");
        assertTrue(html.contains("Please quote invoice number " + paidNumber + " as the payment reference."), html);
        assertTrue(html.contains("href=\"https://pay.hosted-test.example/invoices/" + paidNumber + "\""), "pay link");
        assertTrue(html.contains("/pdf\" download>Download PDF</a>"), "the PDF download");
        assertFalse(html.contains("<script"), "no script, and the customer's name is escaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Payer &amp; Co"), "escaped name");
        assertTrue(html.contains("Hosted Test SaaS &lt;Ltd&gt;"), "escaped seller name");
    }

    @Test
    @Order(2)
    void aWebhookPaymentShowsPartlyPaidThenPaidOnTheSamePage() {
        expect(api.standardWebhook(LocalRunner.DEFAULT_STANDARD_SECRET, "evt-hosted-1",
                LocalTestData.paymentReceived(api.now(), "pay-hosted-1", "10.00", paidNumber)), 200);
        String partly = open(payLink).body();
        assertTrue(partly.contains("badge-partly-paid\">Partly paid<"), partly);
        assertTrue(partly.contains("id=\"amount-due\">$9.99</div>"), partly);
        assertTrue(partly.contains("We have received $10.00. $9.99 remains due."), partly);

        expect(api.standardWebhook(LocalRunner.DEFAULT_STANDARD_SECRET, "evt-hosted-2",
                LocalTestData.paymentReceived(api.now(), "pay-hosted-2", "9.99", paidNumber)), 200);
        HttpResponse<String> paid = open(payLink);
        assertEquals(200, paid.statusCode());
        assertTrue(paid.body().contains("badge-paid\">Paid<"), paid.body());
        assertTrue(paid.body().contains("id=\"amount-due\">$0.00</div>"), paid.body());
        assertTrue(paid.body().contains("This invoice has been paid in full. Thank you."), paid.body());
        assertFalse(paid.body().contains("https://pay.hosted-test.example/invoices/"), "no pay button once paid");
        assertFalse(paid.body().contains("hosted-pay"), "no bank details once paid");
    }

    @Test
    @Order(3)
    void aVoidedInvoiceSaysSo() {
        String voidedId = LocalTestData.invoices(api, voidedCustomer).getFirst().get("id")
                .textValue();
        expect(api.post("/invoices/" + voidedId + "/void", "{}"), 200);
        String html = open(voidLink).body();
        assertTrue(html.contains("badge-void\">Void<"), html);
        assertTrue(html.contains("This invoice has been voided. Nothing is payable on it."), html);
        assertFalse(html.contains("hosted-pay"), "nothing to pay");
    }

    @Test
    @Order(4)
    void tamperedAndMadeUpLinksGetTheSameNotFoundPage() {
        String token = payLink.substring(payLink.lastIndexOf('/') + 1);
        String base = payLink.substring(0, payLink.lastIndexOf('/') + 1);
        char c = token.charAt(10);
        HttpResponse<String> tampered = open(base + token.substring(0, 10) + (c == 'A' ? 'B' : 'A')
                + token.substring(11));
        HttpResponse<String> madeUp = open(base + "A".repeat(token.length()));
        HttpResponse<String> garbage = open(base + "not-a-token");
        HttpResponse<String> tamperedPdf = open(base + token.substring(0, token.length() - 1) + "x/pdf");
        for (HttpResponse<String> answer : List.of(tampered, madeUp, garbage, tamperedPdf)) {
            assertEquals(404, answer.statusCode(), answer.body());
            assertSecurityHeaders(answer);
            assertEquals(tampered.body(), answer.body(), "one answer for every bad link");
        }
        assertTrue(tampered.body().contains("Page not found"), tampered.body());
        assertFalse(tampered.body().contains(paidNumber));
    }

    @Test
    @Order(5)
    void anExpiredLinkAnswers410AndItsButtonMailsAFreshLinkToTheAddressOnFileOnceADay() {
        expect(api.advance(Instant.parse("2027-04-19T23:00:00Z")), 200);
        assertEquals(200, open(payLink).statusCode(), "still valid on the 90th day after the due date 2027-01-19");
        expect(api.advance(Instant.parse("2027-04-20T00:00:00Z")), 200);
        HttpResponse<String> expired = open(payLink);
        assertEquals(410, expired.statusCode(), expired.body());
        assertSecurityHeaders(expired);
        String token = payLink.substring(payLink.lastIndexOf('/') + 1);
        assertTrue(expired.body().contains("<form method=\"post\" action=\"" + token + "/renew\">"), expired.body());
        assertTrue(expired.body().contains("This link has expired"), expired.body());

        int before = mails(payerEmail, "hosted-link:").size();
        HttpResponse<String> renewed = post(payLink + "/renew");
        assertEquals(202, renewed.statusCode(), renewed.body());
        assertFalse(renewed.body().contains(payerEmail), "the page names no address");
        assertEquals(202, post(payLink + "/renew").statusCode());
        List<JsonNode> sent = mails(payerEmail, "hosted-link:");
        assertEquals(before + 1, sent.size(), "one fresh link per invoice per day: " + sent);

        String fresh = link(read(sent.getLast()));
        assertNotEquals(payLink, fresh);
        HttpResponse<String> page = open(fresh);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("badge-paid\">Paid<"), page.body());
    }

    @Test
    @Order(6)
    void inARealHeadlessBrowserTheAmountDueIsVisible() throws Exception {
        String browser = HeadlessChromium.find();
        Assumptions.assumeTrue(browser != null, "no headless Chromium/Chrome on this machine (looked for chromium, "
                + "chromium-browser, google-chrome on PATH): the page is checked over HTTP only");
        try (HeadlessChromium chromium = new HeadlessChromium(browser)) {
            // By now (the clock moved past the links' expiry) the mailed link shows the expired page, its button
            // visible; pressing it (the form, as the browser posts it) mails a fresh link to the address on file.
            chromium.open(openLink);
            String expired = String.valueOf(chromium.evaluate("document.body.innerText"));
            assertTrue(expired.contains("This link has expired"), expired);
            assertEquals(true, chromium.evaluate("document.querySelector('form button').checkVisibility()"));
            chromium.evaluate("document.querySelector('form').submit()");
            String fresh = awaitFreshLink("open@hosted-test.example");

            // The open invoice as its customer sees it: loaded over HTTP with no credential, laid out with its CSS;
            // innerText and checkVisibility() answer for what is rendered, not for what is in the HTML.
            chromium.open(fresh);
            assertEquals("$19.99", chromium.evaluate("document.getElementById('amount-due').innerText"),
                    () -> "the page as the browser has it: " + evaluate(chromium, "document.documentElement.outerHTML"));
            assertEquals(true, chromium.evaluate("document.getElementById('amount-due').checkVisibility()"));
            assertEquals(true, chromium.evaluate("(() => { const r = document.getElementById('amount-due')"
                    + ".getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.top < window.innerHeight; })()"),
                    "the amount due is in the first screen, without scrolling");
            String seen = (String) chromium.evaluate("document.body.innerText");
            assertTrue(seen.contains("Awaiting payment"), seen);
            assertTrue(seen.contains("DE89370400440532013000"), "the bank details to pay with: " + seen);
            assertEquals(0.0, Double.parseDouble(String.valueOf(chromium.evaluate(
                    "document.querySelectorAll('script').length"))), "no script on the page");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The fresh link the renew button mailed to {@code email} (the form post answers at once; the mail follows). */
    private static String awaitFreshLink(String email) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<JsonNode> sent = mails(email, "hosted-link:");
            if (!sent.isEmpty()) {
                return link(read(sent.getLast()));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no fresh link mailed to " + email);
    }

    private static Object evaluate(HeadlessChromium chromium, String expression) {
        try {
            return chromium.evaluate(expression);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void assertSecurityHeaders(HttpResponse<String> answer) {
        assertEquals("private, no-store", answer.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(null));
        assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(null));
        String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("script-src"), "no script source at all: " + csp);
    }

    private static HttpResponse<String> open(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Language", "en-GB,en;q=0.8").GET()
                .build());
    }

    private static HttpResponse<String> post(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        assertFalse(request.headers().firstValue("Authorization").isPresent(), "no credentials");
        try {
            return ANONYMOUS.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> mails(String to, String keyPrefix) {
        List<JsonNode> found = new ArrayList<>();
        expect(api.get("/_local/outbox"), 200).get("emails").forEach(m -> {
            if (m.get("to").textValue().equals(to) && m.get("key").textValue().startsWith(keyPrefix)) {
                found.add(m);
            }
        });
        return found;
    }

    private static String mailBody(String to, String keyPrefix) {
        List<JsonNode> found = mails(to, keyPrefix);
        assertEquals(1, found.size(), found.toString());
        return read(found.getFirst());
    }

    private static String read(JsonNode mail) {
        try {
            return Files.readString(Path.of(mail.get("file").textValue()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String link(String mail) {
        Matcher m = LINK.matcher(mail);
        assertTrue(m.find(), "a hosted page link in the mail: " + mail);
        assertNotNull(m.group(1));
        return m.group(1);
    }
}
