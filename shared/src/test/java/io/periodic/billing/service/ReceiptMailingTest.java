package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentEvents;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.DomainEvent;
import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Payment confirmations on DynamoDB Local, as they flow in production: the payment use case posts the payment and
 * publishes {@code payment.applied} (mailing nothing itself); the document function hands each such event to
 * {@link ReceiptMailing}. A transfer that pays an invoice mails one 入金確認のお知らせ, a redelivery of the same
 * transfer (and of the event) none; a partial payment an acknowledgement with the amount left; a payment over two
 * invoices one mail per invoice; none when the seller turned receipts off; a mailer that refuses fails the event
 * (EventBridge retries it) and the retry mails it once.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ReceiptMailingTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private JapaneseBook book;
    private String kana;
    private Path out;
    private FileOutboxMailer outbox;

    ReceiptMailingTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        out = Files.createTempDirectory("receipts");
        outbox = new FileOutboxMailer(out.resolve("outbox"));
        book = new JapaneseBook(store);
        seller(null);
        kana = JapaneseBook.uniqueKana("ﾐﾅﾄ");
    }

    private void seller(Boolean receipts) {
        store.settings().putSeller(new SellerProfile("株式会社クラウドノート", new Address("1", null, null, "Tokyo", null,
                "JP"), "billing@cloudnote.example", null, null, null, null, null, book.prefix(), null, 1, Map.of(),
                null, receipts));
    }

    private static final Pattern PAYMENT_ID = Pattern.compile("\"paymentId\":\"([^\"]+)\"");
    private final List<String> handled = new ArrayList<>();

    /** The payment door; with the events it published so far handed to {@code receipts} (the document function). */
    private Payments service(Mailer mailer) {
        JsonLinesEventLog events = new JsonLinesEventLog(out.resolve("events.jsonl"));
        return new Payments(new PaymentService(store, events, () -> NOW), events,
                new ReceiptMailing(store, new MailOnce(store, mailer, () -> NOW)));
    }

    private final class Payments {
        private final PaymentService service;
        private final JsonLinesEventLog events;
        private final ReceiptMailing receipts;

        Payments(PaymentService service, JsonLinesEventLog events, ReceiptMailing receipts) {
            this.service = service;
            this.events = events;
            this.receipts = receipts;
        }

        /** The matcher posts the payment; then EventBridge delivers each new payment.applied event. */
        void handle(PaymentNotification n) {
            service.handle(n);
            deliver();
        }

        void deliver() {
            for (DomainEvent e : events.events()) {
                if (e.type().equals(PaymentEvents.PAYMENT_APPLIED) && !handled.contains(e.id())) {
                    Matcher paymentId = PAYMENT_ID.matcher(e.detailJson());
                    assertTrue(paymentId.find(), e.detailJson());
                    receipts.confirm(paymentId.group(1));
                    handled.add(e.id());
                }
            }
        }

        /** EventBridge delivering every payment.applied event again. */
        void redeliverAll() {
            handled.clear();
            deliver();
        }
    }

    private Customer customer() {
        return store.customers().create(JapaneseBook.draft("株式会社みなと設計", List.of("ｶ)" + kana)).build());
    }

    private PaymentNotification transfer(String pid, long amount, String text) {
        return new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + pid, pid, null,
                Money.of(amount, "JPY"), new Payer(kana + "(ｶ", null, null, null), null, text, NOW);
    }

    private List<FileOutboxMailer.Sent> mails() {
        return FileOutboxMailer.read(out.resolve("outbox"));
    }

    private static String text(FileOutboxMailer.Sent mail) throws Exception {
        return Files.readString(mail.file(), StandardCharsets.UTF_8);
    }

    @Test
    void aPaymentIsConfirmedOnceAndARedeliveryMailsNothing() throws Exception {
        Payments service = service(outbox);
        Customer customer = customer();
        Invoice invoice = book.invoice(customer, 10_000);
        String pid = Ids.newId("t");

        service.handle(transfer(pid, 10_000, invoice.number()));
        service.handle(transfer(pid, 10_000, invoice.number()));
        service.redeliverAll();

        List<FileOutboxMailer.Sent> mails = mails();
        assertEquals(1, mails.size(), mails.toString());
        Payment payment = store.payments().getByProviderId("bank", pid).orElseThrow();
        assertEquals(("receipt:" + payment.id() + ":" + invoice.id()).replaceAll("[^A-Za-z0-9._\\-]", "_"),
                mails.get(0).key());
        String mail = text(mails.get(0));
        assertTrue(mail.contains("Subject: 【株式会社クラウドノート】入金確認のお知らせ（請求書 " + invoice.number() + "）"), mail);
        assertTrue(mail.contains("ご入金額：¥10,000") && mail.contains("お支払い完了"), mail);
        assertTrue(mail.contains("To: " + customer.email()), mail);
    }

    @Test
    void aPartialPaymentIsAcknowledgedWithWhatIsLeftAndAPaymentOverTwoInvoicesMailsEach() throws Exception {
        Payments service = service(outbox);
        Customer customer = customer();
        Invoice invoice = book.invoice(customer, 10_000);
        service.handle(transfer(Ids.newId("t"), 4_000, invoice.number()));

        String partial = text(mails().get(0));
        assertTrue(partial.contains("一部入金確認のお知らせ"), partial);
        assertTrue(partial.contains("残額 ¥6,000"), partial);

        Invoice second = book.invoice(customer, 3_000);
        service.handle(transfer(Ids.newId("t"), 9_000, invoice.number() + " " + second.number()));
        assertEquals(3, mails().size(), "the partial one, then one per invoice of the second payment: " + mails());
    }

    @Test
    void aSellerWhoTurnedReceiptsOffMailsNone() {
        seller(false);
        Payments service = service(outbox);
        Invoice invoice = book.invoice(customer(), 10_000);
        service.handle(transfer(Ids.newId("t"), 10_000, invoice.number()));
        assertEquals(List.of(), mails());
    }

    @Test
    void aRefusedMailFailsTheEventAndItsRetryMailsItOnce() {
        boolean[] refuse = {true};
        Payments service = service(email -> {
            if (refuse[0]) {
                throw new IllegalStateException("SES throttled");
            }
            outbox.send(email);
        });
        Invoice invoice = book.invoice(customer(), 10_000);
        String pid = Ids.newId("t");
        assertThrows(IllegalStateException.class, () -> service.handle(transfer(pid, 10_000, invoice.number())));
        assertTrue(store.payments().getByProviderId("bank", pid).orElseThrow().announced(),
                "the payment is posted and announced: its confirmation no longer holds up the payment path");
        assertEquals(List.of(), mails());

        refuse[0] = false;
        service.deliver(); // EventBridge's retry of the failed event
        service.redeliverAll();
        service.handle(transfer(pid, 10_000, invoice.number()));
        assertEquals(1, mails().size());
    }

    @Test
    void thePaymentPathItselfMailsNothingAndAnUnknownPaymentConfirmsNothing() {
        JsonLinesEventLog events = new JsonLinesEventLog(out.resolve("events.jsonl"));
        Invoice invoice = book.invoice(customer(), 10_000);
        new PaymentService(store, events, () -> NOW).handle(transfer(Ids.newId("t"), 4_000, invoice.number()));
        assertEquals(List.of(), mails());
        List<DomainEvent> applied = events.events().stream()
                .filter(e -> e.type().equals(PaymentEvents.PAYMENT_APPLIED)).toList();
        assertEquals(1, applied.size(), "a partial payment is announced as applied too: " + events.events());
        assertTrue(applied.get(0).detailJson().contains("\"applied\":4000"), applied.get(0).detailJson());
        assertEquals(0, new ReceiptMailing(store, new MailOnce(store, outbox, () -> NOW)).confirm("pay_unknown"));
    }
}
