package io.periodic.billing.persistence;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.calendar.Fraction;
import io.periodic.billing.dunning.DunningPolicy;
import io.periodic.billing.dunning.LateFee;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Branding;
import io.periodic.billing.model.Checkpoint;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.DeliveryStatus;
import io.periodic.billing.model.RecipientKind;
import io.periodic.billing.model.DunningEntry;
import io.periodic.billing.model.IdempotentRequest;
import io.periodic.billing.model.InboundEvent;
import io.periodic.billing.model.MailDelivery;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.MailEvent;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.PendingCharge;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Refund;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Sequence;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * One item of every stored record, by name: fully populated (every optional field set) and sparse (every optional
 * field null), with fixed values, so that what the schemas write can be compared with the golden files under
 * {@code src/test/resources/stored-items/} ({@link StoredItemsTest}).
 */
final class StoredItems {
    private StoredItems() {}

    /** A stored record: its schema and an item of it. */
    record Case<T>(String name, TableSchema<T> schema, T item) {}

    static final Instant T0 = Instant.parse("2026-11-22T15:04:05.123456Z");
    static final Instant T1 = Instant.parse("2026-12-01T00:00:00Z");
    static final LocalDate D0 = LocalDate.of(2026, 11, 30);

    /** Every top-level schema of the billing table (nested documents are covered inside their parents). */
    static final List<TableSchema<?>> SCHEMAS = List.of(CustomerSchema.CUSTOMER, CustomerSchema.CUSTOMER_NAME,
            CustomerSchema.CUSTOMER_BANK_NAME, CustomerSchema.CUSTOMER_VIRTUAL_ACCOUNT,
            IdempotencySchema.IDEMPOTENT_REQUEST, IdempotencySchema.COMMIT_MARKER, PaymentSchema.PAYMENT_DAY, RefundSchema.REFUND,
            InboundEventSchema.INBOUND_EVENT, DunningSchema.DUNNING_ENTRY, DunningSchema.DUNNING_POLICY, PlanSchema.PLAN, SubscriptionSchema.SUBSCRIPTION,
            InvoiceSchema.INVOICE, InvoiceSchema.INVOICE_NUMBER, InvoiceSchema.SEQUENCE, SettingsSchema.SELLER, SettingsSchema.CHECKPOINT,
            PaymentSchema.PAYMENT, PaymentSchema.ALLOCATION, CreditSchema.CREDIT_NOTE, CreditSchema.CREDIT_BALANCE, CreditSchema.CREDIT_ENTRY,
            MailSchema.MAIL_DELIVERY, DeliverySchema.DELIVERY_STATUS, DeliverySchema.MAIL_EVENT);

