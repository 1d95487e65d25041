package io.periodic.functions.paymentmatcher;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A labelled data set for cash application (issue 14), generated from a seed so that every run measures the same
 * payments: customers as a Japanese or international SaaS seller has them, their open invoices, and bank payments
 * with the noise real transfers carry — half-width kana payer names with the bank's legal-form abbreviations
 * before or after the name, small kana written large, spaces, typos, missing references, bank-fee shortfalls,
 * payments for several invoices at once, a parent company paying for its subsidiary, the wrong currency. Each
 * payment carries its label: the customer and the invoices it was meant to pay, or that no machine could know
 * (then the right outcome is to hold it for a person).
 *
 * <p>Pure data: no store, no clock. {@link CashApplicationBenchmark} loads it into DynamoDB Local and runs the
 * matcher over it.
 */
final class CashApplicationDataset {
    /** What kind of payment it is, i.e. the noise it carries. */
    enum Kind {
        /** Pays one invoice, amount exact, the invoice number in the remittance information. */
        REFERENCE,
        /** Pays the oldest open invoice, amount exact, no reference: known only by the payer's name. */
        NAME_ONLY,
        /** As NAME_ONLY, the payer deducted the bank fee (JPY 440, 660 or 880) from the amount. */
        FEE_SHORTFALL,
        /** Pays the two or three oldest open invoices in one transfer, no reference. */
        GROUP,
        /** As NAME_ONLY, one kana of the payer name mistyped by the payer's bank clerk. */
        TYPO,
        /** The parent company pays its subsidiary's oldest invoice under its own name, no reference. */
        PARENT,
        /** Pays one invoice's amount in another currency than the invoice's. */
        WRONG_CURRENCY
    }

    /** A customer: its legal name (what the documents say), e-mail, currency and the name its bank prints. */
    record Customer(String key, String legalName, String email, String currency, String bankName,
            String parentKey) {}

    /** An open invoice: which customer, its amount in minor units, its position among the customer's invoices. */
    record Invoice(String key, String customerKey, long amount, int index) {}

    /**
     * A payment and its label. {@code expectedInvoices} empty = nothing a machine could know: the right outcome is
     * to hold the money for a person.
     */
    record Payment(String key, Kind kind, String currency, long amount, String payerName, String reference,
            String expectedCustomer, List<String> expectedInvoices) {}

    record Data(List<Customer> customers, List<Invoice> invoices, List<Payment> payments) {
        Map<Kind, Integer> countByKind() {
            Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
            payments.forEach(p -> counts.merge(p.kind(), 1, Integer::sum));
            return counts;
        }
    }

    static final long SEED = 20261203L;
    static final int INVOICES_PER_CUSTOMER = 10;

    /** Surname or place, as written and as a bank prints it (half-width kana, small kana as the word has them). */
    private static final String[][] NAMES = {
        {"山田", "ﾔﾏﾀﾞ"}, {"田中", "ﾀﾅｶ"}, {"鈴木", "ｽｽﾞｷ"}, {"佐藤", "ｻﾄｳ"}, {"高橋", "ﾀｶﾊｼ"}, {"伊藤", "ｲﾄｳ"},
        {"渡辺", "ﾜﾀﾅﾍﾞ"}, {"中村", "ﾅｶﾑﾗ"}, {"小林", "ｺﾊﾞﾔｼ"}, {"加藤", "ｶﾄｳ"}, {"吉田", "ﾖｼﾀﾞ"}, {"松本", "ﾏﾂﾓﾄ"},
        {"井上", "ｲﾉｳｴ"}, {"木村", "ｷﾑﾗ"}, {"林", "ﾊﾔｼ"}, {"清水", "ｼﾐｽﾞ"}, {"森", "ﾓﾘ"}, {"池田", "ｲｹﾀﾞ"},
        {"橋本", "ﾊｼﾓﾄ"}, {"石川", "ｲｼｶﾜ"}, {"東京", "ﾄｳｷｮｳ"}, {"大阪", "ｵｵｻｶ"}, {"北海", "ﾎｯｶｲ"}, {"青葉", "ｱｵﾊﾞ"},
        {"富士", "ﾌｼﾞ"}, {"桜", "ｻｸﾗ"}, {"旭", "ｱｻﾋ"}};
    /** What the company does; 工業 and 興業 read alike, as they do in life (two customers a bank cannot tell apart). */
    private static final String[][] TRADES = {
        {"商事", "ｼｮｳｼﾞ"}, {"製作所", "ｾｲｻｸｼｮ"}, {"電機", "ﾃﾞﾝｷ"}, {"工業", "ｺｳｷﾞｮｳ"}, {"産業", "ｻﾝｷﾞｮｳ"},
        {"物産", "ﾌﾞｯｻﾝ"}, {"技研", "ｷﾞｹﾝ"}, {"建設", "ｹﾝｾﾂ"}, {"運輸", "ｳﾝﾕ"}, {"情報", "ｼﾞｮｳﾎｳ"}, {"精機", "ｾｲｷ"},
        {"化学", "ｶｶﾞｸ"}, {"食品", "ｼｮｸﾋﾝ"}, {"印刷", "ｲﾝｻﾂ"}, {"興業", "ｺｳｷﾞｮｳ"}, {"企画", "ｷｶｸ"}, {"設計", "ｾｯｹｲ"}};
    /** Legal form as written, and the abbreviation a bank prints before ("ｶ)") or after ("(ｶ") the name. */
    private static final String[][] FORMS = {{"株式会社", "ｶ"}, {"株式会社", "ｶ"}, {"株式会社", "ｶ"}, {"有限会社", "ﾕ"},
        {"合同会社", "ﾄﾞ"}};
    private static final String[] LATIN_FIRST = {"Northwind", "Contoso", "Fabrikam", "Litware", "Tailspin", "Adventure",
        "Blue Yonder", "Coho", "Alpine", "Proseware", "Wingtip", "Woodgrove", "Lucerne", "Margie", "Humongous"};
    private static final String[] LATIN_SECOND = {"Analytics", "Systems", "Travel", "Labs", "Software", "Foods",
        "Logistics", "Media"};
    private static final String[] LATIN_FORMS = {"GmbH", "Inc.", "Ltd", "d.o.o.", "LLC", "AG"};

