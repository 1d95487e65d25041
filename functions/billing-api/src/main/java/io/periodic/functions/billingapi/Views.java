package io.periodic.functions.billingapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.dunning.DunningPolicy;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.DunningEntry;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PendingCharge;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Refund;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.reports.AgingReport;
import io.periodic.billing.reports.CollectionsReport;
import io.periodic.billing.reports.PaymentBehaviourReport;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The JSON the API answers with, written field by field (no reflection). Amounts are integers in minor units next
 * to their ISO 4217 currency; dates are ISO local dates; instants are UTC; enum values are lower case.
 */
final class Views {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Views() {}

    static ObjectNode customer(Customer c) {
        ObjectNode o = F.objectNode();
        o.put("id", c.id());
        o.put("name", c.name());
        o.put("email", c.email());
        o.put("currency", c.currency().getCurrencyCode());
        o.put("timeZone", c.timeZone().getId());
        o.put("locale", c.locale().toLanguageTag());
        o.put("paymentTermsDays", c.paymentTermsDays());
        o.put("taxRate", c.taxRate().toString());
        o.put("taxId", c.taxId());
        o.set("address", address(c.billingAddress()));
        o.put("externalRef", c.externalRef());
        // The kind documents use: the one stated, else company (docs/documents.md).
        o.put("recipientKind", lower(c.addressedAs().name()));
        o.put("customerReference", c.customerReference());
        o.put("companyNumber", c.companyNumber());
        ArrayNode payerNames = o.putArray("payerNames");
        for (String payerName : c.payerNames()) {
            payerNames.add(payerName);
        }
        ArrayNode virtualAccounts = o.putArray("virtualAccounts");
        for (String account : c.virtualAccounts()) {
            virtualAccounts.add(account);
        }
        if (c.bankFeeTolerance() == null) {
            o.putNull("bankFeeTolerance");
        } else {
            o.put("bankFeeTolerance", c.bankFeeTolerance().minor());
        }
        o.put("createdAt", c.createdAt().toString());
        return o;
    }

    static ObjectNode address(Address a) {
        ObjectNode o = F.objectNode();
        o.put("line1", a.line1());
        o.put("line2", a.line2());
        o.put("postalCode", a.postalCode());
        o.put("city", a.city());
        o.put("region", a.region());
        o.put("country", a.country());
        return o;
    }

    static ObjectNode plan(Plan p) {
        ObjectNode o = F.objectNode();
        o.put("id", p.id());
        o.put("name", p.productName());
        o.put("currency", p.unitAmount().currency().getCurrencyCode());
        o.put("unitAmount", p.unitAmount().minor());
        o.put("interval", p.interval().unit().name().toLowerCase(Locale.ROOT));
        o.put("intervalCount", p.interval().count());
        o.put("trialDays", p.trialDays());
        o.put("taxBehavior", p.taxBehavior().name().toLowerCase(Locale.ROOT));
        o.put("taxRate", p.taxRate() == null ? null : p.taxRate().toString());
        o.put("active", p.active());
        return o;
    }

    static ObjectNode subscription(Subscription s) {
        ObjectNode o = F.objectNode();
        o.put("id", s.id());
        o.put("customerId", s.customerId());
        SubscriptionItem first = s.items().get(0);
        o.put("planId", first.planId());
        o.put("quantity", first.quantity());
        ArrayNode items = o.putArray("items");
        for (SubscriptionItem item : s.items()) {
            items.addObject().put("planId", item.planId()).put("quantity", item.quantity());
        }
        o.put("status", lower(s.status().name()));
        o.put("startDate", s.anchor().toString());
        o.put("interval", s.interval().unit().name().toLowerCase(Locale.ROOT));
        o.put("intervalCount", s.interval().count());
        o.put("cancelAtPeriodEnd", s.cancelAtPeriodEnd());
        o.put("trialEnd", s.trialEnd() == null ? null : s.trialEnd().toString());
        if (s.nextPeriodIndex() > 0) {
            var current = s.schedule().period(s.nextPeriodIndex() - 1);
            o.put("currentPeriodStart", current.start().toString());
            o.put("currentPeriodEnd", current.end().toString());
        } else {
            o.putNull("currentPeriodStart");
            o.putNull("currentPeriodEnd");
        }
        o.put("nextInvoiceAt", s.nextBillingAt() == null ? null : s.nextBillingAt().toString());
        o.put("parkedReason", s.parkedReason());
        ArrayNode pending = o.putArray("pendingCharges");
        for (PendingCharge c : s.pendingCharges()) {
            ObjectNode p = pending.addObject();
            p.put("id", c.id());
            p.put("description", c.description());
            p.put("amount", c.amount().minor());
            p.put("currency", c.amount().currency().getCurrencyCode());
        }
        o.put("createdAt", s.createdAt().toString());
        return o;
    }

