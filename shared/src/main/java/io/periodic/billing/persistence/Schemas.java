package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.BillingTable.GSI1;
import static io.periodic.billing.persistence.BillingTable.GSI1_PK;
import static io.periodic.billing.persistence.BillingTable.GSI1_SK;
import static io.periodic.billing.persistence.BillingTable.GSI2;
import static io.periodic.billing.persistence.BillingTable.GSI2_PK;
import static io.periodic.billing.persistence.BillingTable.GSI2_SK;
import static io.periodic.billing.persistence.BillingTable.GSI3;
import static io.periodic.billing.persistence.BillingTable.GSI3_PK;
import static io.periodic.billing.persistence.BillingTable.GSI3_SK;
import static io.periodic.billing.persistence.BillingTable.PK;
import static io.periodic.billing.persistence.BillingTable.SK;
import static io.periodic.billing.persistence.BillingTable.TYPE;
import static io.periodic.billing.persistence.BillingTable.VERSION;
import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.dunning.DunningPolicy;
import io.periodic.billing.dunning.LateFee;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Checkpoint;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.DunningEntry;
import io.periodic.billing.model.IdempotentRequest;
import io.periodic.billing.model.InboundEvent;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PendingCharge;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Price;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The static table schemas of every stored record, built once when this class loads: no bean introspection, no
 * reflection-built accessors on the cold-start path. Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
public final class Schemas {
    private Schemas() {}

    private static final TableSchema<Address> ADDRESS = SchemaBuilder.of(Address.class)
            .attr("line1", String.class, Address::line1)
            .attr("line2", String.class, Address::line2)
            .attr("postalCode", String.class, Address::postalCode)
            .attr("city", String.class, Address::city)
            .attr("region", String.class, Address::region)
            .attr("country", String.class, Address::country)
            .build(r -> new Address(r.get("line1"), r.get("line2"), r.get("postalCode"), r.get("city"),
                    r.get("region"), r.get("country")));

    public static final TableSchema<Customer> CUSTOMER = SchemaBuilder.of(Customer.class)
            .derived(PK, c -> BillingTable.customer(c.id()), primaryPartitionKey())
            .derived(SK, c -> "PROFILE", primarySortKey())
            .derived(GSI1_PK, c -> "EMAIL#" + c.email().toLowerCase(Locale.ROOT), secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, c -> BillingTable.customer(c.id()), secondarySortKey(GSI1))
            // Every customer, sharded, oldest first (reports over all customers).
            .derived(GSI2_PK, c -> BillingTable.customersPartition(BillingTable.shardOf(c.id())), secondaryPartitionKey(GSI2))
            .derived(GSI2_SK, c -> BillingTable.sortable(c.createdAt()) + "#" + c.id(), secondarySortKey(GSI2))
            .derived(TYPE, c -> "Customer")
            .attr("id", String.class, Customer::id)
            .attr("name", String.class, Customer::name)
            .attr("email", String.class, Customer::email)
            .attr("currency", String.class, c -> c.currency().getCurrencyCode())
            .attr("timeZone", String.class, c -> c.timeZone().getId())
            .attr("locale", String.class, c -> c.locale().toLanguageTag())
            .attr("paymentTermsDays", Integer.class, Customer::paymentTermsDays)
            .attr("taxRate", String.class, c -> c.taxRate().toString())
            .attr("taxId", String.class, Customer::taxId)
            .attr("billingAddress", EnhancedType.documentOf(Address.class, ADDRESS), Customer::billingAddress)
            .attr("externalRef", String.class, Customer::externalRef)
            .attr("createdAt", Instant.class, Customer::createdAt)
            .attr(VERSION, Long.class, Customer::version, versionAttribute())
            .build(r -> new Customer(r.get("id"), r.get("name"), r.get("email"), Currencies.of(r.get("currency")),
                    ZoneId.of(r.get("timeZone")), Locale.forLanguageTag(r.get("locale")), r.get("paymentTermsDays"),
                    TaxRate.of(r.get("taxRate")), r.get("taxId"), r.get("billingAddress"), r.get("externalRef"),
                    r.get("createdAt"),
                    r.get(VERSION)));

    /** Lets payment matching find customers by a payer's name: {@code NAME#<name key> / CUST#<id>}. */
    record CustomerName(String nameKey, String customerId) {}

    static final TableSchema<CustomerName> CUSTOMER_NAME = SchemaBuilder.of(CustomerName.class)
            .derived(PK, n -> BillingTable.customerName(n.nameKey()), primaryPartitionKey())
            .derived(SK, n -> BillingTable.customer(n.customerId()), primarySortKey())
            .derived(TYPE, n -> "CustomerName")
            .attr("nameKey", String.class, CustomerName::nameKey)
            .attr("customerId", String.class, CustomerName::customerId)
            .build(r -> new CustomerName(r.get("nameKey"), r.get("customerId")));

