package io.periodic.billing.webhooks;

import static io.periodic.billing.webhooks.WebhookTesting.assertRefused;
import static io.periodic.billing.webhooks.WebhookTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12, defect 4: a Standard Webhooks {@code data.amount} up to ~9.2e18 minor units was accepted, and two
 * such payments to one customer overflowed the ledger. An amount over the maximum ({@link Money#MAX_MINOR} minor
 * units, 15 digits) is now 422 {@code invalid-amount} naming {@code data.amount}; the maximum itself is taken.
 */
class WebhookAmountLimitTest {
    private static final String EVENT = """
            {"type": "payment.received", "timestamp": "2026-11-05T09:30:00Z",
             "data": {"provider": "acme-pay", "paymentId": "pay_1", "amount": "%s", "currency": "%s"}}""";

    @ParameterizedTest
    @CsvSource({"92233720368547758.07, USD", "10000000000000.00, USD", "1000000000000000, JPY",
        "1000000000000.000, KWD"})
    void standardEventsRefuseAnAmountOverTheMaximum(String amount, String currency) {
        IntakeException e = assertRefused(422, "invalid-amount",
                () -> StandardEvents.parse("acme-pay", "msg_1", utf8(EVENT.formatted(amount, currency))));
        assertTrue(e.getMessage().startsWith("data.amount: "), e.getMessage());
        assertTrue(e.getMessage().contains("maximum"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"9999999999999.99, USD", "999999999999999, JPY", "999999999999.999, KWD"})
    void standardEventsTakeTheMaximumItself(String amount, String currency) {
        Parsed.Notifications parsed = assertInstanceOf(Parsed.Notifications.class,
                StandardEvents.parse("acme-pay", "msg_1", utf8(EVENT.formatted(amount, currency))));
        assertEquals(Money.of(999_999_999_999_999L, currency), parsed.notifications().get(0).amount());
    }
}
