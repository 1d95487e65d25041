package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A credit into a customer's virtual account pays that customer's invoice under rule {@code virtual-account},
 * whatever name the payer used and before any payer-name lookup; an account belongs to one customer (a second
 * claim is refused and changes nothing), and the holder items follow the accounts through updates. On DynamoDB
 * Local.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class VirtualAccountMatchingTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private PaymentService service;
    private JapaneseBook book;
    /** A name no other test uses, so the lookup keys of this run are its own. */
    private String kana;

    VirtualAccountMatchingTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        JsonLinesEventLog events = new JsonLinesEventLog(Files.createTempDirectory("pay").resolve("events.jsonl"));
        service = new PaymentService(store, events, () -> NOW);
        book = new JapaneseBook(store).withPlainSeller();
        kana = JapaneseBook.uniqueKana("ﾔﾏﾀﾞ");
        account = "9" + digits(3) + "-" + digits(3) + "-" + digits(7);
    }

    private static String digits(int n) {
        StringBuilder d = new StringBuilder();
        for (char c : Ids.randomLetters(n).toCharArray()) {
            d.append(c % 10);
        }
        return d.toString();
    }

    private String account;

    private Customer customer(String name, List<String> payerNames, List<String> virtualAccounts) {
        return store.customers().create(draft(name, payerNames).toBuilder().virtualAccounts(virtualAccounts).build());
    }

    private Customer draft(String name, List<String> payerNames) {
        return JapaneseBook.draft(name, payerNames).build();
    }

    private Invoice invoice(Customer customer, long amount) {
        return book.invoice(customer, amount);
    }

    private Payment pay(String payerName, long amount, String into) {
        String pid = Ids.newId("e");
        service.handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + pid, pid, null,
                Money.of(amount, "JPY"), new Payer(payerName, null, null, null), null, null, NOW, false, into));
        return store.payments().getByProviderId("bank", pid).orElseThrow();
    }

    @Test
    void aCreditIntoAVirtualAccountPaysItsCustomerWhateverTheName() {
        Customer sato = customer("株式会社佐藤商店", List.of(), List.of(account));
        Invoice inv = invoice(sato, 44_000);
        Payment payment = pay("ﾀﾅｶ ｲﾁﾛｳ", 44_000, account);

        assertEquals(PaymentStatus.APPLIED, payment.status(), String.valueOf(payment.unappliedReason()));
        assertEquals(account, payment.receivingAccount());
        assertEquals(sato.id(), payment.customerId());
        assertEquals(InvoiceStatus.PAID, store.invoices().get(inv.id()).orElseThrow().status());
        Allocation a = store.payments().allocationsOfPayment(payment.id()).get(0);
        assertEquals("virtual-account", a.rule());
        assertTrue(a.reason().contains("its virtual account " + account), a.reason());
    }

    @Test
    void theVirtualAccountComesBeforeThePayerName() {
        Customer named = customer("株式会社山田商事", List.of("ｶ)" + kana), List.of());
        Customer holder = customer("山田物産株式会社", List.of(), List.of(account));
        invoice(named, 10_000);
        invoice(holder, 10_000);
        Payment payment = pay("ｶ)" + kana, 10_000, account);
        assertEquals(holder.id(), payment.customerId());
        assertEquals("virtual-account", store.payments().allocationsOfPayment(payment.id()).get(0).rule());

        Payment elsewhere = pay("ｶ)" + kana, 10_000, "0001-001-0000001");
        assertEquals(named.id(), elsewhere.customerId(), "another receiving account: the payer name decides");
        assertEquals("payer-name", store.payments().allocationsOfPayment(elsewhere.id()).get(0).rule());
    }

    @Test
    void anAccountBelongsToOneCustomerAndFollowsUpdates() {
        Customer first = customer("株式会社一番", List.of(), List.of(account));
        Customer second = draft("株式会社二番", List.of());
        AccountService accounts = new AccountService(store, () -> NOW);

        ConflictException created = assertThrows(ConflictException.class,
                () -> accounts.createCustomer(second.toBuilder().virtualAccounts(List.of(account)).build()));
        assertTrue(created.getMessage().contains(account), created.getMessage());
        assertTrue(store.customers().get(second.id()).isEmpty(), "nothing of the refused create is stored");

        Customer stored = accounts.createCustomer(second);
        assertThrows(ConflictException.class, () -> accounts.updateCustomer(stored.id(),
                c -> c.toBuilder().name("株式会社二番商事").virtualAccounts(List.of(account)).build()));
        assertEquals("株式会社二番", accounts.customer(stored.id()).name(), "the refused update changed nothing");
        assertEquals(first.id(), store.customers().findByVirtualAccount(account).orElseThrow().id());

        accounts.updateCustomer(first.id(), c -> c.toBuilder().virtualAccounts(List.of()).build());
        assertTrue(store.customers().findByVirtualAccount(account).isEmpty(), "released");
        accounts.updateCustomer(stored.id(), c -> c.toBuilder().virtualAccounts(List.of(account)).build());
        assertEquals(stored.id(), store.customers().findByVirtualAccount(account).orElseThrow().id());
        // claiming again what it holds already is no conflict
        accounts.updateCustomer(stored.id(), c -> c.toBuilder().name("株式会社二番商事").build());
        assertEquals(stored.id(), store.customers().findByVirtualAccount(account).orElseThrow().id());
    }
}