    static List<Case<?>> all() {
        Address fullAddress = new Address("1-2-3 Marunouchi", "Floor 7", "100-0005", "Chiyoda-ku", "Tokyo", "JP");
        Address sparseAddress = new Address("Knez Mihailova 1", null, null, "Beograd", null, "RS");
        Payer payer = new Payer("ACME \"Corp\"", "ap@acme.example", "cus_golden1", "DE89370400440532013000");
        String paymentId = Payment.idFor("stripe", "pi_3Golden");
        InvoiceLine fullLine = new InvoiceLine("Team plan × 3\nseats", LineKind.SUBSCRIPTION, "plan_team",
                D0, D0.plusMonths(1), 3, Money.of(1_200, "JPY"), Money.of(3_600, "JPY"), TaxRate.of("10"),
                Money.of(360, "JPY"), "chg_1", new Fraction(11, 31));
        InvoiceLine sparseLine = new InvoiceLine("Adjustment", LineKind.ADJUSTMENT, null, null, null, 1,
                Money.of(-500, "JPY"), Money.of(-500, "JPY"), TaxRate.ZERO, Money.of(0, "JPY"));
        PendingCharge fullCharge = new PendingCharge("chg:unused:plan_team", "Team plan", LineKind.PRORATION,
                "plan_team", D0, D0.plusDays(10), 2, Money.of(1_200, "JPY"), Money.of(-800, "JPY"),
                TaxBehavior.INCLUSIVE, new Fraction(10, 30), TaxRate.of("8"));
        PendingCharge sparseCharge = new PendingCharge("chg:fee", "Setup fee", LineKind.ADJUSTMENT, null, null, null,
                1, Money.of(5_000, "JPY"), Money.of(5_000, "JPY"), TaxBehavior.EXCLUSIVE);
        List<SubscriptionItem> items = List.of(new SubscriptionItem("plan_team", 3),
                new SubscriptionItem("plan_storage", 1));
        DunningPolicy policy = new DunningPolicy(List.of(new DunningPolicy.Step(StepKind.FRIENDLY, 1),
                new DunningPolicy.Step(StepKind.COURTESY, -3), new DunningPolicy.Step(StepKind.SUSPEND, 30)),
                new LateFee(new BigDecimal("1.50"), Map.of("JPY", 500L), Map.of("USD", 5_000L, "EUR", 4_000L)), true);
        Refund waiting = new Refund(paymentId, "re_1", Refund.Kind.REFUND, Money.of(700, "EUR"),
                Refund.Status.WAITING, T0, null);
        return List.of(
                new Case<>("customer.full", CustomerSchema.CUSTOMER, new Customer("cus_golden1", "ACME Corp",
                        "AP@Acme.example", Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"), Locale.forLanguageTag("sr-Latn"),
                        30, TaxRate.of("10"), "T1234567890123", fullAddress, "crm-42",
                        List.of("ｶ)ｱｸﾐｺ-ﾎﾟﾚ-ｼﾖﾝ", "ｱｸﾐ(ｶ"), List.of("0172-101-7700001"), Money.of(660, "JPY"),
                        RecipientKind.PERSON, "PO-2026-0042", "21234567", T0, 3L)),
                new Case<>("customer.sparse", CustomerSchema.CUSTOMER, new Customer("cus_golden2", "Beo d.o.o.",
                        "office@beo.example", Currencies.of("RSD"), ZoneId.of("Europe/Belgrade"), Locale.ENGLISH, 0,
                        TaxRate.ZERO, null, sparseAddress, null, T0, null)),
                new Case<>("customer-name", CustomerSchema.CUSTOMER_NAME,
                        new CustomerSchema.CustomerName("acme corp", "cus_golden1")),
                new Case<>("customer-bank-name", CustomerSchema.CUSTOMER_BANK_NAME,
                        new CustomerSchema.CustomerBankName("アクミコポレシヨン", "cus_golden1")),
                new Case<>("customer-virtual-account", CustomerSchema.CUSTOMER_VIRTUAL_ACCOUNT,
                        new CustomerSchema.CustomerVirtualAccount("0172-101-7700001", "cus_golden1")),
                new Case<>("idempotent-request.full", IdempotencySchema.IDEMPOTENT_REQUEST, new IdempotentRequest("scope-sha",
                        "fingerprint-sha", 201, "{\"id\":\"cus_1\"}", "/customers/cus_1", T0, T1, true, 1_795_000_000L,
                        2L)),
                new Case<>("idempotent-request.sparse", IdempotencySchema.IDEMPOTENT_REQUEST, new IdempotentRequest("scope-sha",
                        "fingerprint-sha", 0, null, null, T0, null, false, 0, null)),
                new Case<>("commit-marker", IdempotencySchema.COMMIT_MARKER,
                        new IdempotencySchema.CommitMarker("scope-sha", 1_795_000_000L)),
                new Case<>("payment-day", PaymentSchema.PAYMENT_DAY,
                        new PaymentSchema.PaymentDay("2026-11-22", "2026-11-22T15:04:05Z#" + paymentId, paymentId)),
                new Case<>("refund.full", RefundSchema.REFUND, new Refund(paymentId, "re_2", Refund.Kind.REFUND,
                        Money.of(900, "EUR"), Refund.Status.APPLIED, T0, true, Money.of(400, "EUR"), "500 was counted",
                        4L)),
                new Case<>("refund.rejected", RefundSchema.REFUND, waiting.rejected("in USD, the payment is in EUR")),
                new Case<>("refund.sparse", RefundSchema.REFUND, waiting),
                new Case<>("refund.dispute-won", RefundSchema.REFUND, new Refund(paymentId, "dp_1",
                        Refund.Kind.DISPUTE, Money.of(900, "EUR"), Refund.Status.APPLIED, T0, false,
                        Money.of(900, "EUR"), null, 5L).reversed("won: EUR 9.00 given back, EUR 9.00 applied again")),
                new Case<>("inbound-event.full", InboundEventSchema.INBOUND_EVENT, new InboundEvent("stripe", "evt_1",
                        "payment_intent.succeeded", InboundEvent.Status.ENQUEUED,
                        new byte[] {'{', '}', (byte) 0xff, 0, (byte) 0xe3}, 2, T0, 1_795_000_000L, 3L)),
                new Case<>("inbound-event.sparse", InboundEventSchema.INBOUND_EVENT, new InboundEvent("bank", "stmt_1",
                        "camt.054", InboundEvent.Status.IGNORED, null, 0, T0, 0, null)),
                new Case<>("mail-delivery.sent", MailSchema.MAIL_DELIVERY, new MailDelivery(
                        "receipt:pay_golden1:inv_golden1", "ap@acme.example", MailDelivery.Status.SENT, T0, T1, 2L)),
                new Case<>("mail-delivery.sending", MailSchema.MAIL_DELIVERY,
                        MailDelivery.claim("invoice.finalized:inv_golden1", "経理部 <keiri@example.jp>", T0)),
                new Case<>("delivery-status.suppressed", DeliverySchema.DELIVERY_STATUS, new DeliveryStatus(
                        "ap@minato.example", MailEvent.Kind.HARD_BOUNCE, T0, "dunning:inv_golden1:friendly",
                        "Permanent/General: smtp; 550 5.1.1 user unknown", 2, DeliveryStatus.Suppression.HARD_BOUNCE, T0,
                        3, T1, 4L)),
                new Case<>("delivery-status.sparse", DeliverySchema.DELIVERY_STATUS,
                        DeliveryStatus.fresh("ap@minato.example").after(MailEvent.Kind.DELIVERED, T0, null, null)),
                new Case<>("mail-event.full", DeliverySchema.MAIL_EVENT, new MailEvent("0106019ad8f7a3b2-000000",
                        "ap@minato.example", MailEvent.Kind.HARD_BOUNCE, MailEvent.Handling.APPLIED,
                        "0106019ad8f6e1c4-000000", "dunning:inv_golden1:friendly", "inv_golden1",
                        "Permanent/General: smtp; 550 5.1.1 user unknown", T0, T1)),
                new Case<>("mail-event.sparse", DeliverySchema.MAIL_EVENT, new MailEvent("malformed.ab12", "-",
                        MailEvent.Kind.MALFORMED, MailEvent.Handling.MALFORMED, null, null, null, null, T0, T0)),
                new Case<>("dunning-entry.full", DunningSchema.DUNNING_ENTRY, new DunningEntry("inv_golden1", "FRIENDLY",
                        DunningEntry.Status.SENT, T0, "email", "ja", "overdue", "message id 42", 2L)),
                new Case<>("dunning-entry.sparse", DunningSchema.DUNNING_ENTRY, new DunningEntry("inv_golden1", "SUSPEND",
                        DunningEntry.Status.PENDING, T0, null, null, null, null, null)),
                new Case<>("dunning-policy.full", DunningSchema.DUNNING_POLICY,
                        new DunningSchema.StoredPolicy("cus_golden1", policy)),
                new Case<>("dunning-policy.sparse", DunningSchema.DUNNING_POLICY, new DunningSchema.StoredPolicy("DEFAULT",
                        new DunningPolicy(List.of(new DunningPolicy.Step(StepKind.FIRM, 7)), LateFee.NONE, false))),
                new Case<>("plan.full", PlanSchema.PLAN, new Plan("plan_team", "Team plan", Money.of(1_200, "JPY"),
                        BillingInterval.monthly(), 14, TaxBehavior.INCLUSIVE, true, 5L, TaxRate.of("8"))),
                new Case<>("plan.sparse", PlanSchema.PLAN, new Plan("plan_old", "Old plan", Money.of(0, "USD"),
                        BillingInterval.yearly(), 0, TaxBehavior.EXCLUSIVE, false, null)),
                new Case<>("subscription.full", SubscriptionSchema.SUBSCRIPTION, new Subscription("sub_golden1", "cus_golden1",
                        items, D0, BillingInterval.monthly(), SubscriptionStatus.TRIALING, true, D0.plusDays(14), 3,
                        T1, "customer gone", List.of(fullCharge, sparseCharge), T0, 6L)),
                new Case<>("subscription.due", SubscriptionSchema.SUBSCRIPTION, new Subscription("sub_golden2", "cus_golden1",
                        items, D0, BillingInterval.weekly(), SubscriptionStatus.ACTIVE, false, null, 0, T1, null,
                        List.of(), T0, 1L)),
                new Case<>("subscription.sparse", SubscriptionSchema.SUBSCRIPTION, new Subscription("sub_golden3", "cus_golden1",
                        items.subList(0, 1), D0, BillingInterval.yearly(), SubscriptionStatus.CANCELED, false, null,
                        0, null, null, List.of(), T0, null)),
                new Case<>("invoice.full", InvoiceSchema.INVOICE, new Invoice("inv_golden1", "INV-2026-000123",
                        "cus_golden1", "sub_golden1", Currencies.of("JPY"), InvoiceStatus.OPEN,
                        List.of(fullLine, sparseLine), Money.of(100, "JPY"), Money.of(200, "JPY"),
                        Money.of(300, "JPY"), Money.of(440, "JPY"), D0, D0.plusDays(30), D0, D0.plusMonths(1),
                        "inv_golden0", T0, T1, 7L)),
                new Case<>("invoice.paid", InvoiceSchema.INVOICE, new Invoice("inv_golden2", "INV-2026-000124",
                        "cus_golden1", null, Currencies.of("JPY"), InvoiceStatus.PAID, List.of(fullLine),
                        Money.of(0, "JPY"), Money.of(3_960, "JPY"), Money.of(0, "JPY"), D0, D0, null, null, null, T0,
                        T1, 2L)),
                new Case<>("invoice.sparse", InvoiceSchema.INVOICE, new Invoice("inv_golden3", null, "cus_golden1", null,
                        Currencies.of("EUR"), InvoiceStatus.DRAFT, List.of(), Money.of(0, "EUR"), Money.of(0, "EUR"),
                        null, D0, D0.plusDays(14), null, null, null, T0, null, null)),
                new Case<>("invoice-number", InvoiceSchema.INVOICE_NUMBER,
                        new InvoiceSchema.InvoiceNumber("INV-2026-000123", "inv_golden1")),
                new Case<>("sequence.full", InvoiceSchema.SEQUENCE, new Sequence("INV-2026-B", 123, 9L)),
                new Case<>("sequence.sparse", InvoiceSchema.SEQUENCE, Sequence.start("INV-2026")),
                new Case<>("seller.full", SettingsSchema.SELLER, new SellerProfile("Periodic KK", fullAddress,
                        "billing@periodic.example", "+81 3 1234 5678", "https://periodic.example", "T9876543210987",
                        new SellerProfile.BankAccount("MUFG", "Periodic KK", "JP00MUFG0000000000000000", "BOTKJPJT",
                                "1234567", "0005"),
                        "https://pay.periodic.example/{number}", "RE", "GS", 3, Map.of("JPY", 880L, "EUR", 0L), 9_500,
                        "07654321", false,
                        new Branding(new Branding.Logo("branding/logo-0123456789abcdef0123456789abcdef.png",
                                "image/png", 360, 96, 5525, "0123456789abcdef".repeat(4)), "#0B5FA5",
                                Map.of("en", "Thank you", "ja", "ありがとうございます")))),
                new Case<>("seller.sparse", SettingsSchema.SELLER, new SellerProfile("Periodic d.o.o.", sparseAddress,
                        "billing@periodic.example", null, null, null,
                        new SellerProfile.BankAccount("Banka", "Periodic d.o.o.", null, null, "160-0000000000000-00",
                                null),
                        null, null, null)),
                new Case<>("seller.no-bank", SettingsSchema.SELLER, new SellerProfile("Periodic d.o.o.", sparseAddress,
                        "billing@periodic.example", null, null, null, null, null, null, null)),
                new Case<>("checkpoint.full", SettingsSchema.CHECKPOINT,
                        new Checkpoint("invoice-scheduler-3", 3, "cursor-text", T0)),
                new Case<>("checkpoint.sparse", SettingsSchema.CHECKPOINT, new Checkpoint("invoice-scheduler-0", 0, null, T0)),
                new Case<>("payment.full", PaymentSchema.PAYMENT, new Payment(paymentId, "stripe", "pi_3Golden",
                        Money.of(10_000, "EUR"), payer, "INV-2026-000123 thanks", T0, PaymentStatus.PARTIALLY_APPLIED,
                        Money.of(6_000, "EUR"), Money.of(1_000, "EUR"), Money.of(25, "EUR"), "cus_golden1",
                        "3000 left over", false, "0172-101-1234567", 8L)),
                new Case<>("payment.applied", PaymentSchema.PAYMENT, new Payment(paymentId, "stripe", "pi_3Golden",
                        Money.of(10_000, "EUR"), payer, null, T0, PaymentStatus.APPLIED, Money.of(10_000, "EUR"),
                        Money.of(0, "EUR"), "cus_golden1", null, true, 9L)),
                new Case<>("payment.sparse", PaymentSchema.PAYMENT, new Payment(Payment.idFor("bank", "ref 1/2"), "bank",
                        "ref 1/2", Money.of(5_000, "EUR"), Payer.UNKNOWN, null, T0, PaymentStatus.RECEIVED,
                        Money.of(0, "EUR"), Money.of(0, "EUR"), null, null, true, null)),
                new Case<>("allocation.full", PaymentSchema.ALLOCATION, new Allocation(paymentId, "inv_golden1",
                        Money.of(6_000, "EUR"), "fee-tolerance", "number quoted, 25 written off", T0,
                        Money.of(25, "EUR"), 1L)),
                new Case<>("allocation.sparse", PaymentSchema.ALLOCATION, new Allocation(paymentId, "inv_golden1",
                        Money.of(0, "EUR"), "manual", "by hand", T0, null)),
                new Case<>("credit-note.full", CreditSchema.CREDIT_NOTE, new CreditNote("cn_golden1", "CN-2026-000001",
                        "inv_golden1", "cus_golden1", Money.of(1_000, "JPY"), Money.of(100, "JPY"),
                        CreditNote.Disposition.CUSTOMER_BALANCE, "goodwill", D0, T0, 2L)),
                new Case<>("credit-note.sparse", CreditSchema.CREDIT_NOTE, new CreditNote("cn_golden2", null,
                        "inv_golden1", "cus_golden1", Money.of(1_000, "JPY"), Money.of(0, "JPY"),
                        CreditNote.Disposition.REDUCE_AMOUNT_DUE, "wrong seats", D0, T0, null)),
                // A note with its amounts per rate (the two items above are notes stored before the parts).
                new Case<>("credit-note.two-rates", CreditSchema.CREDIT_NOTE, new CreditNote("cn_golden3",
                        "CN-2026-000002", "inv_golden1", "cus_golden1", Money.of(1_500, "JPY"), Money.of(140, "JPY"),
                        List.of(new CreditNote.TaxPart(TaxRate.of("8"), Money.of(500, "JPY"), Money.of(40, "JPY")),
                                new CreditNote.TaxPart(TaxRate.of("10"), Money.of(1_000, "JPY"),
                                        Money.of(100, "JPY"))),
                        CreditNote.Disposition.CUSTOMER_BALANCE, "returned reduced-rate goods", D0, T0, 1L)),
                new Case<>("credit-balance.full", CreditSchema.CREDIT_BALANCE,
                        new CreditBalance("cus_golden1", Money.of(2_500, "JPY"), 4L)),
                new Case<>("credit-balance.sparse", CreditSchema.CREDIT_BALANCE,
                        CreditBalance.empty("cus_golden1", Currencies.of("KRW"))),
                new Case<>("credit-entry", CreditSchema.CREDIT_ENTRY, new CreditEntry("cus_golden1",
                        "overpayment:" + paymentId, Money.of(-300, "JPY"), "refund re_1 of payment " + paymentId, T0)));
    }
}