    public static final TableSchema<IdempotentRequest> IDEMPOTENT_REQUEST = SchemaBuilder.of(IdempotentRequest.class)
            .derived(PK, r -> IdempotencyRepository.pk(r.key()), primaryPartitionKey())
            .derived(SK, r -> "IDEMPOTENCY", primarySortKey())
            .derived(TYPE, r -> "IdempotentRequest")
            .attr("key", String.class, IdempotentRequest::key)
            .attr("fingerprint", String.class, IdempotentRequest::fingerprint)
            .attr("statusCode", Integer.class, IdempotentRequest::statusCode)
            .attr("responseBody", String.class, IdempotentRequest::responseBody)
            .attr("location", String.class, IdempotentRequest::location)
            .attr("createdAt", Instant.class, IdempotentRequest::createdAt)
            .attr(BillingTable.TTL, Long.class, IdempotentRequest::expiresAt)
            .attr(VERSION, Long.class, IdempotentRequest::version, versionAttribute())
            .build(r -> new IdempotentRequest(r.get("key"), r.get("fingerprint"), r.get("statusCode", 0),
                    r.get("responseBody"), r.get("location"), r.get("createdAt"), r.get(BillingTable.TTL),
                    r.get(VERSION)));

    /**
     * A payment's entry in the day it was received (UTC): {@code PAYDAY#<date> / <received>#<payment id>}, written
     * once per payment (about 100 bytes, 1 WCU) so the collections report can list a day's receipts without every
     * write of the payment copying it to an index.
     */
    record PaymentDay(String date, String sortKey, String paymentId) {}

    static final TableSchema<PaymentDay> PAYMENT_DAY = SchemaBuilder.of(PaymentDay.class)
            .derived(PK, d -> "PAYDAY#" + d.date(), primaryPartitionKey())
            .derived(SK, PaymentDay::sortKey, primarySortKey())
            .derived(TYPE, d -> "PaymentDay")
            .attr("date", String.class, PaymentDay::date)
            .attr("sortKey", String.class, PaymentDay::sortKey)
            .attr("paymentId", String.class, PaymentDay::paymentId)
            .build(r -> new PaymentDay(r.get("date"), r.get("sortKey"), r.get("paymentId")));

    public static final TableSchema<Refund> REFUND = SchemaBuilder.of(Refund.class)
            .derived(PK, f -> BillingTable.payment(f.paymentId()), primaryPartitionKey())
            .derived(SK, f -> "REFUND#" + f.refundId(), primarySortKey())
            .derived(TYPE, f -> "Refund")
            .attr("paymentId", String.class, Refund::paymentId)
            .attr("refundId", String.class, Refund::refundId)
            .attr("kind", String.class, f -> f.kind().name())
            .attr("amount", MoneyConverter.INSTANCE, Refund::amount)
            .attr("status", String.class, f -> f.status().name())
            .attr("receivedAt", Instant.class, Refund::receivedAt)
            .attr(VERSION, Long.class, Refund::version, versionAttribute())
            .build(r -> new Refund(r.get("paymentId"), r.get("refundId"), Refund.Kind.valueOf(r.get("kind")),
                    r.get("amount"), Refund.Status.valueOf(r.get("status")), r.get("receivedAt"), r.get(VERSION)));

    public static final TableSchema<InboundEvent> INBOUND_EVENT = SchemaBuilder.of(InboundEvent.class)
            .derived(PK, e -> "EVT#" + e.provider() + "#" + e.eventId(), primaryPartitionKey())
            .derived(SK, e -> "EVENT", primarySortKey())
            .derived(TYPE, e -> "InboundEvent")
            .attr("provider", String.class, InboundEvent::provider)
            .attr("eventId", String.class, InboundEvent::eventId)
            .attr("eventType", String.class, InboundEvent::type)
            .attr("status", String.class, e -> e.status().name())
            .attr("payload", String.class, InboundEvent::payload)
            .attr("notifications", Integer.class, InboundEvent::notifications)
            .attr("receivedAt", Instant.class, InboundEvent::receivedAt)
            .attr(BillingTable.TTL, Long.class, InboundEvent::expiresAt)
            .attr(VERSION, Long.class, InboundEvent::version, versionAttribute())
            .build(r -> new InboundEvent(r.get("provider"), r.get("eventId"), r.get("eventType"),
                    InboundEvent.Status.valueOf(r.get("status")), r.get("payload"), r.get("notifications", 0),
                    r.get("receivedAt"), r.get(BillingTable.TTL, 0L), r.get(VERSION)));