    static ObjectNode invoiceSummary(Invoice i) {
        ObjectNode o = F.objectNode();
        o.put("id", i.id());
        o.put("number", i.number());
        o.put("customerId", i.customerId());
        o.put("subscriptionId", i.subscriptionId());
        o.put("status", lower(i.status().name()));
        o.put("currency", i.currency().getCurrencyCode());
        o.put("subtotal", i.subtotal().minor());
        o.put("tax", i.tax().minor());
        o.put("total", i.total().minor());
        o.put("creditApplied", i.creditApplied().minor());
        o.put("credited", i.credited().minor());
        o.put("amountPaid", i.amountPaid().minor());
        o.put("writtenOff", i.writtenOff().minor());
        o.put("amountDue", i.amountDue().minor());
        o.put("periodStart", date(i.periodStart()));
        o.put("periodEnd", date(i.periodEnd()));
        o.put("issueDate", date(i.issueDate()));
        o.put("dueDate", date(i.dueDate()));
        o.put("correctionOf", i.correctionOf());
        return o;
    }

    static ObjectNode invoice(Invoice i, List<DunningEntry> dunning, List<Allocation> payments) {
        ObjectNode o = invoiceSummary(i);
        ArrayNode lines = o.putArray("lines");
        for (InvoiceLine l : i.lines()) {
            ObjectNode line = lines.addObject();
            line.put("description", l.description());
            line.put("kind", lower(l.kind().name()));
            line.put("planId", l.planId());
            line.put("periodStart", date(l.periodStart()));
            line.put("periodEnd", date(l.periodEnd()));
            line.put("quantity", l.quantity());
            line.put("unitAmount", l.unitAmount().minor());
            line.put("amount", l.amount().minor());
            line.put("taxRate", l.taxRate().toString());
            line.put("tax", l.tax().minor());
        }
        ArrayNode paid = o.putArray("payments");
        for (Allocation a : payments) {
            paid.addObject().put("paymentId", a.paymentId()).put("amount", a.amount().minor())
                    .put("rule", a.rule()).put("appliedAt", a.appliedAt().toString());
        }
        ArrayNode history = o.putArray("dunningHistory");
        for (DunningEntry d : dunning) {
            ObjectNode h = history.addObject();
            h.put("step", lower(d.step()));
            h.put("status", lower(d.status().name()));
            h.put("at", d.at().toString());
            h.put("channel", d.channel());
            h.put("language", d.language());
            h.put("reason", d.reason());
            h.put("detail", d.detail());
        }
        return o;
    }

    static ObjectNode refund(Refund r) {
        ObjectNode o = F.objectNode();
        o.put("paymentId", r.paymentId());
        o.put("refundId", r.refundId());
        o.put("kind", lower(r.kind().name()));
        o.put("status", lower(r.status().name()));
        o.put("currency", r.amount().currency().getCurrencyCode());
        o.put("amount", r.amount().minor());
        o.put("runningTotal", r.runningTotal());
        if (r.taken() == null) {
            o.putNull("taken");
        } else {
            o.put("taken", r.taken().minor());
        }
        o.put("reason", r.reason());
        o.put("receivedAt", r.receivedAt().toString());
        return o;
    }

