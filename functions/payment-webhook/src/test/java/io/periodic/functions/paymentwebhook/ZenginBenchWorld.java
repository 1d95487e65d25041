package io.periodic.functions.paymentwebhook;

import io.periodic.billing.bankstatements.ZenginStatement;
import io.periodic.billing.bankstatements.ZenginWriter;
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
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The store and the files of {@link ZenginBenchmark}: customers who pay by bank transfer (each with the half-width
 * kana name its bank prints registered as a payer name and one open JPY invoice), a seller accepting transfers short
 * by up to ¥880 (the largest 振込手数料), and 振込入金通知 files written by {@link ZenginWriter} into an account of
 * its own (so the benchmark's identities never meet a test's).
 *
 * <p>Entry {@code j} of a file is from customer {@code order[j % customers]}; which kind of payment it is depends on
 * {@code j % 20}: 12 of 20 pay their invoice exactly by name, 2 exactly with the invoice number in EDI情報, 3 are short
 * by ¥440/¥660/¥880, 1 pays an amount that is no invoice's, 2 come from a payer nobody registered.
 */
final class ZenginBenchWorld {
    static final ZenginStatement.Account ACCOUNT = new ZenginStatement.Account("0005", "ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ", "777",
            "ﾍﾞﾝﾁ", "1", "7654321", "ｶ)ﾋﾟﾘｵﾃﾞｨｯｸ");
    static final Instant NOW = Instant.parse("2025-11-25T03:00:00Z");
    private static final String KANA = "ｱｶｻﾀﾅﾊﾏﾔﾗﾜｲｷｼﾁﾆﾋﾐﾘｳｸｽﾇﾌﾑﾕﾙｴｹｾﾃﾈﾍﾒﾚｵｺｿﾄﾉﾎﾓﾖﾛ";
    private static final long[] FEES = {440, 660, 880};

    /** One customer: its payer name as the bank prints it and its open invoice. */
    record Payer(String customerId, String bankName, Invoice invoice) {}

    final List<Payer> payers = new ArrayList<>();
    private final int[] order;

    /** Creates {@code customers} customers with one finalized invoice each in {@code store}. */
    ZenginBenchWorld(BillingStore store, int customers, long seed) {
        String prefix = "Z" + Ids.randomLetters(6);
        store.settings().putSeller(new SellerProfile("S", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, prefix, null, 1, Map.of("JPY", 880L)));
        String run = Ids.randomLetters(2).toUpperCase(Locale.ROOT);
        for (int i = 0; i < customers; i++) {
            String bankName = "ｶ)" + kana(i, 3) + "ｼﾖｳｼﾞ " + run;
            Customer customer = store.customers().create(new Customer(Ids.newId("cus"), "株式会社ベンチ" + i + " "
                    + prefix, "c" + i + "." + prefix.toLowerCase(Locale.ROOT) + "@customer.example",
                    Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.ZERO, null,
                    new Address("1", null, null, "Tokyo", null, "JP"), NOW, null).toBuilder()
                    .payerNames(List.of(bankName)).build());
            long amount = 11_000 + (i * 137L % 400) * 100;
            payers.add(new Payer(customer.id(), bankName, invoice(store, customer, prefix, amount, i)));
        }
        List<Integer> shuffled = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            shuffled.add(i);
        }
        Collections.shuffle(shuffled, new Random(seed));
        order = shuffled.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Entry {@code j} of a file booked on {@code booked} (inquiry number {@code j + 1}). */
    ZenginWriter.Credit credit(int j, LocalDate booked) {
        Payer p = payers.get(order[j % order.length]);
        long due = p.invoice().total().minor();
        int kind = j % 20;
        String name = p.bankName();
        String edi = null;
        long amount = due;
        if (kind >= 12 && kind < 14) {
            edi = p.invoice().number();
        } else if (kind >= 14 && kind < 17) {
            amount = due - FEES[kind - 14];
        } else if (kind == 17) {
            amount = due + 3_333;
        } else if (kind >= 18) {
            name = "ﾕ)" + kana(j, 4) + "ｺｳｷﾞﾖｳ";
            amount = 7_777 + j % 1_000;
        }
        return new ZenginWriter.Credit(j + 1, booked, amount, name, "ﾐｽﾞﾎ", "ﾎﾝﾃﾝ", edi);
    }

    /** A 01 file of entries {@code 0 .. count-1} booked on {@code booked}. */
    byte[] file(int count, LocalDate booked) {
        List<Integer> entries = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            entries.add(j);
        }
        return file(entries, booked);
    }

    /** A 01 file of the given entries booked on {@code booked}. */
    byte[] file(List<Integer> entries, LocalDate booked) {
        List<ZenginWriter.Credit> credits = new ArrayList<>(entries.size());
        for (int j : entries) {
            credits.add(credit(j, booked));
        }
        return ZenginWriter.transferNotice(ACCOUNT, booked, credits);
    }

    /** The same records without the CR LF after each: other bytes, the same entries. */
    static byte[] withoutLineBreaks(byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length);
        for (int from = 0; from + 200 <= file.length; from += 202) {
            out.write(file, from, 200);
        }
        return out.toByteArray();
    }

    private static String kana(int n, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(KANA.charAt(n % KANA.length()));
            n /= KANA.length();
        }
        return s.toString();
    }

    private static Invoice invoice(BillingStore store, Customer customer, String prefix, long amount, int i) {
        Money net = Money.of(amount, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        LocalDate issued = LocalDate.of(2025, 10, 1);
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION,
                null, null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, issued,
                issued.plusDays(30 + i % 20), null, null, null, NOW, null, null));
        Finalization.Decision decision = Finalization.plan(draft, store.invoices().sequence(
                Finalization.seriesOf(draft, prefix)), store.credit().balance(customer.id(), customer.currency()), NOW);
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
    }
}
