package io.periodic.functions.invoicepage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.service.HostedInvoicePage;
import io.periodic.billing.wiring.Periodic;
import java.util.Map;

/**
 * The public hosted invoice page behind API Gateway (HTTP API, payload format 2.0, no authoriser: the signed token
 * in the path is the credential). Maps the request to {@link HostedPageHttp} and logs the outcome, never the token.
 */
public final class InvoicePageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HostedInvoicePage page;
    private final HostedPageHttp http;

    public InvoicePageHandler() {
        this(Periodic.fromEnvironment().hostedInvoicePage());
        Priming.register("invoice-page", this::prime);
    }

    public InvoicePageHandler(HostedInvoicePage page) {
        this.page = page;
        this.http = new HostedPageHttp(page);
    }

    /** SnapStart priming: renders the not-found page (templates, bundles); reads no key, no table, no document. */
    public void prime() {
        page.prime();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var request = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = request == null || request.getMethod() == null ? "GET" : request.getMethod().toUpperCase();
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        HostedPageHttp.Answer answer = http.handle(method, event.getRawPath(), header(headers, "accept-language"));
        Log.event("hosted_page", "method", method, "status", Integer.toString(answer.status()));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(answer.status()).withHeaders(answer.headers())
                .withBody(answer.body()).withIsBase64Encoded(answer.base64()).build();
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
