package io.periodic.functions.invoicepage;

import io.periodic.billing.service.HostedInvoicePage;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public routes of the hosted invoice page, and the headers every answer carries: {@code GET /pay/{token}},
 * {@code GET /pay/{token}/pdf}, {@code POST /pay/{token}/renew}; anything else is the same 404 page as a bad token.
 *
 * <p>Every answer is {@code Cache-Control: private, no-store} (a shared cache or the browser's history never keeps
 * an invoice), has a Content-Security-Policy without any script ({@code default-src 'none'}; inline styles only;
 * forms only to this origin; no framing), {@code Referrer-Policy: no-referrer} (the token never leaves in a
 * Referer header, e.g. to the payment provider), {@code X-Content-Type-Options: nosniff} and {@code X-Robots-Tag}.
 */
public final class HostedPageHttp {
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final Pattern ROUTE = Pattern.compile("/pay/([A-Za-z0-9_=+/-]{1,200}?)(/pdf|/renew)?/?");

    private final HostedInvoicePage page;

    public HostedPageHttp(HostedInvoicePage page) {
        this.page = page;
    }

    /** An HTTP answer: {@code body} is base64 when {@code base64}. */
    public record Answer(int status, Map<String, String> headers, String body, boolean base64) {}

    /** Routes one request; {@code acceptLanguage} chooses the language of the not-found page only. */
    public Answer handle(String method, String path, String acceptLanguage) {
        Matcher route = ROUTE.matcher(path == null ? "" : path);
        HostedInvoicePage.Answer answer;
        if (!route.matches() || route.group(1).contains("/")) {
            answer = page.page(null, acceptLanguage);
        } else {
            String token = route.group(1);
            String action = route.group(2) == null ? "" : route.group(2);
            answer = switch (method + " " + action) {
                case "GET ", "HEAD " -> page.page(token, acceptLanguage);
                case "GET /pdf", "HEAD /pdf" -> page.pdf(token, acceptLanguage);
                case "POST /renew" -> page.renew(token, acceptLanguage);
                default -> page.page(null, acceptLanguage);
            };
        }
        return answer(answer);
    }

    static Answer answer(HostedInvoicePage.Answer answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "private, no-store");
        headers.put("Content-Security-Policy", CSP);
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-Robots-Tag", "noindex, nofollow");
        int status = switch (answer.kind()) {
            case PAGE, PDF -> 200;
            case RENEWAL_SENT -> 202;
            case EXPIRED -> 410;
            case NOT_FOUND -> 404;
            case PDF_NOT_READY -> 503;
        };
        if (answer.kind() == HostedInvoicePage.Kind.PDF_NOT_READY) {
            headers.put("Retry-After", "60");
        }
        if (answer.kind() == HostedInvoicePage.Kind.PDF) {
            headers.put("Content-Type", "application/pdf");
            headers.put("Content-Disposition", "attachment; filename=\"invoice.pdf\"");
            return new Answer(status, headers, Base64.getEncoder().encodeToString(answer.pdf()), true);
        }
        headers.put("Content-Type", "text/html; charset=utf-8");
        return new Answer(status, headers, answer.html(), false);
    }
}