    private CashApplicationDataset() {}

    static Data generate(long seed, int customerCount, int paymentCount) {
        Random random = new Random(seed);
        List<Customer> customers = new ArrayList<>();
        Map<String, List<Invoice>> open = new HashMap<>();
        List<Invoice> invoices = new ArrayList<>();
        for (int c = 0; c < customerCount; c++) {
            String key = "c" + c;
            Customer customer = random.nextInt(100) < 70 ? japanese(key, random) : latin(key, random);
            if (c > 0 && random.nextInt(100) < 8) { // a subsidiary of an earlier customer in the same currency
                Customer parent = customers.get(random.nextInt(c));
                if (parent.currency().equals(customer.currency())) {
                    customer = new Customer(customer.key(), customer.legalName(), customer.email(),
                            customer.currency(), customer.bankName(), parent.key());
                }
            }
            customers.add(customer);
            long plan = planAmount(customer.currency(), random);
            List<Invoice> own = new ArrayList<>();
            for (int i = 0; i < INVOICES_PER_CUSTOMER; i++) {
                // Mostly the plan's amount every month; now and then a month with usage on top.
                long amount = random.nextInt(100) < 80 ? plan : plan + unit(customer.currency()) * (1 + random.nextInt(40));
                Invoice invoice = new Invoice(key + "-i" + i, key, amount, i);
                own.add(invoice);
                invoices.add(invoice);
            }
            open.put(key, own);
        }
        List<Payment> payments = new ArrayList<>();
        Map<String, Customer> byKey = new HashMap<>();
        customers.forEach(c -> byKey.put(c.key(), c));
        int attempts = 0;
        while (payments.size() < paymentCount && attempts++ < paymentCount * 20) {
            Customer customer = customers.get(random.nextInt(customers.size()));
            List<Invoice> left = open.get(customer.key());
            if (left.isEmpty()) {
                continue;
            }
            Kind kind = kind(random, customer);
            if (kind == Kind.PARENT && customer.parentKey() == null) {
                // A parent pays for one of its subsidiaries (about 4 % of payments, as the roll says), not for a
                // customer without a parent.
                List<Customer> subsidiaries = customers.stream()
                        .filter(s -> s.parentKey() != null && !open.get(s.key()).isEmpty())
                        .toList();
                if (subsidiaries.isEmpty()) {
                    kind = Kind.NAME_ONLY;
                } else {
                    customer = subsidiaries.get(random.nextInt(subsidiaries.size()));
                    left = open.get(customer.key());
                }
            }
            if (kind == Kind.GROUP && left.size() < 3) {
                kind = Kind.NAME_ONLY;
            }
            String key = "p" + payments.size();
            Invoice oldest = left.get(0);
            String bankName = variant(customer.bankName(), random);
            Payment payment = switch (kind) {
                case REFERENCE -> {
                    Invoice any = left.get(random.nextInt(left.size()));
                    left.remove(any);
                    yield new Payment(key, kind, customer.currency(), any.amount(), bankName, any.key(),
                            customer.key(), List.of(any.key()));
                }
                case NAME_ONLY -> {
                    left.remove(0);
                    yield new Payment(key, kind, customer.currency(), oldest.amount(), bankName, null,
                            customer.key(), List.of(oldest.key()));
                }
                case FEE_SHORTFALL -> {
                    left.remove(0);
                    long fee = new long[] {440, 660, 880}[random.nextInt(3)];
                    yield new Payment(key, kind, customer.currency(), oldest.amount() - fee, bankName, null,
                            customer.key(), List.of(oldest.key()));
                }
                case GROUP -> {
                    int n = 2 + random.nextInt(2);
                    List<String> keys = new ArrayList<>();
                    long sum = 0;
                    for (int i = 0; i < n; i++) {
                        Invoice invoice = left.remove(0);
                        keys.add(invoice.key());
                        sum += invoice.amount();
                    }
                    yield new Payment(key, kind, customer.currency(), sum, bankName, null, customer.key(), keys);
                }
                case TYPO -> {
                    left.remove(0);
                    yield new Payment(key, kind, customer.currency(), oldest.amount(), typo(bankName, random), null,
                            customer.key(), List.of(oldest.key()));
                }
                case PARENT -> {
                    left.remove(0);
                    // The parent's name, not the customer's: no machine can tell whose invoice this pays.
                    yield new Payment(key, kind, customer.currency(), oldest.amount(),
                            variant(byKey.get(customer.parentKey()).bankName(), random), null, customer.key(),
                            List.of());
                }
                case WRONG_CURRENCY -> new Payment(key, kind, customer.currency().equals("JPY") ? "USD" : "JPY",
                        oldest.amount(), bankName, null, customer.key(), List.of());
            };
            payments.add(payment);
        }
        return new Data(List.copyOf(customers), List.copyOf(invoices), List.copyOf(payments));
    }

