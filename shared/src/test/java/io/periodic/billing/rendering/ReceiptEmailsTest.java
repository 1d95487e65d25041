package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import io.periodic.billing.ports.Email;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payment confirmations (receipts) in every language, as the paying customer reads them: a payment that settles
 * the invoice with some credit left, and a partial payment acknowledged with what remains and by when. Golden
 * samples in {@code src/test/resources/golden/receipt-<lang>.txt} and {@code receipt-partial-<lang>.txt} (subject
 * line, blank line, body); regenerate after an intended change with
 * {@code mvn test -Dgolden.update=true -Dtest=ReceiptEmailsTest} and review the diff.
 */
class ReceiptEmailsTest {

    /** One language's customer, seller, unpaid invoice, how it pays, and literal facts the mails must carry. */
    record Lang(String tag, Customer customer, SellerProfile seller, Invoice unpaid, String provider,
            String providerPaymentId, String remittance, String paidSubject, String partialSubject, String method) {
        @Override
        public String toString() {
            return tag;
        }
    }

    static Stream<Lang> languages() {
        return Stream.of(
                new Lang("en", Samples.usCustomer(), Samples.usSeller(),
                        Samples.withStatus(Samples.usInvoice(), InvoiceStatus.OPEN, "INV-2026-000123", 0),
                        "stripe", "pi_3QxGolden123", null,
                        "Payment received: invoice INV-2026-000123 from ", "Partial payment received: invoice",
                        "Online payment"),
                new Lang("ja", Samples.jpCustomer(), Samples.jpSeller(), Samples.jpInvoice(), "bank",
                        "zengin:0009-234-1234567:00017", "ＩＮＶ２０２６０００４８１　カ）ミナトセツケイジムシヨ",
                        "【株式会社クラウドノート】入金確認のお知らせ（請求書 INV-2026-000481）",
                        "【株式会社クラウドノート】一部入金確認のお知らせ（請求書 INV-2026-000481）",
                        "銀行振込"),
                new Lang("ko", Samples.krCustomer(), Samples.krSeller(), Samples.krInvoice(), "bank",
                        "camt:20261205-0042", "INV-2026-000219 (주)바다물류",
                        "입금 확인 안내 (청구서 INV-2026-000219)", "일부 입금 확인 안내 (청구서 INV-2026-000219)",
                        "계좌 이체"),
                new Lang("sr-Latn", Samples.rsCustomer(), Samples.rsSeller(), Samples.rsInvoice(), "bank",
                        "camt:20261205-0007", "97 INV-2026-000057", "Potvrda o uplati – faktura INV-2026-000057",
                        "Potvrda o delimičnoj uplati – faktura INV-2026-000057", "Uplata na račun"));
    }

    private static final Instant RECEIVED = Instant.parse("2026-12-04T01:30:00Z");

    private static Payment payment(Lang l, Money amount, Money applied) {
        return Payment.builder().id(Payment.idFor(l.provider(), l.providerPaymentId())).provider(l.provider())
                .providerPaymentId(l.providerPaymentId()).amount(amount)
                .payer(new Payer(l.customer().name(), null, null, null)).remittanceText(l.remittance())
                .receivedAt(RECEIVED).status(PaymentStatus.APPLIED).applied(applied).refunded(Money.zero(amount.currency()))
                .customerId(l.customer().id()).build();
    }

    /** Pays what is due and a bit more: the invoice settled, the rest on the customer's credit balance. */
    @ParameterizedTest
    @MethodSource("languages")
    void aPaymentThatSettlesTheInvoiceIsConfirmedWithTheCreditLeft(Lang l) {
        Money due = l.unpaid().amountDue();
        Money extra = Money.of(Math.max(1, due.minor() / 10), due.currency()); // roughly a tenth more
        Money amount = due.plus(extra);
        Invoice paid = Samples.withStatus(l.unpaid(), InvoiceStatus.PAID, l.unpaid().number(),
                l.unpaid().amountPaid().minor() + due.minor());
        Email mail = ReceiptEmails.receipt(payment(l, amount, amount), paid,
                List.of(new ReceiptEmails.Application(paid.number(), due, Money.zero(due.currency()))), extra,
                l.customer(), l.seller());

        assertEquals("receipt:" + Payment.idFor(l.provider(), l.providerPaymentId()) + ":" + paid.id(), mail.key());
        assertEquals(l.customer().email(), mail.to());
        assertTrue(mail.subject().contains(l.paidSubject()), mail.subject());
        Formats f = Formats.forLanguage(DocumentLanguage.of(l.customer().locale()));
        assertTrue(mail.textBody().contains(f.money(amount)), "the amount received");
        assertTrue(mail.textBody().contains(f.money(extra)), "the credit left");
        assertTrue(mail.textBody().contains(l.method()), "the method");
        assertTrue(mail.textBody().contains(paid.number()), "the invoice it paid");
        if (l.tag().equals("ja")) {
            assertFalse(mail.subject().contains("領収書") || mail.textBody().contains("領収書"),
                    "a payment confirmation, not a 領収書 (docs/delivery.md)");
        }
        GoldenFiles.assertMatches("receipt-" + l.tag() + ".txt", mail.subject() + "\n\n" + mail.textBody());
    }

