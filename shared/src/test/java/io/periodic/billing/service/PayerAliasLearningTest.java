package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.PayerAlias;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.BankNames;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Files;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A person's manual application teaches a payer alias in the same transaction, and the next payment from that
 * payer - printed another way, with the same bank key - is applied under rule {@code learned-alias}; learning
 * again keeps one alias; a key that points at two customers is a conflict, listed and never used; forgetting an
 * alias (by hand, or because the application that taught it is undone) leaves the next payment unapplied. On
 * DynamoDB Local.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class PayerAliasLearningTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private PaymentService service;
    private JapaneseBook book;
    /** A name no other test uses, so the lookup keys of this run are its own. */
    private String kana;

    PayerAliasLearningTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        JsonLinesEventLog events = new JsonLinesEventLog(Files.createTempDirectory("pay").resolve("events.jsonl"));
        service = new PaymentService(store, events, () -> NOW);
        book = new JapaneseBook(store).withPlainSeller();
        kana = JapaneseBook.uniqueKana("ﾔﾏﾀﾞ");
    }

    private Customer customer(String name, List<String> payerNames) {
        return book.customer(name, payerNames);
    }

    private Invoice invoice(Customer customer, long amount) {
        return book.invoice(customer, amount);
    }

    private Payment pay(String payerName, long amount) {
        return pay(payerName, amount, null);
    }

    private Payment pay(String payerName, long amount, String remittedFrom) {
        String pid = Ids.newId("e");
        service.handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + pid, pid, null,
                Money.of(amount, "JPY"), new Payer(payerName, null, null, remittedFrom), null, null, NOW));
        return store.payments().getByProviderId("bank", pid).orElseThrow();
    }

    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

    private Payment byHand(Payment payment, Invoice invoice) {
        return service.applyManually(payment.id(), List.of(new PaymentService.ManualApplication(invoice.id(),
                payment.unapplied().minor())), ALICE);
    }

    private String rule(Payment payment) {
        return store.payments().allocationsOfPayment(payment.id()).get(0).rule();
    }

    @Test
    void aManualApplicationTeachesAnAliasAndTheNextVariantIsAppliedByIt() {
        Customer tanaka = customer("株式会社田中商事", List.of());
        Invoice october = invoice(tanaka, 55_000);
        Invoice november = invoice(tanaka, 66_000);
        Payment first = pay("ｶ)" + kana, 55_000, "ﾐｽﾞﾎ/ﾎﾝﾃﾝ");
        assertEquals(PaymentStatus.UNAPPLIED, first.status(), "nobody knows this payer yet");

        byHand(first, october);
        List<PayerAliasService.AliasView> aliases = service.payerAliases().aliasesOf(tanaka.id());
        assertEquals(1, aliases.size());
        PayerAlias alias = aliases.get(0).alias();
        assertEquals(ALICE, alias.learnedBy());
        assertEquals(NOW, alias.learnedAt());
        assertEquals(first.id(), alias.learnedFromPayment());
        assertEquals("ｶ)" + kana, alias.payerName());
        assertEquals("ﾐｽﾞﾎ/ﾎﾝﾃﾝ", alias.remittedFrom());
        assertFalse(aliases.get(0).conflict());

        // next month: full-width, a space in it, the legal form after the name
        String wide = Normalizer.normalize(kana, Normalizer.Form.NFKC);
        String variant = wide.substring(0, 3) + " " + wide.substring(3) + "(ｶ";
        assertNotEquals("ｶ)" + kana, variant);
        assertEquals(alias.bankKey(), BankNames.key(variant));
        Payment next = pay(variant, 66_000, "ﾐｽﾞﾎ/ﾎﾝﾃﾝ");
        assertEquals(PaymentStatus.APPLIED, next.status(), String.valueOf(next.unappliedReason()));
        assertEquals(tanaka.id(), next.customerId());
        assertEquals("learned-alias", rule(next));
        String reason = store.payments().allocationsOfPayment(next.id()).get(0).reason();
        assertTrue(reason.contains("learned by " + ALICE) && reason.contains(first.id())
                && reason.contains(november.number()), reason);

        Payment otherBank = pay("ｶ)" + kana, 10_000, "ﾘｿﾅ/ｳﾒﾀﾞ");
        assertEquals(PaymentStatus.UNAPPLIED, otherBank.status(), "learned from another bank and branch");
    }

    @Test
    void learningTheSameAliasTwiceKeepsOne() {
        Customer c = customer("株式会社二回", List.of());
        Invoice a = invoice(c, 11_000);
        Invoice b = invoice(c, 12_000);
        Payment first = pay(kana, 11_000);
        Payment second = pay(kana + "(ｶ", 12_000);
        byHand(first, a);
        byHand(second, b);
        List<PayerAliasService.AliasView> aliases = service.payerAliases().aliasesOf(c.id());
        assertEquals(1, aliases.size());
        assertEquals(2, aliases.get(0).alias().confirmations());
        assertEquals(List.of(first.id(), second.id()), aliases.get(0).alias().learnedFrom());
    }

    @Test
    void aKeyTaughtForTwoCustomersIsAConflictAndIsNotUsed() {
        Customer one = customer("株式会社一", List.of());
        Customer two = customer("株式会社二", List.of());
        Invoice ofOne = invoice(one, 20_000);
        Invoice ofTwo = invoice(two, 30_000);
        Payment p1 = pay(kana, 20_000);
        Payment p2 = pay(kana, 30_000);
        byHand(p1, ofOne);
        byHand(p2, ofTwo);

        invoice(one, 40_000);
        Payment p3 = pay(kana, 40_000);
        assertEquals(PaymentStatus.UNAPPLIED, p3.status(), "a conflicting key is never used automatically");
        PayerAliasService.AliasView view = service.payerAliases().aliasesOf(one.id()).get(0);
        assertTrue(view.conflict());
        assertEquals(List.of(two.id()), view.conflictsWith());
        assertEquals(List.of(one.id()), service.payerAliases().aliasesOf(two.id()).get(0).conflictsWith());
    }

    @Test
    void aForgottenAliasNoLongerIdentifies() {
        Customer c = customer("株式会社忘却", List.of());
        Invoice a = invoice(c, 15_000);
        byHand(pay(kana, 15_000), a);
        String aliasId = service.payerAliases().aliasesOf(c.id()).get(0).alias().id();

        assertTrue(service.payerAliases().forget(c.id(), aliasId));
        assertFalse(service.payerAliases().forget(c.id(), aliasId), "idempotent");
        assertEquals(List.of(), service.payerAliases().aliasesOf(c.id()));
        invoice(c, 16_000);
        assertEquals(PaymentStatus.UNAPPLIED, pay(kana, 16_000).status());
        assertThrows(NotFoundException.class, () -> service.payerAliases().forget("cus_nobody", aliasId));
    }

    @Test
    void undoingTheApplicationForgetsTheAliasItTaught() {
        Customer c = customer("株式会社取消", List.of());
        Invoice a = invoice(c, 17_000);
        Invoice b = invoice(c, 18_000);
        Payment p1 = pay(kana, 17_000);
        Payment p2 = pay(kana, 18_000);
        byHand(p1, a);
        byHand(p2, b);

        PayerAlias before = service.payerAliases().forgetAliasLearnedFrom(p1.id()).orElseThrow();
        assertEquals(List.of(p1.id(), p2.id()), before.learnedFrom());
        assertEquals(List.of(p2.id()), service.payerAliases().aliasesOf(c.id()).get(0).alias().learnedFrom(),
                "still taught by the other payment");
        assertTrue(service.payerAliases().forgetAliasLearnedFrom(p1.id()).isEmpty(), "idempotent");

        assertTrue(service.payerAliases().forgetAliasLearnedFrom(p2.id()).isPresent());
        assertEquals(List.of(), service.payerAliases().aliasesOf(c.id()), "the last one takes the alias");
        invoice(c, 19_000);
        assertEquals(PaymentStatus.UNAPPLIED, pay(kana, 19_000).status());
    }

    @Test
    void undoingAPaymentThroughTheUseCaseForgetsTheAliasItTaught() {
        Customer c = customer("株式会社誤適用", List.of());
        Invoice a = invoice(c, 21_000);
        Payment p1 = pay(kana, 21_000);
        byHand(p1, a);
        assertEquals(1, service.payerAliases().aliasesOf(c.id()).size(), "the application taught an alias");

        service.unapply(p1.id(), "arn:aws:iam::123456789012:user/keiri", "applied to the wrong customer", null, 0);

        assertEquals(List.of(), service.payerAliases().aliasesOf(c.id()), "the undo forgets what it taught");
        invoice(c, 22_000);
        assertEquals(PaymentStatus.UNAPPLIED, pay(kana, 22_000).status(), "the next payment is not sent there");
    }
}