    public static final TableSchema<DunningEntry> DUNNING_ENTRY = SchemaBuilder.of(DunningEntry.class)
            .derived(PK, d -> BillingTable.invoice(d.invoiceId()), primaryPartitionKey())
            .derived(SK, d -> "DUN#" + d.step(), primarySortKey())
            .derived(TYPE, d -> "DunningEntry")
            .attr("invoiceId", String.class, DunningEntry::invoiceId)
            .attr("step", String.class, DunningEntry::step)
            .attr("status", String.class, d -> d.status().name())
            .attr("at", Instant.class, DunningEntry::at)
            .attr("channel", String.class, DunningEntry::channel)
            .attr("language", String.class, DunningEntry::language)
            .attr("reason", String.class, DunningEntry::reason)
            .attr("detail", String.class, DunningEntry::detail)
            .attr(VERSION, Long.class, DunningEntry::version, versionAttribute())
            .build(r -> new DunningEntry(r.get("invoiceId"), r.get("step"), DunningEntry.Status.valueOf(r.get("status")),
                    r.get("at"), r.get("channel"), r.get("language"), r.get("reason"), r.get("detail"), r.get(VERSION)));

    /** A stored dunning policy: {@code SETTINGS / DUNNING} (the default) or {@code CUST#<id> / DUNNING} (override). */
    record StoredPolicy(String scope, DunningPolicy policy) {}

    private static final TableSchema<DunningPolicy.Step> POLICY_STEP = SchemaBuilder.of(DunningPolicy.Step.class)
            .attr("kind", String.class, st -> st.kind().name())
            .attr("dayOffset", Integer.class, DunningPolicy.Step::dayOffset)
            .build(r -> new DunningPolicy.Step(StepKind.valueOf(r.get("kind")), r.get("dayOffset")));

    static final TableSchema<StoredPolicy> DUNNING_POLICY = SchemaBuilder.of(StoredPolicy.class)
            .derived(PK, p -> p.scope().equals("DEFAULT") ? "SETTINGS" : BillingTable.customer(p.scope()),
                    primaryPartitionKey())
            .derived(SK, p -> "DUNNING", primarySortKey())
            .derived(TYPE, p -> "DunningPolicy")
            .attr("scope", String.class, StoredPolicy::scope)
            .attr("steps", EnhancedType.listOf(EnhancedType.documentOf(DunningPolicy.Step.class, POLICY_STEP)),
                    p -> p.policy().steps())
            .attr("lateFeePercent", String.class,
                    p -> p.policy().lateFee().percent() == null ? null : p.policy().lateFee().percent().toPlainString())
            .attr("lateFeeFixedMinor", EnhancedType.mapOf(String.class, Long.class), p -> p.policy().lateFee().fixedMinor())
            .attr("lateFeeCapMinor", EnhancedType.mapOf(String.class, Long.class), p -> p.policy().lateFee().capMinor())
            .attr("markUncollectibleOnSuspend", Boolean.class, p -> p.policy().markUncollectibleOnSuspend())
            .build(r -> new StoredPolicy(r.get("scope"), new DunningPolicy(r.get("steps", List.of()),
                    new LateFee(r.get("lateFeePercent") == null ? null : new java.math.BigDecimal(
                            r.<String>get("lateFeePercent")), r.get("lateFeeFixedMinor", java.util.Map.of()),
                            r.get("lateFeeCapMinor", java.util.Map.of())),
                    r.get("markUncollectibleOnSuspend", false))));

    public static final TableSchema<Price> PRICE = SchemaBuilder.of(Price.class)
            .derived(PK, p -> BillingTable.price(p.id()), primaryPartitionKey())
            .derived(SK, p -> "PRICE", primarySortKey())
            .derived(TYPE, p -> "Price")
            .attr("id", String.class, Price::id)
            .attr("productName", String.class, Price::productName)
            .attr("unitAmount", MoneyConverter.INSTANCE, Price::unitAmount)
            .attr("interval", String.class, p -> p.interval().toString())
            .attr("trialDays", Integer.class, Price::trialDays)
            .attr("taxBehavior", String.class, p -> p.taxBehavior().name())
            .attr("active", Boolean.class, Price::active)
            .attr(VERSION, Long.class, Price::version, versionAttribute())
            .build(r -> new Price(r.get("id"), r.get("productName"), r.get("unitAmount"),
                    BillingInterval.parse(r.get("interval")), r.get("trialDays"),
                    TaxBehavior.valueOf(r.get("taxBehavior")), r.get("active", false), r.get(VERSION)));