    /** Pays part of what is due before the due date: acknowledged, with the amount still due and by when. */
    @ParameterizedTest
    @MethodSource("languages")
    void aPartialPaymentIsAcknowledgedWithTheRemainingAmount(Lang l) {
        Invoice notDue = Samples.withDates(l.unpaid(), l.unpaid().issueDate(), LocalDate.of(2026, 12, 31));
        Money due = notDue.amountDue();
        Money part = Money.of(due.minor() * 4 / 10, due.currency()); // integer division: minor units stay whole
        Invoice partial = Samples.withStatus(notDue, InvoiceStatus.OPEN, notDue.number(),
                notDue.amountPaid().minor() + part.minor());
        Email mail = ReceiptEmails.receipt(payment(l, part, part), partial,
                List.of(new ReceiptEmails.Application(partial.number(), part, partial.amountDue())), null,
                l.customer(), l.seller());

        assertTrue(mail.subject().contains(l.partialSubject()), mail.subject());
        Formats f = Formats.forLanguage(DocumentLanguage.of(l.customer().locale()));
        assertTrue(mail.textBody().contains(f.money(partial.amountDue())), "the remaining amount");
        assertTrue(mail.textBody().contains(f.date(partial.dueDate())), "by when");
        GoldenFiles.assertMatches("receipt-partial-" + l.tag() + ".txt", mail.subject() + "\n\n" + mail.textBody());
    }

    /** A partial payment after the due date asks for the rest kindly, without a due date in the past as a deadline. */
    @ParameterizedTest
    @MethodSource("languages")
    void aLatePartialPaymentAsksForTheRestWithoutAPastDeadline(Lang l) {
        Money due = l.unpaid().amountDue(); // every sample invoice fell due before the payment (December 4)
        Money part = Money.of(due.minor() / 2, due.currency());
        Invoice partial = Samples.withStatus(l.unpaid(), InvoiceStatus.OPEN, l.unpaid().number(),
                l.unpaid().amountPaid().minor() + part.minor());
        Email late = ReceiptEmails.receipt(payment(l, part, part), partial,
                List.of(new ReceiptEmails.Application(partial.number(), part, partial.amountDue())), null,
                l.customer(), l.seller());
        Messages t = Messages.of(DocumentLanguage.of(l.customer().locale()));
        Formats f = Formats.forLanguage(DocumentLanguage.of(l.customer().locale()));
        String overdue = t.format("receipt.remaining.overdue", f.money(partial.amountDue()), partial.number(),
                f.date(partial.dueDate()));
        assertTrue(late.textBody().contains(overdue), late.textBody());
        assertFalse(late.textBody().contains(t.format("receipt.remaining", f.money(partial.amountDue()),
                partial.number(), f.date(partial.dueDate()))), "no deadline in the past");
    }

    /**
     * A Zengin transfer without remittance text, ¥440 short by the fee the payer's bank deducted and written off: the
     * mail names the remitter as the bank printed it (never our id of the bank entry) and says the fee is borne by
     * the seller, in every language.
     */
    @ParameterizedTest
    @MethodSource("languages")
    void aTransferShortByTheBankFeeNamesTheRemitterAndSaysTheFeeIsBorne(Lang l) {
        Money due = l.unpaid().amountDue();
        Money fee = Money.of(Math.min(440, due.minor() / 10), due.currency());
        Money received = due.minus(fee);
        Payment transfer = Payment.builder().id(Payment.idFor("bank", "zengin:0009-101-1234567:000001:2027-01-23"))
                .provider("bank").providerPaymentId("zengin:0009-101-1234567:000001:2027-01-23").amount(received)
                .payer(new Payer("ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ", null, null, null)).receivedAt(RECEIVED).status(PaymentStatus.APPLIED)
                .applied(received).feeWrittenOff(fee).refunded(Money.zero(due.currency()))
                .customerId(l.customer().id()).build();
        Invoice paid = Samples.withStatus(l.unpaid(), InvoiceStatus.PAID, l.unpaid().number(),
                l.unpaid().amountPaid().minor() + due.minor());
        Email mail = ReceiptEmails.receipt(transfer, paid,
                List.of(new ReceiptEmails.Application(paid.number(), received, Money.zero(due.currency()))), null,
                l.customer(), l.seller());

        Messages t = Messages.of(DocumentLanguage.of(l.customer().locale()));
        Formats f = Formats.forLanguage(DocumentLanguage.of(l.customer().locale()));
        assertTrue(mail.textBody().contains("ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ"), "the remitter as printed: " + mail.textBody());
        assertFalse(mail.textBody().contains("zengin:"), "never our id of the bank entry: " + mail.textBody());
        assertTrue(mail.textBody().contains(t.format("receipt.bankFee", f.money(fee))), mail.textBody());
    }
}