    static ObjectNode payment(Payment p, List<Allocation> allocations) {
        ObjectNode o = F.objectNode();
        o.put("id", p.id());
        o.put("provider", p.provider());
        o.put("providerPaymentId", p.providerPaymentId());
        o.put("status", lower(p.status().name()));
        o.put("currency", p.amount().currency().getCurrencyCode());
        o.put("amount", p.amount().minor());
        o.put("applied", p.applied().minor());
        o.put("refunded", p.refunded().minor());
        o.put("unapplied", p.unapplied().minor());
        o.put("feeWrittenOff", p.feeWrittenOff().minor());
        o.put("customerId", p.customerId());
        o.put("unappliedReason", p.unappliedReason());
        o.put("receivedAt", p.receivedAt().toString());
        ObjectNode payer = o.putObject("payer");
        payer.put("name", p.payer().name());
        payer.put("email", p.payer().email());
        payer.put("customerReference", p.payer().customerReference());
        payer.put("account", p.payer().account());
        o.put("remittanceText", p.remittanceText());
        o.put("receivingAccount", p.receivingAccount());
        if (allocations != null) {
            ArrayNode list = o.putArray("applications");
            for (Allocation a : allocations) {
                list.addObject().put("invoiceId", a.invoiceId()).put("amount", a.amount().minor())
                        .put("rule", a.rule()).put("reason", a.reason()).put("appliedAt", a.appliedAt().toString());
            }
        }
        return o;
    }

    static ObjectNode creditNote(CreditNote n) {
        ObjectNode o = F.objectNode();
        o.put("id", n.id());
        o.put("number", n.number());
        o.put("invoiceId", n.invoiceId());
        o.put("customerId", n.customerId());
        o.put("currency", n.subtotal().currency().getCurrencyCode());
        o.put("subtotal", n.subtotal().minor());
        o.put("tax", n.tax().minor());
        o.put("total", n.total().minor());
        ArrayNode rates = o.putArray("taxRates");
        for (CreditNote.TaxPart part : n.taxParts()) {
            rates.addObject().put("taxRate", part.rate() == null ? null : part.rate().toString())
                    .put("subtotal", part.subtotal().minor()).put("tax", part.tax().minor());
        }
        o.put("disposition", lower(n.disposition().name()));
        o.put("reason", n.reason());
        o.put("issueDate", n.issueDate().toString());
        return o;
    }

    static ObjectNode settings(SellerProfile seller, DunningPolicy policy) {
        ObjectNode o = F.objectNode();
        if (seller == null) {
            o.putNull("seller");
        } else {
            ObjectNode s = o.putObject("seller");
            s.put("name", seller.name());
            s.set("address", address(seller.address()));
            s.put("email", seller.email());
            s.put("phone", seller.phone());
            s.put("website", seller.website());
            s.put("taxId", seller.taxId());
            s.put("companyNumber", seller.companyNumber());
            if (seller.bankAccount() == null) {
                s.putNull("bankAccount");
            } else {
                var b = seller.bankAccount();
                s.putObject("bankAccount").put("bankName", b.bankName()).put("accountHolder", b.accountHolder())
                        .put("iban", b.iban()).put("bic", b.bic()).put("accountNumber", b.accountNumber())
                        .put("bankCode", b.bankCode());
            }
            s.put("paymentLinkTemplate", seller.paymentLinkTemplate());
            o.putObject("numbering").put("invoicePrefix", seller.invoicePrefix())
                    .put("creditNotePrefix", seller.creditNotePrefix()).put("numberSeries", seller.numberSeries());
        }
        ObjectNode tolerance = o.putObject("bankFeeTolerance");
        if (seller != null) {
            new TreeMap<>(seller.bankFeeToleranceMinor()).forEach(tolerance::put);
        }
        o.put("autoApplyConfidence", BigDecimal.valueOf(seller == null ? SellerProfile.DEFAULT_AUTO_APPLY_CONFIDENCE
                : seller.autoApplyConfidence(), 4).stripTrailingZeros());
        o.put("receipts", seller == null || seller.receiptsEnabled());
        o.set("branding", BrandingViews.branding(seller == null ? null : seller.branding()));
        ObjectNode d = o.putObject("dunningPolicy");
        ArrayNode steps = d.putArray("steps");
        for (DunningPolicy.Step step : policy.steps()) {
            steps.addObject().put("kind", lower(step.kind().name())).put("dayOffset", step.dayOffset());
        }
        ObjectNode fee = d.putObject("lateFee");
        fee.put("percent", policy.lateFee().percent() == null ? null : policy.lateFee().percent().toPlainString());
        ObjectNode fixed = fee.putObject("fixed");
        new TreeMap<>(policy.lateFee().fixedMinor()).forEach(fixed::put);
        ObjectNode cap = fee.putObject("cap");
        new TreeMap<>(policy.lateFee().capMinor()).forEach(cap::put);
        d.put("markUncollectibleOnSuspend", policy.markUncollectibleOnSuspend());
        return o;
    }