    private static final TableSchema<SubscriptionItem> SUBSCRIPTION_ITEM = SchemaBuilder.of(SubscriptionItem.class)
            .attr("priceId", String.class, SubscriptionItem::priceId)
            .attr("quantity", Long.class, SubscriptionItem::quantity)
            .build(r -> new SubscriptionItem(r.get("priceId"), r.get("quantity")));

    private static final TableSchema<PendingCharge> PENDING_CHARGE = SchemaBuilder.of(PendingCharge.class)
            .attr("id", String.class, PendingCharge::id)
            .attr("description", String.class, PendingCharge::description)
            .attr("kind", String.class, c -> c.kind().name())
            .attr("priceId", String.class, PendingCharge::priceId)
            .attr("periodStart", LocalDate.class, PendingCharge::periodStart)
            .attr("periodEnd", LocalDate.class, PendingCharge::periodEnd)
            .attr("quantity", Long.class, PendingCharge::quantity)
            .attr("unitAmount", MoneyConverter.INSTANCE, PendingCharge::unitAmount)
            .attr("amount", MoneyConverter.INSTANCE, PendingCharge::amount)
            .attr("taxBehavior", String.class, c -> c.taxBehavior().name())
            .build(r -> new PendingCharge(r.get("id"), r.get("description"), LineKind.valueOf(r.get("kind")),
                    r.get("priceId"), r.get("periodStart"), r.get("periodEnd"), r.get("quantity"),
                    r.get("unitAmount"), r.get("amount"), TaxBehavior.valueOf(r.get("taxBehavior"))));

    public static final TableSchema<Subscription> SUBSCRIPTION = SchemaBuilder.of(Subscription.class)
            .derived(PK, s -> BillingTable.subscription(s.id()), primaryPartitionKey())
            .derived(SK, s -> "SUBSCRIPTION", primarySortKey())
            .derived(GSI1_PK, s -> BillingTable.customer(s.customerId()), secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, s -> "SUB#" + BillingTable.sortable(s.createdAt()) + "#" + s.id(), secondarySortKey(GSI1))
            // Sparse: only subscriptions the scheduler should bill are in the work index.
            .derived(GSI3_PK, s -> s.isSchedulable() ? BillingTable.Work.SUBSCRIPTION_DUE.partitionFor(s.id()) : null,
                    secondaryPartitionKey(GSI3))
            .derived(GSI3_SK, s -> s.isSchedulable() ? BillingTable.sortable(s.nextBillingAt()) + "#" + s.id() : null,
                    secondarySortKey(GSI3))
            .derived(TYPE, s -> "Subscription")
            .attr("id", String.class, Subscription::id)
            .attr("customerId", String.class, Subscription::customerId)
            .attr("items", EnhancedType.listOf(EnhancedType.documentOf(SubscriptionItem.class, SUBSCRIPTION_ITEM)),
                    Subscription::items)
            .attr("anchor", LocalDate.class, Subscription::anchor)
            .attr("interval", String.class, s -> s.interval().toString())
            .attr("status", String.class, s -> s.status().name())
            .attr("cancelAtPeriodEnd", Boolean.class, Subscription::cancelAtPeriodEnd)
            .attr("trialEnd", LocalDate.class, Subscription::trialEnd)
            .attr("nextPeriodIndex", Long.class, Subscription::nextPeriodIndex)
            .attr("nextBillingAt", Instant.class, Subscription::nextBillingAt)
            .attr("parkedReason", String.class, Subscription::parkedReason)
            .attr("pendingCharges", EnhancedType.listOf(EnhancedType.documentOf(PendingCharge.class, PENDING_CHARGE)),
                    Subscription::pendingCharges)
            .attr("createdAt", Instant.class, Subscription::createdAt)
            .attr(VERSION, Long.class, Subscription::version, versionAttribute())
            .build(r -> new Subscription(r.get("id"), r.get("customerId"), r.get("items"), r.get("anchor"),
                    BillingInterval.parse(r.get("interval")), SubscriptionStatus.valueOf(r.get("status")),
                    r.get("cancelAtPeriodEnd", false), r.get("trialEnd"), r.get("nextPeriodIndex", 0L),
                    r.get("nextBillingAt"), r.get("parkedReason"), r.get("pendingCharges", List.of()), r.get("createdAt"),
                    r.get(VERSION)));

