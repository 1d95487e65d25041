package io.periodic.functions.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.periodic.billing.aws.AwsAdapters;
import io.periodic.billing.aws.AwsClients;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.InvoiceNotifications;
import io.periodic.functions.api.Http.Response;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The management API behind API Gateway (HTTP API, payload format 2.0, IAM-authorised): turns the event into a
 * request for {@link BillingApi} and its answer into the response. Thin by design: routing, parsing and refusals
 * live in {@link BillingApi}, the work in the services.
 */
public final class BillingApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final BillingApi api;

    public BillingApiHandler() {
        this(wire());
        // SnapStart: route a read-only request through the whole path (routing, DynamoDB read, problem+json).
        io.periodic.billing.lambda.Priming.register("billing-api", this::prime);
    }

    public BillingApiHandler(BillingApi api) {
        this.api = api;
    }

    private static BillingApi wire() {
        BillingStore store = new BillingStore(AwsClients.build(DynamoDbClient.builder()), AwsClients.env("TABLE_NAME"));
        // Documents, events and mail serve corrections and reissues only; their clients are built on first use.
        AwsAdapters out = AwsAdapters.fromEnvironment();
        InvoiceNotifications notifications = new InvoiceNotifications(new DocumentRenderer(), out.documents(),
                out.events(), out.mailer());
        return BillingApi.over(store, notifications, out.events(), out.documents(), Clock.system());
    }

    public BillingApi api() {
        return api;
    }

    /** SnapStart priming: a read-only request through the whole path (routing, DynamoDB read, problem+json). */
    public void prime() {
        api.handle("GET", "/customers/cus_priming_probe", java.util.Map.of(), java.util.Map.of(), null, "priming");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = http == null || http.getMethod() == null ? "GET" : http.getMethod().toUpperCase();
        String path = event.getRawPath() == null ? "/" : event.getRawPath();
        String body = event.getBody();
        Response response;
        if (body != null && event.getIsBase64Encoded()) {
            // The bytes as sent, decoded strictly as UTF-8 by the API (never replaced with U+FFFD).
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
            response = bytes == null
                    ? BillingApi.problem(new Http.ApiProblem(400, "malformed-body", "the body is not valid base64"))
                    : api.handleBytes(method, path, event.getQueryStringParameters(), event.getHeaders(), bytes,
                            caller(event));
        } else {
            response = api.handle(method, path, event.getQueryStringParameters(), event.getHeaders(), body,
                    caller(event));
        }
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("Content-Type", response.contentType());
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withBody(response.body())
                .withIsBase64Encoded(response.base64())
                .build();
    }

    /**
     * The IAM principal that signed the request (API Gateway's IAM authoriser): the audit trail of manual actions,
     * and the owner of its Idempotency-Keys (two principals never share a key). Its ARN, else its caller id, else
     * its account and user id; "unknown" only without an IAM authoriser (never so behind the deployed API).
     */
    static String caller(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getIam() == null) {
            return "unknown";
        }
        var iam = context.getAuthorizer().getIam();
        if (iam.getUserArn() != null && !iam.getUserArn().isBlank()) {
            return iam.getUserArn();
        }
        if (iam.getCallerId() != null && !iam.getCallerId().isBlank()) {
            return "caller:" + iam.getCallerId();
        }
        if (iam.getAccountId() != null && iam.getUserId() != null) {
            return "account:" + iam.getAccountId() + ":user:" + iam.getUserId();
        }
        return "unknown";
    }
}
