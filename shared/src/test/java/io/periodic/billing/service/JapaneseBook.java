package io.periodic.billing.service;

import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The books of a Japanese seller for the cash-application tests on DynamoDB Local: its own invoice-number series,
 * JPY customers with payer names, finalised invoices, and kana names no other test uses (so the lookup keys of a
 * run are its own).
 */
final class JapaneseBook {
    static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final String[] SYLLABLES = {"ｶ", "ｷ", "ｸ", "ｹ", "ｺ", "ｻ", "ｼ", "ｽ", "ｾ", "ｿ", "ﾅ", "ﾆ", "ﾇ", "ﾈ",
        "ﾉ", "ﾏ"};

    private final BillingStore store;
    private final String prefix = "K" + Ids.randomLetters(6);

    JapaneseBook(BillingStore store) {
        this.store = store;
    }

    /** The invoice-number prefix of this book's series. */
    String prefix() {
        return prefix;
    }

    /** Stores a plain Tokyo seller numbering this book's series (no fee tolerance, the default threshold). */
    JapaneseBook withPlainSeller() {
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, prefix, null));
        return this;
    }

    /** {@code stem} and eight random half-width syllables. */
    static String uniqueKana(String stem) {
        StringBuilder name = new StringBuilder(stem);
        for (char c : Ids.randomLetters(8).toCharArray()) {
            name.append(SYLLABLES[c % SYLLABLES.length]);
        }
        return name.toString();
    }

    /** A JPY customer in Tokyo, not yet stored. */
    static Customer.Builder draft(String name, List<String> payerNames) {
        return Customer.builder().id(Ids.newId("cus")).name(name)
                .email("ap-" + Ids.randomLetters(8).toLowerCase(Locale.ROOT) + "@example.jp")
                .currency(Currencies.of("JPY")).timeZone(ZoneId.of("Asia/Tokyo")).locale(Locale.JAPAN)
                .paymentTermsDays(30).taxRate(TaxRate.ZERO).billingAddress(new Address("1", null, null, "Tokyo", null,
                        "JP")).payerNames(payerNames).createdAt(NOW);
    }

    Customer customer(String name, List<String> payerNames) {
        return store.customers().create(draft(name, payerNames).build());
    }

    /** An open invoice of {@code amount} yen, finalised in this book's series, due 2026-11-30. */
    Invoice invoice(Customer customer, long amount) {
        Money net = Money.of(amount, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 11, 30), null, null, null, NOW, null, null));
        Finalization.Decision decision = Finalization.plan(draft, store.invoices().sequence(
                Finalization.seriesOf(draft, prefix)), store.credit().balance(customer.id(), customer.currency()), NOW);
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
    }
}