    /**
     * An invoice line as stored: its amounts as integer minor units (DynamoDB numbers) in the invoice's currency,
     * which the invoice stores once. (Elsewhere money is a {@code {minor, currency}} map; on an invoice every
     * amount shares one currency, and the compact form keeps a single-line invoice under 1 KB, i.e. one write unit
     * per copy: see docs/scaling.md.)
     */
    record StoredLine(String description, String kind, String priceId, LocalDate periodStart, LocalDate periodEnd,
            long quantity, long unitAmount, long amount, String taxRate, long tax, String chargeId) {
        static StoredLine of(InvoiceLine l) {
            return new StoredLine(l.description(), l.kind().name(), l.priceId(), l.periodStart(), l.periodEnd(),
                    l.quantity(), l.unitAmount().minor(), l.amount().minor(), l.taxRate().toString(), l.tax().minor(),
                    l.chargeId());
        }

        InvoiceLine toLine(java.util.Currency currency) {
            return new InvoiceLine(description, LineKind.valueOf(kind), priceId, periodStart, periodEnd, quantity,
                    Money.of(unitAmount, currency), Money.of(amount, currency), TaxRate.of(taxRate),
                    Money.of(tax, currency), chargeId);
        }
    }

    private static final TableSchema<StoredLine> INVOICE_LINE = SchemaBuilder.of(StoredLine.class)
            .attr("description", String.class, StoredLine::description)
            .attr("kind", String.class, StoredLine::kind)
            .attr("priceId", String.class, StoredLine::priceId)
            .attr("periodStart", LocalDate.class, StoredLine::periodStart)
            .attr("periodEnd", LocalDate.class, StoredLine::periodEnd)
            .attr("quantity", Long.class, StoredLine::quantity)
            .attr("unitAmount", Long.class, StoredLine::unitAmount)
            .attr("amount", Long.class, StoredLine::amount)
            .attr("taxRate", String.class, StoredLine::taxRate)
            .attr("tax", Long.class, StoredLine::tax)
            .attr("chargeId", String.class, StoredLine::chargeId)
            .build(r -> new StoredLine(r.get("description"), r.get("kind"), r.get("priceId"), r.get("periodStart"),
                    r.get("periodEnd"), r.get("quantity"), r.get("unitAmount"), r.get("amount"), r.get("taxRate"),
                    r.get("tax"), r.get("chargeId")));

    private static final String INVOICE_PREFIX = "INV#";

    public static final TableSchema<Invoice> INVOICE = SchemaBuilder.of(Invoice.class)
            // The id is stored once, in the key (an invoice item stays under 1 KB: one write unit per copy).
            .key(PK, i -> INVOICE_PREFIX + i.id(), "id", pk -> pk.substring(INVOICE_PREFIX.length()),
                    primaryPartitionKey())
            .derived(SK, i -> "INVOICE", primarySortKey())
            .derived(GSI1_PK, i -> BillingTable.customer(i.customerId()), secondaryPartitionKey(GSI1))
            // Index sort keys are dates without the id (an index's keys need not be unique, the table key is in
            // every index entry, and who needs a strict order among equal dates sorts by id itself): three copies
            // of the id fewer keep the item under 1 KB.
            .derived(GSI1_SK, i -> "INV#" + BillingTable.sortable(i.issueDate()), secondarySortKey(GSI1))
            // Sparse: payable invoices of a customer, oldest due first (payment matching).
            .derived(GSI2_PK, i -> isPayable(i) ? "OPEN#" + i.customerId() : null, secondaryPartitionKey(GSI2))
            .derived(GSI2_SK, i -> isPayable(i) ? BillingTable.sortable(i.dueDate()) : null, secondarySortKey(GSI2))
            // Sparse, sharded: open invoices with an amount due, by due date (overdue sweeps, dunning).
            .derived(GSI3_PK, i -> isDunnable(i) ? BillingTable.Work.INVOICE_OPEN.partitionFor(i.id()) : null,
                    secondaryPartitionKey(GSI3))
            .derived(GSI3_SK, i -> isDunnable(i) ? BillingTable.sortable(i.dueDate()) : null, secondarySortKey(GSI3))
            .derived(TYPE, i -> "Invoice")
            .attr("number", String.class, Invoice::number)
            .attr("customerId", String.class, Invoice::customerId)
            .attr("subscriptionId", String.class, Invoice::subscriptionId)
            .attr("currency", String.class, i -> i.currency().getCurrencyCode())
            .attr("status", String.class, i -> i.status().name())
            // Absent fields of a line (no charge, no price) are left out rather than stored as NULL.
            .attr("lines", EnhancedType.listOf(EnhancedType.documentOf(StoredLine.class, INVOICE_LINE,
                            b -> b.ignoreNulls(true))),
                    i -> i.lines().stream().map(StoredLine::of).toList())
            // Amounts: integer minor units in the invoice's currency.
            .attr("creditApplied", Long.class, i -> i.creditApplied().minor())
            .attr("amountPaid", Long.class, i -> i.amountPaid().minor())
            .attr("credited", Long.class, i -> i.credited().minor())
            .attr("issueDate", LocalDate.class, Invoice::issueDate)
            .attr("dueDate", LocalDate.class, Invoice::dueDate)
            .attr("periodStart", LocalDate.class, Invoice::periodStart)
            .attr("periodEnd", LocalDate.class, Invoice::periodEnd)
            .attr("correctionOf", String.class, Invoice::correctionOf)
            .attr("createdAt", Instant.class, Invoice::createdAt)
            .attr("finalizedAt", Instant.class, Invoice::finalizedAt)
            // Totals derived from the lines, stored for reports and exports; never read back.
            .derived("subtotal", Long.class, i -> i.subtotal().minor())
            .derived("tax", Long.class, i -> i.tax().minor())
            .derived("total", Long.class, i -> i.total().minor())
            .derived("amountDue", Long.class, i -> i.amountDue().minor())
            .attr(VERSION, Long.class, Invoice::version, versionAttribute())
            .build(r -> {
                java.util.Currency currency = Currencies.of(r.get("currency"));
                List<StoredLine> lines = r.get("lines", List.of());
                return new Invoice(r.get("id"), r.get("number"), r.get("customerId"), r.get("subscriptionId"),
                        currency, InvoiceStatus.valueOf(r.get("status")),
                        lines.stream().map(l -> l.toLine(currency)).toList(),
                        Money.of(r.get("creditApplied", 0L), currency), Money.of(r.get("amountPaid", 0L), currency),
                        Money.of(r.get("credited", 0L), currency), r.get("issueDate"), r.get("dueDate"),
                        r.get("periodStart"), r.get("periodEnd"), r.get("correctionOf"), r.get("createdAt"),
                        r.get("finalizedAt"), r.get(VERSION));
            });

