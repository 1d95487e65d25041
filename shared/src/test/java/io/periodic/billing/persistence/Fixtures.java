package io.periodic.billing.persistence;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.calendar.LocalDue;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** Sample records with every field set (optional ones too), each with fresh ids: tests isolate by data. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-22T09:15:30.123456Z");

    private Fixtures() {}

    static Customer tokyoCustomer() {
        return new Customer(Ids.newId("cus"), "株式会社サンプル", "keiri@example.co.jp", Currencies.of("JPY"),
                ZoneId.of("Asia/Tokyo"), Locale.forLanguageTag("ja-JP"), 30, TaxRate.of("10"), "T9234567890123",
                new Address("千代田区丸の内1-1-1", "サンプルビル 5F", "100-0005", "東京都", null, "JP"), NOW, null);
    }

    static Customer belgradeCustomer() {
        return new Customer(Ids.newId("cus"), "Primer d.o.o.", "Racuni@Primer.rs", Currencies.of("EUR"),
                ZoneId.of("Europe/Belgrade"), Locale.forLanguageTag("sr-Latn-RS"), 15, TaxRate.of("20"), "RS101234567",
                new Address("Knez Mihailova 1", null, "11000", "Beograd", null, "RS"), NOW, null);
    }

    static Plan plan(String currency, long minor) {
        return new Plan(Ids.newId("plan"), "Team plan", Money.of(minor, currency), BillingInterval.monthly(), 14,
                TaxBehavior.EXCLUSIVE, true, null);
    }

    static Subscription subscription(Customer customer, Plan plan, LocalDate anchor) {
        return new Subscription(Ids.newId("sub"), customer.id(), List.of(new SubscriptionItem(plan.id(), 3)), anchor,
                BillingInterval.monthly(), SubscriptionStatus.ACTIVE, false, null, 0,
                LocalDue.startOfLocalDay(anchor, customer.timeZone()), null, List.of(), NOW, null);
    }

    static Invoice draftInvoice(Customer customer, String currency) {
        Money unit = Money.of(120_000, currency);
        Money amount = unit.times(3);
        Money tax = amount.percent(new java.math.BigDecimal("10"));
        InvoiceLine line = new InvoiceLine("Team plan × 3", LineKind.SUBSCRIPTION, "price_1",
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), 3, unit, amount, TaxRate.of("10"), tax);
        InvoiceLine credit = new InvoiceLine("Unused time on Starter", LineKind.PRORATION, null, null, null, 1,
                Money.of(-5_000, currency), Money.of(-5_000, currency), TaxRate.of("10"), Money.of(-500, currency));
        return new Invoice(Ids.newId("inv"), null, customer.id(), "sub_1", Currencies.of(currency), InvoiceStatus.DRAFT,
                List.of(line, credit), Money.zero(Currencies.of(currency)), Money.zero(Currencies.of(currency)),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), null, NOW, null, null);
    }

    static Invoice openInvoice(Customer customer, LocalDate dueDate) {
        Invoice draft = draftInvoice(customer, customer.currency().getCurrencyCode());
        return new Invoice(draft.id(), "INV-2026-" + draft.id().substring(4, 10), draft.customerId(),
                draft.subscriptionId(), draft.currency(), InvoiceStatus.OPEN, draft.lines(), draft.creditApplied(),
                draft.amountPaid(), dueDate.minusDays(30), dueDate, draft.periodStart(), draft.periodEnd(), null,
                NOW, NOW, null);
    }

    static Payment unappliedPayment(String currency, long minor) {
        String providerId = "pi_" + Ids.newId("x");
        return new Payment(Payment.idFor("stripe", providerId), "stripe", providerId, Money.of(minor, currency),
                new Payer("ＡＣＭＥ　Ｃｏｒｐ.", "ap@acme.example", "cus_123", "**** 4242"),
                "Payment for INV-2026-000123 and INV-2026-000124", NOW, PaymentStatus.UNAPPLIED,
                Money.zero(Currencies.of(currency)), Money.zero(Currencies.of(currency)), null,
                "no open invoice matches", null);
    }

    static Allocation allocation(Payment payment, Invoice invoice, long minor) {
        return new Allocation(payment.id(), invoice.id(), Money.of(minor, payment.amount().currency()), "reference",
                "remittance quotes " + invoice.number(), NOW, null);
    }

    static CreditNote creditNote(Invoice invoice) {
        return new CreditNote(Ids.newId("cn"), "CN-2026-000001", invoice.id(), invoice.customerId(),
                Money.of(10_000, invoice.currency()), Money.of(1_000, invoice.currency()),
                CreditNote.Disposition.CUSTOMER_BALANCE, "Service outage 2026-11-03", LocalDate.of(2026, 11, 22), NOW,
                null);
    }
}
