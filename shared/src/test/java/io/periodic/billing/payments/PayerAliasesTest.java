package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.periodic.billing.model.Payer;
import io.periodic.billing.model.PayerAlias;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The learned-alias decisions as plain data: what a manual application teaches, whom an alias identifies. */
class PayerAliasesTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-01T00:00:00Z");
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

    private static Payment payment(String id, String name, String from) {
        Money zero = Money.zero(Money.of(1, "JPY").currency());
        return new Payment(Payment.idFor("bank", id), "bank", id, Money.of(33_000, "JPY"),
                new Payer(name, null, null, from), null, T0, PaymentStatus.UNAPPLIED, zero, zero, null, null, null);
    }

    @Test
    void aManualApplicationToOneCustomerTeachesTheBankKeyOfThePayersName() {
        Payment p = payment("z1", "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", "ﾐｽﾞﾎ/ﾎﾝﾃﾝ");
        PayerAlias alias = PayerAliases.learn(p, List.of("cus_a", "cus_a"), null, ALICE, T0);
        assertEquals(BankNames.key("ﾔﾏﾀﾞｼｮｳｼﾞ"), alias.bankKey());
        assertEquals("ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", alias.payerName());
        assertEquals("ﾐｽﾞﾎ/ﾎﾝﾃﾝ", alias.remittedFrom());
        assertEquals("cus_a", alias.customerId());
        assertEquals(ALICE, alias.learnedBy());
        assertEquals(List.of(p.id()), alias.learnedFrom());
        assertEquals(PayerAliases.id(alias.bankKey(), "ﾐｽﾞﾎ/ﾎﾝﾃﾝ", "cus_a"), alias.id());
        assertNotEquals(alias.id(), PayerAliases.id(alias.bankKey(), null, "cus_a"), "the bank is part of it");
    }

    @Test
    void nothingIsLearnedWithoutANameWithAKeyOrForSeveralCustomers() {
        assertNull(PayerAliases.learn(payment("z1", null, null), List.of("cus_a"), null, ALICE, T0));
        assertNull(PayerAliases.learn(payment("z1", "ｶ)", null), List.of("cus_a"), null, ALICE, T0));
        assertNull(PayerAliases.learn(payment("z1", "ﾔﾏﾀﾞ", null), Set.of("cus_a", "cus_b"), null, ALICE, T0));
        assertNull(PayerAliases.learn(payment("z1", "ﾔﾏﾀﾞ", null), List.of(), null, ALICE, T0));
    }

    @Test
    void learningAgainConfirmsTheOneAlias() {
        PayerAlias first = PayerAliases.learn(payment("z1", "ｶ)ﾔﾏﾀﾞ", null), List.of("cus_a"), null, ALICE, T0);
        PayerAlias again = PayerAliases.learn(payment("z2", "ﾔﾏﾀﾞ(ｶ", null), List.of("cus_a"), first, "bob", T1);
        assertEquals(first.id(), again.id());
        assertEquals(2, again.confirmations());
        assertEquals(ALICE, again.learnedBy(), "who taught it first");
        assertEquals(T0, again.learnedAt());
        assertEquals(T1, again.confirmedAt());
        assertEquals("ﾔﾏﾀﾞ(ｶ", again.payerName(), "as printed the last time");
        assertEquals(List.of(Payment.idFor("bank", "z1"), Payment.idFor("bank", "z2")), again.learnedFrom());
        assertSame(again, PayerAliases.learn(payment("z2", "ﾔﾏﾀﾞ(ｶ", null), List.of("cus_a"), again, "bob", T1),
                "the same payment applied by hand again teaches nothing new");
    }

    @Test
    void anAliasIdentifiesItsCustomerOnlyWhenTheKeyPointsAtNoOther() {
        PayerAlias anyBank = PayerAliases.learn(payment("z1", "ﾔﾏﾀﾞ", null), List.of("cus_a"), null, ALICE, T0);
        PayerAlias mizuho = PayerAliases.learn(payment("z2", "ﾔﾏﾀﾞ", "ﾐｽﾞﾎ/ﾎﾝﾃﾝ"), List.of("cus_a"), null, ALICE, T0);
        assertEquals("cus_a", PayerAliases.identify(List.of(anyBank), "ﾘｿﾅ/ﾎﾝﾃﾝ").customerId());
        assertEquals("cus_a", PayerAliases.identify(List.of(mizuho), "ﾐｽﾞﾎ/ﾎﾝﾃﾝ").customerId());
        assertNull(PayerAliases.identify(List.of(mizuho), "ﾘｿﾅ/ﾎﾝﾃﾝ"), "learned from another bank");
        assertNull(PayerAliases.identify(List.of(mizuho), null));
        assertNull(PayerAliases.identify(List.of(), null));

        PayerAlias other = PayerAliases.learn(payment("z3", "ﾔﾏﾀﾞ", "ﾐｽﾞﾎ/ﾎﾝﾃﾝ"), List.of("cus_b"), null, ALICE, T0);
        List<PayerAlias> ofKey = List.of(anyBank, mizuho, other);
        assertNull(PayerAliases.identify(ofKey, "ﾘｿﾅ/ﾎﾝﾃﾝ"), "a key that points at two customers is never used");
        assertEquals(List.of("cus_b"), PayerAliases.conflicts(anyBank, ofKey));
        assertEquals(List.of("cus_a"), PayerAliases.conflicts(other, ofKey));
        assertEquals(List.of(), PayerAliases.conflicts(anyBank, List.of(anyBank, mizuho)));
    }

    @Test
    void undoingAnApplicationUnlearnsWhatItTaught() {
        PayerAlias first = PayerAliases.learn(payment("z1", "ﾔﾏﾀﾞ", null), List.of("cus_a"), null, ALICE, T0);
        PayerAlias twice = PayerAliases.learn(payment("z2", "ﾔﾏﾀﾞ", null), List.of("cus_a"), first, ALICE, T1);
        PayerAlias once = PayerAliases.unlearn(twice, Payment.idFor("bank", "z1"));
        assertEquals(List.of(Payment.idFor("bank", "z2")), once.learnedFrom());
        assertEquals(1, once.confirmations());
        assertNull(PayerAliases.unlearn(once, Payment.idFor("bank", "z2")), "the last one takes the alias");
        assertSame(once, PayerAliases.unlearn(once, Payment.idFor("bank", "z9")), "not learned from it");
    }
}