    /** The create-once item that reserves an invoice number and resolves it to the invoice. */
    record InvoiceNumber(String number, String invoiceId) {}

    static final TableSchema<InvoiceNumber> INVOICE_NUMBER = SchemaBuilder.of(InvoiceNumber.class)
            .derived(PK, n -> BillingTable.invoiceNumber(n.number()), primaryPartitionKey())
            .derived(SK, n -> "INVNUM", primarySortKey())
            .derived(TYPE, n -> "InvoiceNumber")
            .attr("number", String.class, InvoiceNumber::number)
            .attr("invoiceId", String.class, InvoiceNumber::invoiceId)
            .build(r -> new InvoiceNumber(r.get("number"), r.get("invoiceId")));

    public static final TableSchema<Sequence> SEQUENCE = SchemaBuilder.of(Sequence.class)
            .derived(PK, q -> "SEQ#" + q.series(), primaryPartitionKey())
            .derived(SK, q -> "SEQUENCE", primarySortKey())
            .derived(TYPE, q -> "Sequence")
            .attr("series", String.class, Sequence::series)
            .attr("last", Long.class, Sequence::last)
            .attr(VERSION, Long.class, Sequence::version, versionAttribute())
            .build(r -> new Sequence(r.get("series"), r.get("last", 0L), r.get(VERSION)));

    private static final TableSchema<SellerProfile.BankAccount> BANK_ACCOUNT =
            SchemaBuilder.of(SellerProfile.BankAccount.class)
                    .attr("bankName", String.class, SellerProfile.BankAccount::bankName)
                    .attr("accountHolder", String.class, SellerProfile.BankAccount::accountHolder)
                    .attr("iban", String.class, SellerProfile.BankAccount::iban)
                    .attr("bic", String.class, SellerProfile.BankAccount::bic)
                    .attr("accountNumber", String.class, SellerProfile.BankAccount::accountNumber)
                    .attr("bankCode", String.class, SellerProfile.BankAccount::bankCode)
                    .build(r -> new SellerProfile.BankAccount(r.get("bankName"), r.get("accountHolder"),
                            r.get("iban"), r.get("bic"), r.get("accountNumber"), r.get("bankCode")));

    /** The seller's details, one item: {@code SETTINGS / SELLER}. */
    public static final TableSchema<SellerProfile> SELLER = SchemaBuilder.of(SellerProfile.class)
            .derived(PK, s -> "SETTINGS", primaryPartitionKey())
            .derived(SK, s -> "SELLER", primarySortKey())
            .derived(TYPE, s -> "SellerProfile")
            .attr("name", String.class, SellerProfile::name)
            .attr("address", EnhancedType.documentOf(Address.class, ADDRESS), SellerProfile::address)
            .attr("email", String.class, SellerProfile::email)
            .attr("phone", String.class, SellerProfile::phone)
            .attr("website", String.class, SellerProfile::website)
            .attr("taxId", String.class, SellerProfile::taxId)
            .attr("bankAccount", EnhancedType.documentOf(SellerProfile.BankAccount.class, BANK_ACCOUNT),
                    SellerProfile::bankAccount)
            .attr("paymentLinkTemplate", String.class, SellerProfile::paymentLinkTemplate)
            .attr("invoicePrefix", String.class, SellerProfile::invoicePrefix)
            .attr("creditNotePrefix", String.class, SellerProfile::creditNotePrefix)
            .attr("numberSeries", Integer.class, SellerProfile::numberSeries)
            .build(r -> new SellerProfile(r.get("name"), r.get("address"), r.get("email"), r.get("phone"),
                    r.get("website"), r.get("taxId"), r.get("bankAccount"), r.get("paymentLinkTemplate"),
                    r.get("invoicePrefix"), r.get("creditNotePrefix"), r.get("numberSeries", 1)));

