package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.service.PaymentService;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A customer's virtual accounts are taken on create, replaced or cleared on update and shown; an account another
 * customer holds is refused with 409 and nothing is stored; a payment shows the account it arrived in.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class VirtualAccountsApiTest {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private ApiWorld world;
    private String account;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
        StringBuilder digits = new StringBuilder();
        for (char c : Ids.randomLetters(10).toCharArray()) {
            digits.append(c % 10);
        }
        account = "8" + digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(3, 10);
    }

    private static List<String> accounts(ApiWorld.Reply reply) {
        return reply.json().get("virtualAccounts").valueStream().map(n -> n.textValue()).toList();
    }

    private ApiWorld.Reply create(List<String> accounts) {
        String list = String.join(", ", accounts.stream().map(a -> "\"" + a + "\"").toList());
        return world.post("/customers", ApiWorld.customerJson(ApiWorld.freshEmail(), "JPY")
                .replace("\"locale\": \"en\"", "\"locale\": \"ja\", \"virtualAccounts\": [" + list + "]"));
    }

    @Test
    void virtualAccountsAreTakenShownReplacedAndCleared() {
        ApiWorld.Reply created = create(List.of(account, account));
        assertEquals(201, created.status(), created.toString());
        assertEquals(List.of(account), accounts(created), "a duplicate is kept once");
        String id = created.json().get("id").textValue();
        assertEquals(List.of(account), accounts(world.get("/customers/" + id)));

        ApiWorld.Reply renamed = world.call("PATCH", "/customers/" + id, Map.of(), JSON, "{\"name\": \"山田商事\"}");
        assertEquals(List.of(account), accounts(renamed), "an update without them keeps them");

        ApiWorld.Reply cleared = world.call("PATCH", "/customers/" + id, Map.of(), JSON,
                "{\"virtualAccounts\": null}");
        assertEquals(200, cleared.status(), cleared.toString());
        assertEquals(List.of(), accounts(cleared));
        assertTrue(world.store.customers().findByVirtualAccount(account).isEmpty());
    }

    @Test
    void anAccountAnotherCustomerHoldsIsRefusedWith409AndNothingIsStored() {
        String holder = create(List.of(account)).json().get("id").textValue();

        ApiWorld.Reply second = create(List.of(account));
        assertEquals(409, second.status(), second.toString());
        assertTrue(second.body().contains(account), second.body());

        String other = world.customer("JPY");
        ApiWorld.Reply patched = world.call("PATCH", "/customers/" + other, Map.of(), JSON,
                "{\"name\": \"Other\", \"virtualAccounts\": [\"" + account + "\"]}");
        assertEquals(409, patched.status(), patched.toString());
        assertEquals(List.of(), accounts(world.get("/customers/" + other)), "nothing half-applied");
        assertEquals(holder, world.store.customers().findByVirtualAccount(account).orElseThrow().id());
    }

    @Test
    void aPaymentShowsTheAccountItArrivedIn() {
        String id = create(List.of(account)).json().get("id").textValue();
        String providerId = Ids.newId("zen");
        new PaymentService(world.store, world.events, world.clock).handle(new PaymentNotification(
                PaymentNotification.Kind.RECEIVED, "bank", "evt-" + providerId, providerId, null,
                Money.of(5_000, "JPY"), new Payer("ﾀﾞﾚｶ", null, null, null), null, null, world.now.get(), false,
                account));
        String paymentId = world.store.payments().getByProviderId("bank", providerId).orElseThrow().id();
        ApiWorld.Reply payment = world.get("/payments/" + paymentId);
        assertEquals(200, payment.status(), payment.toString());
        assertEquals(account, payment.json().get("receivingAccount").textValue());
        assertEquals(id, payment.json().get("customerId").textValue());
    }
}