    private static Kind kind(Random random, Customer customer) {
        int roll = random.nextInt(100);
        if (roll < 35) {
            return Kind.REFERENCE;
        } else if (roll < 65) {
            return Kind.NAME_ONLY;
        } else if (roll < 77) {
            return customer.currency().equals("JPY") ? Kind.FEE_SHORTFALL : Kind.NAME_ONLY;
        } else if (roll < 87) {
            return Kind.GROUP;
        } else if (roll < 92) {
            return Kind.TYPO;
        } else if (roll < 96) {
            return Kind.PARENT;
        }
        return Kind.WRONG_CURRENCY;
    }

    private static Customer japanese(String key, Random random) {
        String[] name = NAMES[random.nextInt(NAMES.length)];
        String[] trade = TRADES[random.nextInt(TRADES.length)];
        String[] form = FORMS[random.nextInt(FORMS.length)];
        boolean formFirst = random.nextBoolean();
        String legal = formFirst ? form[0] + name[0] + trade[0] : name[0] + trade[0] + form[0];
        // Banks print no small kana: ｼｮｳｼﾞ arrives as ｼﾖｳｼﾞ.
        String kana = large(name[1] + trade[1]);
        String bank = formFirst ? form[1] + ")" + kana : kana + "(" + form[1];
        return new Customer(key, legal, key + "@" + "example.jp", "JPY", bank, null);
    }

    private static Customer latin(String key, Random random) {
        String first = LATIN_FIRST[random.nextInt(LATIN_FIRST.length)];
        String second = LATIN_SECOND[random.nextInt(LATIN_SECOND.length)];
        String form = LATIN_FORMS[random.nextInt(LATIN_FORMS.length)];
        String currency = random.nextBoolean() ? "USD" : "EUR";
        return new Customer(key, first + " " + second + " " + form, key + "@example.com", currency,
                (first + " " + second).toUpperCase(java.util.Locale.ROOT), null);
    }

    private static long planAmount(String currency, Random random) {
        return currency.equals("JPY") ? 5_500L * (1 + random.nextInt(60)) : 4_900L * (1 + random.nextInt(20));
    }

    private static long unit(String currency) {
        return currency.equals("JPY") ? 110 : 100;
    }

    /** How the same payer's name arrives on different days: spaces, or the abbreviation written another way. */
    static String variant(String bankName, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> bankName;
            case 1 -> bankName.replace(")", ") ");
            case 2 -> bankName.replace("(", " (");
            default -> bankName.replace("ｶ)", "ｶﾌﾞｼｷｶﾞｲｼﾔ ").replace("(ｶ", " ｶﾌﾞｼｷｶﾞｲｼﾔ");
        };
    }

    /** One kana replaced by its neighbour in the syllabary (the typo a clerk makes). */
    private static String typo(String name, Random random) {
        List<Integer> kana = new ArrayList<>();
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch >= 'ｱ' && ch < 'ﾝ') {
                kana.add(i);
            }
        }
        if (kana.isEmpty()) {
            int at = random.nextInt(name.length());
            return name.substring(0, at) + name.substring(at + 1); // a Latin name loses a letter
        }
        int at = kana.get(random.nextInt(kana.size()));
        return name.substring(0, at) + (char) (name.charAt(at) + 1) + name.substring(at + 1);
    }

    /** Small half-width kana written large, as the Zengin character set has them. */
    static String large(String kana) {
        StringBuilder out = new StringBuilder(kana.length());
        for (char ch : kana.toCharArray()) {
            out.append(switch (ch) {
                case 'ｧ' -> 'ｱ';
                case 'ｨ' -> 'ｲ';
                case 'ｩ' -> 'ｳ';
                case 'ｪ' -> 'ｴ';
                case 'ｫ' -> 'ｵ';
                case 'ｬ' -> 'ﾔ';
                case 'ｭ' -> 'ﾕ';
                case 'ｮ' -> 'ﾖ';
                case 'ｯ' -> 'ﾂ';
                default -> ch;
            });
        }
        return out.toString();
    }
}