    public static final TableSchema<Checkpoint> CHECKPOINT = SchemaBuilder.of(Checkpoint.class)
            .derived(PK, c -> "CHECKPOINT#" + c.name(), primaryPartitionKey())
            .derived(SK, c -> "CHECKPOINT", primarySortKey())
            .derived(TYPE, c -> "Checkpoint")
            .attr("name", String.class, Checkpoint::name)
            .attr("shard", Integer.class, Checkpoint::shard)
            .attr("cursor", String.class, Checkpoint::cursor)
            .attr("savedAt", Instant.class, Checkpoint::savedAt)
            .build(r -> new Checkpoint(r.get("name"), r.get("shard"), r.get("cursor"), r.get("savedAt")));

    private static final TableSchema<Payer> PAYER = SchemaBuilder.of(Payer.class)
            .attr("name", String.class, Payer::name)
            .attr("email", String.class, Payer::email)
            .attr("customerReference", String.class, Payer::customerReference)
            .attr("account", String.class, Payer::account)
            .build(r -> new Payer(r.get("name"), r.get("email"), r.get("customerReference"), r.get("account")));

    public static final TableSchema<Payment> PAYMENT = SchemaBuilder.of(Payment.class)
            .derived(PK, p -> BillingTable.payment(p.id()), primaryPartitionKey())
            .derived(SK, p -> "PAYMENT", primarySortKey())
            .derived(GSI1_PK, p -> p.customerId() == null ? null : BillingTable.customer(p.customerId()),
                    secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, p -> p.customerId() == null ? null
                    : "PAY#" + BillingTable.sortable(p.receivedAt()) + "#" + p.id(), secondarySortKey(GSI1))
            // Sparse, sharded: payments holding unapplied cash, for a person to resolve.
            .derived(GSI3_PK, p -> holdsCash(p) ? BillingTable.Work.PAYMENT_UNAPPLIED.partitionFor(p.id()) : null,
                    secondaryPartitionKey(GSI3))
            .derived(GSI3_SK, p -> holdsCash(p) ? BillingTable.sortable(p.receivedAt()) + "#" + p.id() : null,
                    secondarySortKey(GSI3))
            .derived(TYPE, p -> "Payment")
            .attr("id", String.class, Payment::id)
            .attr("provider", String.class, Payment::provider)
            .attr("providerPaymentId", String.class, Payment::providerPaymentId)
            .attr("amount", MoneyConverter.INSTANCE, Payment::amount)
            .attr("payer", EnhancedType.documentOf(Payer.class, PAYER), Payment::payer)
            .attr("remittanceText", String.class, Payment::remittanceText)
            .attr("receivedAt", Instant.class, Payment::receivedAt)
            .attr("status", String.class, p -> p.status().name())
            .attr("applied", MoneyConverter.INSTANCE, Payment::applied)
            .attr("refunded", MoneyConverter.INSTANCE, Payment::refunded)
            .attr("customerId", String.class, Payment::customerId)
            .attr("unappliedReason", String.class, Payment::unappliedReason)
            .attr("announced", Boolean.class, Payment::announced)
            .attr(VERSION, Long.class, Payment::version, versionAttribute())
            .build(r -> new Payment(r.get("id"), r.get("provider"), r.get("providerPaymentId"), r.get("amount"),
                    Optional.<Payer>ofNullable(r.get("payer")).orElse(Payer.UNKNOWN), r.get("remittanceText"),
                    r.get("receivedAt"), PaymentStatus.valueOf(r.get("status")), r.get("applied"), r.get("refunded"),
                    r.get("customerId"), r.get("unappliedReason"), r.get("announced", true), r.get(VERSION)));