    static ObjectNode aging(AgingReport.Report report) {
        ObjectNode o = F.objectNode();
        o.put("asOf", report.asOf().toString());
        ArrayNode currencies = o.putArray("currencies");
        report.byCurrency().forEach((currency, buckets) -> {
            ObjectNode c = currencies.addObject();
            c.put("currency", currency);
            ArrayNode list = c.putArray("buckets");
            for (AgingReport.Bucket bucket : AgingReport.Bucket.values()) {
                AgingReport.Line line = buckets.get(bucket);
                BigInteger amount = report.total(currency, bucket).minor(); // exact: never overflows
                ObjectNode b = list.addObject();
                b.put("bucket", bucketName(bucket));
                b.put("amountDue", amount);
                ArrayNode invoices = b.putArray("invoices");
                if (line != null) {
                    for (Invoice i : line.invoices()) {
                        invoices.addObject().put("id", i.id()).put("number", i.number())
                                .put("customerId", i.customerId()).put("dueDate", i.dueDate().toString())
                                .put("daysPastDue", Math.max(0, ChronoUnit.DAYS.between(
                                        i.dueDate(), report.asOf())))
                                .put("amountDue", i.amountDue().minor());
                    }
                }
            }
            c.put("totalDue", report.totalDue(currency).minor());
        });
        return o;
    }

    static String bucketName(AgingReport.Bucket bucket) {
        return switch (bucket) {
            case CURRENT -> "current";
            case DAYS_1_30 -> "1-30";
            case DAYS_31_60 -> "31-60";
            case DAYS_61_90 -> "61-90";
            case OVER_90 -> "over-90";
        };
    }

    static ObjectNode behaviour(PaymentBehaviourReport.Line l) {
        ObjectNode o = F.objectNode();
        o.put("customerId", l.customerId());
        o.put("customerName", l.customerName());
        o.put("invoicesPaid", l.invoicesPaid());
        o.put("averageDaysFromDueDate", BigDecimal.valueOf(l.averageDaysTenths(), 1));
        o.put("medianDaysFromDueDate", l.medianDays());
        o.put("onTimeRatePercent", l.onTimePercent());
        o.put("shortPayments", l.shortPayments());
        return o;
    }

    static ObjectNode collectionsDay(CollectionsReport.Day d) {
        ObjectNode o = F.objectNode();
        o.put("date", d.date().toString());
        o.put("currency", d.currency());
        o.put("payments", d.payments());
        o.put("received", d.received().minor());
        o.put("applied", d.applied().minor());
        o.put("unapplied", d.unapplied().minor());
        o.put("refunded", d.refunded().minor());
        o.put("feesWrittenOff", d.feesWrittenOff().minor());
        return o;
    }

    static ObjectNode page(List<ObjectNode> items, String nextCursor) {
        ObjectNode o = F.objectNode();
        ArrayNode data = o.putArray("data");
        items.forEach(data::add);
        o.put("nextCursor", nextCursor);
        return o;
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
