package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;

/**
 * The SaaS company that issues the invoices, as printed on every document: who it is, how to reach it, its tax
 * registration, and how to pay it.
 *
 * @param taxId the seller's tax registration number (VAT id, JCT registration number T…, business number)
 * @param paymentLinkTemplate a URL with {@code {number}} standing for the invoice number, e.g.
 *     {@code https://pay.example.com/invoices/{number}}; optional
 * @param invoicePrefix prefix of invoice numbers: {@code INV} gives {@code INV-2026-000123}
 * @param creditNotePrefix prefix of credit note numbers: {@code CN} gives {@code CN-2026-000007}
 * @param numberSeries how many parallel gapless invoice number series to use (1-26). 1 gives {@code INV-2026-000123};
 *     more give {@code INV-2026-A-000123}, {@code INV-2026-B-…}, each customer always in the same series. Every
 *     series is gapless on its own; more series let more invoices be finalised per second (docs/scaling.md).
 * @param bankFeeToleranceMinor per ISO currency code, the most a bank transfer from an identified customer may be
 *     short (the bank fee the payer deducted, 振込手数料) and still close what it pays, in minor units, e.g.
 *     {@code {"JPY": 880}}; a currency not listed has none (off by default); a customer may override it
 *     (docs/bank-fees.md)
 * @param companyNumber the seller's company registration number, printed under its tax id where the documents show
 *     one: the Serbian matični broj (MB, 8 digits) next to the PIB, a Companies House number, a Korean 법인등록번호;
 *     optional, 1..32 characters (docs/documents.md)
 * @param receipts whether customers get a payment confirmation (receipt) when a payment is applied to their
 *     invoices; null: on (the default, docs/delivery.md)
 * @param branding logo, brand colour and footer notes (docs/branding.md); {@link Branding#NONE} when none is set
 */
