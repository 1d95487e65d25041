package io.periodic.billing.bankstatements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotificationJson;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The account a Zengin credit arrived in (the header's 銀行コード-支店コード-口座番号) travels with the payment: on the
 * notification, through the payment queue's JSON, and an old message without it still reads.
 */
class ZenginReceivingAccountTest {

    @ParameterizedTest
    @ValueSource(strings = {"zengin01-reiwa-crlf.txt", "zengin03-reiwa-lf.txt", "zengin03-western-crlf.txt"})
    void everyCreditCarriesTheHeadersAccountAndTheRemittingBank(String name) {
        ZenginStatement s = ZenginParser.parse(ZenginParserTest.fixture(name), ZenginDateStyle.AUTO,
                LocalDate.of(2026, 5, 1));
        for (PaymentNotification n : s.toParseResult().payments()) {
            assertEquals("0172-101-1234567", n.receivingAccount());
        }
        ZenginStatement.Entry first = s.entries().get(0);
        assertEquals(first.remittingBank() + "/" + first.remittingBranch(),
                first.toNotification().payer().account());
    }

    @Test
    void theReceivingAccountSurvivesTheQueueAndOldMessagesStillRead() {
        PaymentNotification n = new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "e1", "p1", null,
                Money.of(33_000, "JPY"), new Payer("ｶ)ﾔﾏﾀﾞ", null, null, "ﾐｽﾞﾎ/ﾎﾝﾃﾝ"), null, null,
                Instant.parse("2026-04-01T00:00:00Z"), false, "0005-201-7712345");
        assertEquals(n, PaymentNotificationJson.read(PaymentNotificationJson.write(n)));

        String old = "{\"kind\":\"RECEIVED\",\"provider\":\"bank\",\"eventId\":\"e1\",\"providerPaymentId\":\"p1\","
                + "\"amount\":33000,\"currency\":\"JPY\",\"occurredAt\":\"2026-04-01T00:00:00Z\"}";
        PaymentNotification read = PaymentNotificationJson.read(old);
        assertNull(read.receivingAccount());
        assertEquals(Money.of(33_000, "JPY"), read.amount());
    }
}
