package io.periodic.functions.billingapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.wiring.Periodic;
import io.periodic.functions.billingapi.Http.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The management API behind API Gateway (HTTP API, payload format 2.0, IAM-authorised): turns the event into a
 * request for {@link BillingApi} and its answer into the response. Routing, parsing and refusals live in
 * {@link BillingApi} and the route classes, the work in the services.
 */
public final class BillingApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final BillingApi api;

    public BillingApiHandler() {
        // Documents, events and mail serve corrections and reissues only; their clients are built on first use.
        this(BillingApi.over(Periodic.fromEnvironment()));
        Priming.register("billing-api", this::prime);
    }

    public BillingApiHandler(BillingApi api) {
        this.api = api;
    }

    public BillingApi api() {
        return api;
    }

    /** SnapStart priming: a read-only request through the whole path (routing, DynamoDB read, problem+json). */
    public void prime() {
        api.handle("GET", "/customers/cus_priming_probe", Map.of(), Map.of(), null, "priming");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        Response response = api.handleEvent(http == null || http.getMethod() == null ? "GET"
                : http.getMethod().toUpperCase(), event.getRawPath() == null ? "/" : event.getRawPath(),
                event.getQueryStringParameters(), event.getHeaders(), event.getBody(), event.getIsBase64Encoded(),
                caller(event.getRequestContext()));
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("Content-Type", response.contentType());
        return APIGatewayV2HTTPResponse.builder().withStatusCode(response.status()).withHeaders(headers)
                .withBody(response.body()).withIsBase64Encoded(response.base64()).build();
    }

    /**
     * The IAM principal that signed the request (the audit trail of manual actions, and the owner of its
     * Idempotency-Keys): its ARN, else its caller id, else its account and user id; "unknown" only without an IAM
     * authoriser (never so behind the deployed API).
     */
    static String caller(APIGatewayV2HTTPEvent.RequestContext context) {
        var iam = context == null || context.getAuthorizer() == null ? null : context.getAuthorizer().getIam();
        return iam == null ? "unknown"
                : iam.getUserArn() != null && !iam.getUserArn().isBlank() ? iam.getUserArn()
                : iam.getCallerId() != null && !iam.getCallerId().isBlank() ? "caller:" + iam.getCallerId()
                : iam.getAccountId() != null && iam.getUserId() != null
                        ? "account:" + iam.getAccountId() + ":user:" + iam.getUserId() : "unknown";
    }
}