public record SellerProfile(
        String name,
        Address address,
        String email,
        String phone,
        String website,
        String taxId,
        BankAccount bankAccount,
        String paymentLinkTemplate,
        String invoicePrefix,
        String creditNotePrefix,
        int numberSeries,
        Map<String, Long> bankFeeToleranceMinor,
        Integer autoApplyConfidenceBasisPoints,
        String companyNumber,
        Boolean receipts,
        Branding branding) {

    /** The threshold of automatic application when none is set: 0.90 (apply exact, group and fee decisions). */
    public static final int DEFAULT_AUTO_APPLY_CONFIDENCE = 9_000;

    /** Bank transfer details. Either an IBAN (+ BIC) or a domestic account number (+ bank/branch code). */
    public record BankAccount(String bankName, String accountHolder, String iban, String bic, String accountNumber,
            String bankCode) {
        public BankAccount {
            bankName = required(bankName, "bank name", 200);
            accountHolder = required(accountHolder, "account holder", 200);
            iban = optional(iban, "IBAN", 34);
            bic = optional(bic, "BIC", 11);
            accountNumber = optional(accountNumber, "account number", 64);
            bankCode = optional(bankCode, "bank code", 64);
            if (iban == null && accountNumber == null) {
                throw new IllegalArgumentException("a bank account needs an IBAN or an account number");
            }
        }
    }

    public SellerProfile {
        name = required(name, "seller name", 200);
        notNull(address, "seller address");
        email = required(email, "seller email", 254);
        phone = optional(phone, "seller phone", 40);
        website = optional(website, "seller website", 200);
        taxId = optional(taxId, "seller tax id", 64);
        paymentLinkTemplate = optional(paymentLinkTemplate, "payment link template", 500);
        if (paymentLinkTemplate != null && !paymentLinkTemplate.startsWith("https://")) {
            throw new IllegalArgumentException("payment link template must be an https:// URL");
        }
        invoicePrefix = numberPrefix(invoicePrefix == null ? "INV" : invoicePrefix, "invoice prefix");
        creditNotePrefix = numberPrefix(creditNotePrefix == null ? "CN" : creditNotePrefix, "credit note prefix");
        if (numberSeries < 1 || numberSeries > 26) {
            throw new IllegalArgumentException("number series must be 1..26, got " + numberSeries);
        }
        bankFeeToleranceMinor = Map.copyOf(Objects.requireNonNullElse(bankFeeToleranceMinor, Map.of()));
        bankFeeToleranceMinor.forEach((code, minor) -> {
            Currencies.of(code);
            if (minor == null || minor < 0 || minor > Money.MAX_MINOR) {
                throw new IllegalArgumentException("bank fee tolerance for " + code + " must be 0.." + Money.MAX_MINOR
                        + " (minor units), got " + minor);
            }
        });
        if (autoApplyConfidenceBasisPoints != null
                && (autoApplyConfidenceBasisPoints < 0 || autoApplyConfidenceBasisPoints > 10_000)) {
            throw new IllegalArgumentException("auto-apply confidence must be 0..10000 basis points (0..1), got "
                    + autoApplyConfidenceBasisPoints);
        }
        companyNumber = optional(companyNumber, "seller company number", 32);
        branding = Objects.requireNonNullElse(branding, Branding.NONE);
    }

    /** A seller without a company number, with receipts on (the default) and no branding. */
    public SellerProfile(String name, Address address, String email, String phone, String website, String taxId,
            BankAccount bankAccount, String paymentLinkTemplate, String invoicePrefix, String creditNotePrefix,
            int numberSeries, Map<String, Long> bankFeeToleranceMinor, Integer autoApplyConfidenceBasisPoints) {
        this(name, address, email, phone, website, taxId, bankAccount, paymentLinkTemplate, invoicePrefix,
                creditNotePrefix, numberSeries, bankFeeToleranceMinor, autoApplyConfidenceBasisPoints, null, null,
                Branding.NONE);
    }

    /** A seller with a company number ({@code companyNumber} may be null) and receipts on (the default). */
    public SellerProfile(String name, Address address, String email, String phone, String website, String taxId,
            BankAccount bankAccount, String paymentLinkTemplate, String invoicePrefix, String creditNotePrefix,
            int numberSeries, Map<String, Long> bankFeeToleranceMinor, Integer autoApplyConfidenceBasisPoints,
            String companyNumber) {
        this(name, address, email, phone, website, taxId, bankAccount, paymentLinkTemplate, invoicePrefix,
                creditNotePrefix, numberSeries, bankFeeToleranceMinor, autoApplyConfidenceBasisPoints, companyNumber,
                null, Branding.NONE);
    }

    /** A seller without a company number whose receipts are on or off ({@code receipts} null: on). */
    public SellerProfile(String name, Address address, String email, String phone, String website, String taxId,
            BankAccount bankAccount, String paymentLinkTemplate, String invoicePrefix, String creditNotePrefix,
            int numberSeries, Map<String, Long> bankFeeToleranceMinor, Integer autoApplyConfidenceBasisPoints,
            Boolean receipts) {
        this(name, address, email, phone, website, taxId, bankAccount, paymentLinkTemplate, invoicePrefix,
                creditNotePrefix, numberSeries, bankFeeToleranceMinor, autoApplyConfidenceBasisPoints, null,
                receipts, Branding.NONE);
    }

    /** Whether customers get a payment confirmation (receipt): on unless the seller turned it off. */
    public boolean receiptsEnabled() {
        return receipts == null || receipts;
    }

    /** A seller without a company number, receipts on, with {@code branding}. */
    public SellerProfile(String name, Address address, String email, String phone, String website, String taxId,
            BankAccount bankAccount, String paymentLinkTemplate, String invoicePrefix, String creditNotePrefix,
            int numberSeries, Map<String, Long> bankFeeToleranceMinor, Integer autoApplyConfidenceBasisPoints,
            Branding branding) {
        this(name, address, email, phone, website, taxId, bankAccount, paymentLinkTemplate, invoicePrefix,
                creditNotePrefix, numberSeries, bankFeeToleranceMinor, autoApplyConfidenceBasisPoints, null, null,
                branding);
    }

    /** This seller with other branding. */
    public SellerProfile withBranding(Branding newBranding) {
        return new SellerProfile(name, address, email, phone, website, taxId, bankAccount, paymentLinkTemplate,
                invoicePrefix, creditNotePrefix, numberSeries, bankFeeToleranceMinor, autoApplyConfidenceBasisPoints,
                companyNumber, receipts, newBranding);
    }

    /** A seller with the default auto-apply confidence. */
    public SellerProfile(String name, Address address, String email, String phone, String website, String taxId,
            BankAccount bankAccount, String paymentLinkTemplate, String invoicePrefix, String creditNotePrefix,
            int numberSeries, Map<String, Long> bankFeeToleranceMinor) {
        this(name, address, email, phone, website, taxId, bankAccount, paymentLinkTemplate, invoicePrefix,
                creditNotePrefix, numberSeries, bankFeeToleranceMinor, null);
    }

    /** The threshold of automatic application in basis points: the one set, else the default (0.90). */
    public int autoApplyConfidence() {
        return autoApplyConfidenceBasisPoints == null ? DEFAULT_AUTO_APPLY_CONFIDENCE : autoApplyConfidenceBasisPoints;
    }

    /** A seller with no bank-fee tolerance. */
    public SellerProfile(String name, Address address, String email, String phone, String website, String taxId,
            BankAccount bankAccount, String paymentLinkTemplate, String invoicePrefix, String creditNotePrefix,
            int numberSeries) {
        this(name, address, email, phone, website, taxId, bankAccount, paymentLinkTemplate, invoicePrefix,
                creditNotePrefix, numberSeries, Map.of());
    }

    /** The bank-fee tolerance for a currency: zero (off) when none is set. */
    public Money bankFeeTolerance(Currency currency) {
        Long minor = bankFeeToleranceMinor.get(currency.getCurrencyCode());
        return Money.of(minor == null ? 0 : minor, currency);
    }

    /** A seller numbering in a single series. */
    public SellerProfile(String name, Address address, String email, String phone, String website, String taxId,
            BankAccount bankAccount, String paymentLinkTemplate, String invoicePrefix, String creditNotePrefix) {
        this(name, address, email, phone, website, taxId, bankAccount, paymentLinkTemplate, invoicePrefix,
                creditNotePrefix, 1);
    }

    /** The payment link for one invoice, or null when the seller has none. */
    public String paymentLink(String invoiceNumber) {
        return paymentLinkTemplate == null ? null
                : paymentLinkTemplate.replace("{number}", URLEncoder.encode(invoiceNumber,
                        StandardCharsets.UTF_8));
    }

    private static String numberPrefix(String prefix, String field) {
        // Letters only, so that a number quoted in any formatting (inv2026000123) splits unambiguously into prefix,
        // year and sequence (see payments.References).
        if (!prefix.matches("[A-Z]{1,10}")) {
            throw new IllegalArgumentException(field + " must be 1-10 upper-case letters A-Z, got " + prefix);
        }
        return prefix;
    }
}