    public static final TableSchema<Allocation> ALLOCATION = SchemaBuilder.of(Allocation.class)
            .derived(PK, a -> BillingTable.payment(a.paymentId()), primaryPartitionKey())
            .derived(SK, a -> "ALLOC#" + a.invoiceId(), primarySortKey())
            .derived(GSI1_PK, a -> BillingTable.invoice(a.invoiceId()), secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, a -> "ALLOC#" + BillingTable.sortable(a.appliedAt()) + "#" + a.paymentId(),
                    secondarySortKey(GSI1))
            .derived(TYPE, a -> "Allocation")
            .attr("paymentId", String.class, Allocation::paymentId)
            .attr("invoiceId", String.class, Allocation::invoiceId)
            .attr("amount", MoneyConverter.INSTANCE, Allocation::amount)
            .attr("rule", String.class, Allocation::rule)
            .attr("reason", String.class, Allocation::reason)
            .attr("appliedAt", Instant.class, Allocation::appliedAt)
            .attr(VERSION, Long.class, Allocation::version, versionAttribute())
            .build(r -> new Allocation(r.get("paymentId"), r.get("invoiceId"), r.get("amount"), r.get("rule"),
                    r.get("reason"), r.get("appliedAt"), r.get(VERSION)));

    public static final TableSchema<CreditNote> CREDIT_NOTE = SchemaBuilder.of(CreditNote.class)
            .derived(PK, n -> BillingTable.creditNote(n.id()), primaryPartitionKey())
            .derived(SK, n -> "CREDIT_NOTE", primarySortKey())
            .derived(GSI1_PK, n -> BillingTable.customer(n.customerId()), secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, n -> "CN#" + BillingTable.sortable(n.issueDate()) + "#" + n.id(), secondarySortKey(GSI1))
            .derived(TYPE, n -> "CreditNote")
            .attr("id", String.class, CreditNote::id)
            .attr("number", String.class, CreditNote::number)
            .attr("invoiceId", String.class, CreditNote::invoiceId)
            .attr("customerId", String.class, CreditNote::customerId)
            .attr("subtotal", MoneyConverter.INSTANCE, CreditNote::subtotal)
            .attr("tax", MoneyConverter.INSTANCE, CreditNote::tax)
            .attr("disposition", String.class, n -> n.disposition().name())
            .attr("reason", String.class, CreditNote::reason)
            .attr("issueDate", LocalDate.class, CreditNote::issueDate)
            .attr("createdAt", Instant.class, CreditNote::createdAt)
            .derived("total", MoneyConverter.INSTANCE, CreditNote::total)
            .attr(VERSION, Long.class, CreditNote::version, versionAttribute())
            .build(r -> new CreditNote(r.get("id"), r.get("number"), r.get("invoiceId"), r.get("customerId"),
                    r.get("subtotal"), r.get("tax"), CreditNote.Disposition.valueOf(r.get("disposition")),
                    r.get("reason"), r.get("issueDate"), r.get("createdAt"), r.get(VERSION)));

    public static final TableSchema<CreditBalance> CREDIT_BALANCE = SchemaBuilder.of(CreditBalance.class)
            .derived(PK, b -> BillingTable.customer(b.customerId()), primaryPartitionKey())
            .derived(SK, b -> "CREDIT", primarySortKey())
            .derived(TYPE, b -> "CreditBalance")
            .attr("customerId", String.class, CreditBalance::customerId)
            .attr("balance", MoneyConverter.INSTANCE, CreditBalance::balance)
            .attr(VERSION, Long.class, CreditBalance::version, versionAttribute())
            .build(r -> new CreditBalance(r.get("customerId"), r.get("balance"), r.get(VERSION)));

    public static final TableSchema<CreditEntry> CREDIT_ENTRY = SchemaBuilder.of(CreditEntry.class)
            .derived(PK, e -> BillingTable.customer(e.customerId()), primaryPartitionKey())
            .derived(SK, e -> "CREDITENTRY#" + e.id(), primarySortKey())
            .derived(TYPE, e -> "CreditEntry")
            .attr("customerId", String.class, CreditEntry::customerId)
            .attr("id", String.class, CreditEntry::id)
            .attr("amount", MoneyConverter.INSTANCE, CreditEntry::amount)
            .attr("source", String.class, CreditEntry::source)
            .attr("at", Instant.class, CreditEntry::at)
            .build(r -> new CreditEntry(r.get("customerId"), r.get("id"), r.get("amount"), r.get("source"), r.get("at")));

    static boolean isPayable(Invoice invoice) {
        return invoice.status().acceptsPayment() && invoice.amountDue().isPositive();
    }

    static boolean isDunnable(Invoice invoice) {
        return invoice.status() == InvoiceStatus.OPEN && invoice.amountDue().isPositive();
    }

    static boolean holdsCash(Payment payment) {
        return (payment.status() == PaymentStatus.UNAPPLIED || payment.status() == PaymentStatus.PARTIALLY_APPLIED)
                && payment.unapplied().isPositive();
    }
}
