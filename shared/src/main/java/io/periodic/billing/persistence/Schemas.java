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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The static table schemas of every stored record, built once when this class loads: no bean introspection, no
 * reflection-built accessors on the cold-start path. Each record has one accessor (a {@code switch} from attribute
 * name to value, see {@link SchemaBuilder}) rather than a lambda per attribute, which keeps class loading low.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
public final class Schemas {
    private Schemas() {}

    private static final TableSchema<Address> ADDRESS = SchemaBuilder.of(Address.class, (it, a) -> switch (a) {
                case "line1" -> it.line1();
                case "line2" -> it.line2();
                case "postalCode" -> it.postalCode();
                case "city" -> it.city();
                case "region" -> it.region();
                case "country" -> it.country();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("line1", String.class)
            .attr("line2", String.class)
            .attr("postalCode", String.class)
            .attr("city", String.class)
            .attr("region", String.class)
            .attr("country", String.class)
            .build(r -> new Address(r.get("line1"), r.get("line2"), r.get("postalCode"), r.get("city"),
                    r.get("region"), r.get("country")));

    public static final TableSchema<Customer> CUSTOMER = SchemaBuilder.of(Customer.class, (it, a) -> switch (a) {
                case PK -> BillingTable.customer(it.id());
                case SK -> "PROFILE";
                case GSI1_PK -> "EMAIL#" + it.email().toLowerCase(Locale.ROOT);
                case GSI1_SK -> BillingTable.customer(it.id());
                case GSI2_PK -> BillingTable.customersPartition(BillingTable.shardOf(it.id()));
                case GSI2_SK -> BillingTable.sortable(it.createdAt()) + "#" + it.id();
                case TYPE -> "Customer";
                case "id" -> it.id();
                case "name" -> it.name();
                case "email" -> it.email();
                case "currency" -> it.currency().getCurrencyCode();
                case "timeZone" -> it.timeZone().getId();
                case "locale" -> it.locale().toLanguageTag();
                case "paymentTermsDays" -> it.paymentTermsDays();
                case "taxRate" -> it.taxRate().toString();
                case "taxId" -> it.taxId();
                case "billingAddress" -> it.billingAddress();
                case "externalRef" -> it.externalRef();
                case "createdAt" -> it.createdAt();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, secondarySortKey(GSI1))
            // Every customer, sharded, oldest first (reports over all customers).
            .derived(GSI2_PK, secondaryPartitionKey(GSI2))
            .derived(GSI2_SK, secondarySortKey(GSI2))
            .derived(TYPE)
            .attr("id", String.class)
            .attr("name", String.class)
            .attr("email", String.class)
            .attr("currency", String.class)
            .attr("timeZone", String.class)
            .attr("locale", String.class)
            .attr("paymentTermsDays", Integer.class)
            .attr("taxRate", String.class)
            .attr("taxId", String.class)
            .attr("billingAddress", EnhancedType.documentOf(Address.class, ADDRESS))
            .attr("externalRef", String.class)
            .attr("createdAt", Instant.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Customer(r.get("id"), r.get("name"), r.get("email"), Currencies.of(r.get("currency")),
                    ZoneId.of(r.get("timeZone")), Locale.forLanguageTag(r.get("locale")), r.get("paymentTermsDays"),
                    TaxRate.of(r.get("taxRate")), r.get("taxId"), r.get("billingAddress"), r.get("externalRef"),
                    r.get("createdAt"),
                    r.get(VERSION)));

    /** Lets payment matching find customers by a payer's name: {@code NAME#<name key> / CUST#<id>}. */
    record CustomerName(String nameKey, String customerId) {}

    static final TableSchema<CustomerName> CUSTOMER_NAME = SchemaBuilder.of(CustomerName.class, (it, a) -> switch (a) {
                case PK -> BillingTable.customerName(it.nameKey());
                case SK -> BillingTable.customer(it.customerId());
                case TYPE -> "CustomerName";
                case "nameKey" -> it.nameKey();
                case "customerId" -> it.customerId();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("nameKey", String.class)
            .attr("customerId", String.class)
            .build(r -> new CustomerName(r.get("nameKey"), r.get("customerId")));

    public static final TableSchema<IdempotentRequest> IDEMPOTENT_REQUEST = SchemaBuilder.of(IdempotentRequest.class,
            (it, a) -> switch (a) {
                case PK -> IdempotencyRepository.pk(it.scope());
                case SK -> "IDEMPOTENCY";
                case TYPE -> "IdempotentRequest";
                case "scope" -> it.scope();
                case "fingerprint" -> it.fingerprint();
                case "statusCode" -> it.statusCode();
                case "responseBody" -> it.responseBody();
                case "location" -> it.location();
                case "createdAt" -> it.createdAt();
                case "leaseUntil" -> it.leaseUntil();
                case "interrupted" -> it.interrupted();
                case BillingTable.TTL -> it.expiresAt();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("scope", String.class)
            .attr("fingerprint", String.class)
            .attr("statusCode", Integer.class)
            .attr("responseBody", String.class)
            .attr("location", String.class)
            .attr("createdAt", Instant.class)
            .attr("leaseUntil", Instant.class)
            .attr("interrupted", Boolean.class)
            .attr(BillingTable.TTL, Long.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new IdempotentRequest(r.get("scope"), r.get("fingerprint"), r.get("statusCode", 0),
                    r.get("responseBody"), r.get("location"), r.get("createdAt"), r.get("leaseUntil"),
                    r.get("interrupted", false), r.get(BillingTable.TTL), r.get(VERSION)));

    /**
     * The mark that one request's work was committed: {@code IDEM#<scope> / COMMITTED}, next to the request's
     * idempotency record, written create-once in the same transaction as the work (e.g. a manual payment
     * application). A retry after a crash between the work and storing its answer finds it and does not do the work
     * again. Forgotten by TTL after {@code expiresAt} (epoch seconds).
     */
    record CommitMarker(String scope, long expiresAt) {}

    static final TableSchema<CommitMarker> COMMIT_MARKER = SchemaBuilder.of(CommitMarker.class, (it, a) -> switch (a) {
                case PK -> IdempotencyRepository.pk(it.scope());
                case SK -> "COMMITTED";
                case TYPE -> "CommitMarker";
                case "scope" -> it.scope();
                case BillingTable.TTL -> it.expiresAt();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("scope", String.class)
            .attr(BillingTable.TTL, Long.class)
            .build(r -> new CommitMarker(r.get("scope"), r.get(BillingTable.TTL, 0L)));

    /**
     * A payment's entry in the day it was received (UTC): {@code PAYDAY#<date> / <received>#<payment id>}, written
     * once per payment (about 100 bytes, 1 WCU) so the collections report can list a day's receipts without every
     * write of the payment copying it to an index.
     */
    record PaymentDay(String date, String sortKey, String paymentId) {}

    static final TableSchema<PaymentDay> PAYMENT_DAY = SchemaBuilder.of(PaymentDay.class, (it, a) -> switch (a) {
                case PK -> "PAYDAY#" + it.date();
                case SK -> it.sortKey();
                case TYPE -> "PaymentDay";
                case "date" -> it.date();
                case "sortKey" -> it.sortKey();
                case "paymentId" -> it.paymentId();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("date", String.class)
            .attr("sortKey", String.class)
            .attr("paymentId", String.class)
            .build(r -> new PaymentDay(r.get("date"), r.get("sortKey"), r.get("paymentId")));

    public static final TableSchema<Refund> REFUND = SchemaBuilder.of(Refund.class, (it, a) -> switch (a) {
                case PK -> BillingTable.payment(it.paymentId());
                case SK -> "REFUND#" + it.refundId();
                // Sparse: refunds that can never be applied, for a person (the sort key need not be unique).
                case GSI3_PK -> it.status() == Refund.Status.REJECTED
                        ? BillingTable.Work.REFUND_REJECTED.partitionFor(it.paymentId()) : null;
                case GSI3_SK -> it.status() == Refund.Status.REJECTED ? BillingTable.sortable(it.receivedAt()) : null;
                case TYPE -> "Refund";
                case "paymentId" -> it.paymentId();
                case "refundId" -> it.refundId();
                case "kind" -> it.kind().name();
                case "amount" -> it.amount();
                case "status" -> it.status().name();
                case "receivedAt" -> it.receivedAt();
                case "runningTotal" -> it.runningTotal() ? Boolean.TRUE : null;
                case "taken" -> it.taken();
                case "reason" -> it.reason();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI3_PK, secondaryPartitionKey(GSI3))
            .derived(GSI3_SK, secondarySortKey(GSI3))
            .derived(TYPE)
            .attr("paymentId", String.class)
            .attr("refundId", String.class)
            .attr("kind", String.class)
            .attr("amount", MoneyConverter.INSTANCE)
            .attr("status", String.class)
            .attr("receivedAt", Instant.class)
            .attr("runningTotal", Boolean.class)
            .attr("taken", MoneyConverter.INSTANCE)
            .attr("reason", String.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Refund(r.get("paymentId"), r.get("refundId"), Refund.Kind.valueOf(r.get("kind")),
                    r.get("amount"), Refund.Status.valueOf(r.get("status")), r.get("receivedAt"),
                    r.get("runningTotal", false), r.get("taken"), r.get("reason"), r.get(VERSION)));

    public static final TableSchema<InboundEvent> INBOUND_EVENT = SchemaBuilder.of(InboundEvent.class,
            (it, a) -> switch (a) {
                case PK -> "EVT#" + it.provider() + "#" + it.eventId();
                case SK -> "EVENT";
                case TYPE -> "InboundEvent";
                case "provider" -> it.provider();
                case "eventId" -> it.eventId();
                case "eventType" -> it.type();
                case "status" -> it.status().name();
                case "body" -> it.body();
                case "payload" -> null; // the text form of deliveries stored before bodies were bytes
                case "notifications" -> it.notifications();
                case "receivedAt" -> it.receivedAt();
                case BillingTable.TTL -> it.expiresAt();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("provider", String.class)
            .attr("eventId", String.class)
            .attr("eventType", String.class)
            .attr("status", String.class)
            .attr("body", byte[].class)
            .attr("payload", String.class)
            .attr("notifications", Integer.class)
            .attr("receivedAt", Instant.class)
            .attr(BillingTable.TTL, Long.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new InboundEvent(r.get("provider"), r.get("eventId"), r.get("eventType"),
                    InboundEvent.Status.valueOf(r.get("status")), r.get("body") != null ? r.<byte[]>get("body")
                    : r.get("payload") == null ? null : r.<String>get("payload").getBytes(StandardCharsets.UTF_8),
                    r.get("notifications", 0),
                    r.get("receivedAt"), r.get(BillingTable.TTL, 0L), r.get(VERSION)));

    public static final TableSchema<DunningEntry> DUNNING_ENTRY = SchemaBuilder.of(DunningEntry.class,
            (it, a) -> switch (a) {
                case PK -> BillingTable.invoice(it.invoiceId());
                case SK -> "DUN#" + it.step();
                case TYPE -> "DunningEntry";
                case "invoiceId" -> it.invoiceId();
                case "step" -> it.step();
                case "status" -> it.status().name();
                case "at" -> it.at();
                case "channel" -> it.channel();
                case "language" -> it.language();
                case "reason" -> it.reason();
                case "detail" -> it.detail();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("invoiceId", String.class)
            .attr("step", String.class)
            .attr("status", String.class)
            .attr("at", Instant.class)
            .attr("channel", String.class)
            .attr("language", String.class)
            .attr("reason", String.class)
            .attr("detail", String.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new DunningEntry(r.get("invoiceId"), r.get("step"), DunningEntry.Status.valueOf(r.get("status")),
                    r.get("at"), r.get("channel"), r.get("language"), r.get("reason"), r.get("detail"), r.get(VERSION)));

    /** A stored dunning policy: {@code SETTINGS / DUNNING} (the default) or {@code CUST#<id> / DUNNING} (override). */
    record StoredPolicy(String scope, DunningPolicy policy) {}

    private static final TableSchema<DunningPolicy.Step> POLICY_STEP = SchemaBuilder.of(DunningPolicy.Step.class,
            (it, a) -> switch (a) {
                case "kind" -> it.kind().name();
                case "dayOffset" -> it.dayOffset();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("kind", String.class)
            .attr("dayOffset", Integer.class)
            .build(r -> new DunningPolicy.Step(StepKind.valueOf(r.get("kind")), r.get("dayOffset")));

    static final TableSchema<StoredPolicy> DUNNING_POLICY = SchemaBuilder.of(StoredPolicy.class, (it, a) -> switch (a) {
                case PK -> it.scope().equals("DEFAULT") ? "SETTINGS" : BillingTable.customer(it.scope());
                case SK -> "DUNNING";
                case TYPE -> "DunningPolicy";
                case "scope" -> it.scope();
                case "steps" -> it.policy().steps();
                case "lateFeePercent" -> it.policy().lateFee().percent() == null ? null
                        : it.policy().lateFee().percent().toPlainString();
                case "lateFeeFixedMinor" -> it.policy().lateFee().fixedMinor();
                case "lateFeeCapMinor" -> it.policy().lateFee().capMinor();
                case "markUncollectibleOnSuspend" -> it.policy().markUncollectibleOnSuspend();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("scope", String.class)
            .attr("steps", EnhancedType.listOf(EnhancedType.documentOf(DunningPolicy.Step.class, POLICY_STEP)))
            .attr("lateFeePercent", String.class)
            .attr("lateFeeFixedMinor", EnhancedType.mapOf(String.class, Long.class))
            .attr("lateFeeCapMinor", EnhancedType.mapOf(String.class, Long.class))
            .attr("markUncollectibleOnSuspend", Boolean.class)
            .build(r -> new StoredPolicy(r.get("scope"), new DunningPolicy(r.get("steps", List.of()),
                    new LateFee(r.get("lateFeePercent") == null ? null : new BigDecimal(
                            r.<String>get("lateFeePercent")), r.get("lateFeeFixedMinor", Map.of()),
                            r.get("lateFeeCapMinor", Map.of())),
                    r.get("markUncollectibleOnSuspend", false))));

    public static final TableSchema<Price> PRICE = SchemaBuilder.of(Price.class, (it, a) -> switch (a) {
                case PK -> BillingTable.price(it.id());
                case SK -> "PRICE";
                case TYPE -> "Price";
                case "id" -> it.id();
                case "productName" -> it.productName();
                case "unitAmount" -> it.unitAmount();
                case "interval" -> it.interval().toString();
                case "trialDays" -> it.trialDays();
                case "taxBehavior" -> it.taxBehavior().name();
                case "active" -> it.active();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("id", String.class)
            .attr("productName", String.class)
            .attr("unitAmount", MoneyConverter.INSTANCE)
            .attr("interval", String.class)
            .attr("trialDays", Integer.class)
            .attr("taxBehavior", String.class)
            .attr("active", Boolean.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Price(r.get("id"), r.get("productName"), r.get("unitAmount"),
                    BillingInterval.parse(r.get("interval")), r.get("trialDays"),
                    TaxBehavior.valueOf(r.get("taxBehavior")), r.get("active", false), r.get(VERSION)));

    private static final TableSchema<SubscriptionItem> SUBSCRIPTION_ITEM = SchemaBuilder.of(SubscriptionItem.class,
            (it, a) -> switch (a) {
                case "priceId" -> it.priceId();
                case "quantity" -> it.quantity();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("priceId", String.class)
            .attr("quantity", Long.class)
            .build(r -> new SubscriptionItem(r.get("priceId"), r.get("quantity")));

    private static final TableSchema<PendingCharge> PENDING_CHARGE = SchemaBuilder.of(PendingCharge.class,
            (it, a) -> switch (a) {
                case "id" -> it.id();
                case "description" -> it.description();
                case "kind" -> it.kind().name();
                case "priceId" -> it.priceId();
                case "periodStart" -> it.periodStart();
                case "periodEnd" -> it.periodEnd();
                case "quantity" -> it.quantity();
                case "unitAmount" -> it.unitAmount();
                case "amount" -> it.amount();
                case "taxBehavior" -> it.taxBehavior().name();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("id", String.class)
            .attr("description", String.class)
            .attr("kind", String.class)
            .attr("priceId", String.class)
            .attr("periodStart", LocalDate.class)
            .attr("periodEnd", LocalDate.class)
            .attr("quantity", Long.class)
            .attr("unitAmount", MoneyConverter.INSTANCE)
            .attr("amount", MoneyConverter.INSTANCE)
            .attr("taxBehavior", String.class)
            .build(r -> new PendingCharge(r.get("id"), r.get("description"), LineKind.valueOf(r.get("kind")),
                    r.get("priceId"), r.get("periodStart"), r.get("periodEnd"), r.get("quantity"),
                    r.get("unitAmount"), r.get("amount"), TaxBehavior.valueOf(r.get("taxBehavior"))));

    public static final TableSchema<Subscription> SUBSCRIPTION = SchemaBuilder.of(Subscription.class,
            (it, a) -> switch (a) {
                case PK -> BillingTable.subscription(it.id());
                case SK -> "SUBSCRIPTION";
                case GSI1_PK -> BillingTable.customer(it.customerId());
                case GSI1_SK -> "SUB#" + BillingTable.sortable(it.createdAt()) + "#" + it.id();
                case GSI3_PK -> it.isSchedulable() ? BillingTable.Work.SUBSCRIPTION_DUE.partitionFor(it.id()) : null;
                case GSI3_SK -> it.isSchedulable() ? BillingTable.sortable(it.nextBillingAt()) + "#" + it.id() : null;
                case TYPE -> "Subscription";
                case "id" -> it.id();
                case "customerId" -> it.customerId();
                case "items" -> it.items();
                case "anchor" -> it.anchor();
                case "interval" -> it.interval().toString();
                case "status" -> it.status().name();
                case "cancelAtPeriodEnd" -> it.cancelAtPeriodEnd();
                case "trialEnd" -> it.trialEnd();
                case "nextPeriodIndex" -> it.nextPeriodIndex();
                case "nextBillingAt" -> it.nextBillingAt();
                case "parkedReason" -> it.parkedReason();
                case "pendingCharges" -> it.pendingCharges();
                case "createdAt" -> it.createdAt();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, secondarySortKey(GSI1))
            // Sparse: only subscriptions the scheduler should bill are in the work index.
            .derived(GSI3_PK, secondaryPartitionKey(GSI3))
            .derived(GSI3_SK, secondarySortKey(GSI3))
            .derived(TYPE)
            .attr("id", String.class)
            .attr("customerId", String.class)
            .attr("items", EnhancedType.listOf(EnhancedType.documentOf(SubscriptionItem.class, SUBSCRIPTION_ITEM)))
            .attr("anchor", LocalDate.class)
            .attr("interval", String.class)
            .attr("status", String.class)
            .attr("cancelAtPeriodEnd", Boolean.class)
            .attr("trialEnd", LocalDate.class)
            .attr("nextPeriodIndex", Long.class)
            .attr("nextBillingAt", Instant.class)
            .attr("parkedReason", String.class)
            .attr("pendingCharges", EnhancedType.listOf(EnhancedType.documentOf(PendingCharge.class, PENDING_CHARGE)))
            .attr("createdAt", Instant.class)
            .attr(VERSION, Long.class, versionAttribute())
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

        InvoiceLine toLine(Currency currency) {
            return new InvoiceLine(description, LineKind.valueOf(kind), priceId, periodStart, periodEnd, quantity,
                    Money.of(unitAmount, currency), Money.of(amount, currency), TaxRate.of(taxRate),
                    Money.of(tax, currency), chargeId);
        }
    }

    private static final TableSchema<StoredLine> INVOICE_LINE = SchemaBuilder.of(StoredLine.class,
            (it, a) -> switch (a) {
                case "description" -> it.description();
                case "kind" -> it.kind();
                case "priceId" -> it.priceId();
                case "periodStart" -> it.periodStart();
                case "periodEnd" -> it.periodEnd();
                case "quantity" -> it.quantity();
                case "unitAmount" -> it.unitAmount();
                case "amount" -> it.amount();
                case "taxRate" -> it.taxRate();
                case "tax" -> it.tax();
                case "chargeId" -> it.chargeId();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("description", String.class)
            .attr("kind", String.class)
            .attr("priceId", String.class)
            .attr("periodStart", LocalDate.class)
            .attr("periodEnd", LocalDate.class)
            .attr("quantity", Long.class)
            .attr("unitAmount", Long.class)
            .attr("amount", Long.class)
            .attr("taxRate", String.class)
            .attr("tax", Long.class)
            .attr("chargeId", String.class)
            .build(r -> new StoredLine(r.get("description"), r.get("kind"), r.get("priceId"), r.get("periodStart"),
                    r.get("periodEnd"), r.get("quantity"), r.get("unitAmount"), r.get("amount"), r.get("taxRate"),
                    r.get("tax"), r.get("chargeId")));

    private static final String INVOICE_PREFIX = "INV#";

    public static final TableSchema<Invoice> INVOICE = SchemaBuilder.of(Invoice.class, (it, a) -> switch (a) {
                case PK -> INVOICE_PREFIX + it.id();
                case SK -> "INVOICE";
                case GSI1_PK -> BillingTable.customer(it.customerId());
                case GSI1_SK -> "INV#" + BillingTable.sortable(it.issueDate());
                case GSI2_PK -> isPayable(it) ? "OPEN#" + it.customerId() : null;
                case GSI2_SK -> isPayable(it) ? BillingTable.sortable(it.dueDate()) : null;
                case GSI3_PK -> isDunnable(it) ? BillingTable.Work.INVOICE_OPEN.partitionFor(it.id()) : null;
                case GSI3_SK -> isDunnable(it) ? BillingTable.sortable(it.dueDate()) : null;
                case TYPE -> "Invoice";
                case "number" -> it.number();
                case "customerId" -> it.customerId();
                case "subscriptionId" -> it.subscriptionId();
                case "currency" -> it.currency().getCurrencyCode();
                case "status" -> it.status().name();
                case "lines" -> it.lines().stream().map(StoredLine::of).toList();
                case "creditApplied" -> it.creditApplied().minor();
                case "amountPaid" -> it.amountPaid().minor();
                case "credited" -> it.credited().minor();
                case "issueDate" -> it.issueDate();
                case "dueDate" -> it.dueDate();
                case "periodStart" -> it.periodStart();
                case "periodEnd" -> it.periodEnd();
                case "correctionOf" -> it.correctionOf();
                case "createdAt" -> it.createdAt();
                case "finalizedAt" -> it.finalizedAt();
                case "subtotal" -> it.subtotal().minor();
                case "tax" -> it.tax().minor();
                case "total" -> it.total().minor();
                case "amountDue" -> it.amountDue().minor();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            // The id is stored once, in the key (an invoice item stays under 1 KB: one write unit per copy).
            .key(PK, "id", pk -> pk.substring(INVOICE_PREFIX.length()), primaryPartitionKey())
            .derived(SK, primarySortKey())
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            // Index sort keys are dates without the id (an index's keys need not be unique, the table key is in
            // every index entry, and who needs a strict order among equal dates sorts by id itself): three copies
            // of the id fewer keep the item under 1 KB.
            .derived(GSI1_SK, secondarySortKey(GSI1))
            // Sparse: payable invoices of a customer, oldest due first (payment matching).
            .derived(GSI2_PK, secondaryPartitionKey(GSI2))
            .derived(GSI2_SK, secondarySortKey(GSI2))
            // Sparse, sharded: open invoices with an amount due, by due date (overdue sweeps, dunning).
            .derived(GSI3_PK, secondaryPartitionKey(GSI3))
            .derived(GSI3_SK, secondarySortKey(GSI3))
            .derived(TYPE)
            .attr("number", String.class)
            .attr("customerId", String.class)
            .attr("subscriptionId", String.class)
            .attr("currency", String.class)
            .attr("status", String.class)
            // Absent fields of a line (no charge, no price) are left out rather than stored as NULL.
            .attr("lines", EnhancedType.listOf(EnhancedType.documentOf(StoredLine.class, INVOICE_LINE,
                            b -> b.ignoreNulls(true))))
            // Amounts: integer minor units in the invoice's currency.
            .attr("creditApplied", Long.class)
            .attr("amountPaid", Long.class)
            .attr("credited", Long.class)
            .attr("issueDate", LocalDate.class)
            .attr("dueDate", LocalDate.class)
            .attr("periodStart", LocalDate.class)
            .attr("periodEnd", LocalDate.class)
            .attr("correctionOf", String.class)
            .attr("createdAt", Instant.class)
            .attr("finalizedAt", Instant.class)
            // Totals derived from the lines, stored for reports and exports; never read back.
            .derived("subtotal", Long.class)
            .derived("tax", Long.class)
            .derived("total", Long.class)
            .derived("amountDue", Long.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> {
                Currency currency = Currencies.of(r.get("currency"));
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

    static final TableSchema<InvoiceNumber> INVOICE_NUMBER = SchemaBuilder.of(InvoiceNumber.class,
            (it, a) -> switch (a) {
                case PK -> BillingTable.invoiceNumber(it.number());
                case SK -> "INVNUM";
                case TYPE -> "InvoiceNumber";
                case "number" -> it.number();
                case "invoiceId" -> it.invoiceId();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("number", String.class)
            .attr("invoiceId", String.class)
            .build(r -> new InvoiceNumber(r.get("number"), r.get("invoiceId")));

    public static final TableSchema<Sequence> SEQUENCE = SchemaBuilder.of(Sequence.class, (it, a) -> switch (a) {
                case PK -> "SEQ#" + it.series();
                case SK -> "SEQUENCE";
                case TYPE -> "Sequence";
                case "series" -> it.series();
                case "last" -> it.last();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("series", String.class)
            .attr("last", Long.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Sequence(r.get("series"), r.get("last", 0L), r.get(VERSION)));

    private static final TableSchema<SellerProfile.BankAccount> BANK_ACCOUNT =
            SchemaBuilder.of(SellerProfile.BankAccount.class, (it, a) -> switch (a) {
                case "bankName" -> it.bankName();
                case "accountHolder" -> it.accountHolder();
                case "iban" -> it.iban();
                case "bic" -> it.bic();
                case "accountNumber" -> it.accountNumber();
                case "bankCode" -> it.bankCode();
                default -> throw new IllegalArgumentException(a);
            })
                    .attr("bankName", String.class)
                    .attr("accountHolder", String.class)
                    .attr("iban", String.class)
                    .attr("bic", String.class)
                    .attr("accountNumber", String.class)
                    .attr("bankCode", String.class)
                    .build(r -> new SellerProfile.BankAccount(r.get("bankName"), r.get("accountHolder"),
                            r.get("iban"), r.get("bic"), r.get("accountNumber"), r.get("bankCode")));

    /** The seller's details, one item: {@code SETTINGS / SELLER}. */
    public static final TableSchema<SellerProfile> SELLER = SchemaBuilder.of(SellerProfile.class,
            (it, a) -> switch (a) {
                case PK -> "SETTINGS";
                case SK -> "SELLER";
                case TYPE -> "SellerProfile";
                case "name" -> it.name();
                case "address" -> it.address();
                case "email" -> it.email();
                case "phone" -> it.phone();
                case "website" -> it.website();
                case "taxId" -> it.taxId();
                case "bankAccount" -> it.bankAccount();
                case "paymentLinkTemplate" -> it.paymentLinkTemplate();
                case "invoicePrefix" -> it.invoicePrefix();
                case "creditNotePrefix" -> it.creditNotePrefix();
                case "numberSeries" -> it.numberSeries();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("name", String.class)
            .attr("address", EnhancedType.documentOf(Address.class, ADDRESS))
            .attr("email", String.class)
            .attr("phone", String.class)
            .attr("website", String.class)
            .attr("taxId", String.class)
            .attr("bankAccount", EnhancedType.documentOf(SellerProfile.BankAccount.class, BANK_ACCOUNT))
            .attr("paymentLinkTemplate", String.class)
            .attr("invoicePrefix", String.class)
            .attr("creditNotePrefix", String.class)
            .attr("numberSeries", Integer.class)
            .build(r -> new SellerProfile(r.get("name"), r.get("address"), r.get("email"), r.get("phone"),
                    r.get("website"), r.get("taxId"), r.get("bankAccount"), r.get("paymentLinkTemplate"),
                    r.get("invoicePrefix"), r.get("creditNotePrefix"), r.get("numberSeries", 1)));

    public static final TableSchema<Checkpoint> CHECKPOINT = SchemaBuilder.of(Checkpoint.class, (it, a) -> switch (a) {
                case PK -> "CHECKPOINT#" + it.name();
                case SK -> "CHECKPOINT";
                case TYPE -> "Checkpoint";
                case "name" -> it.name();
                case "shard" -> it.shard();
                case "cursor" -> it.cursor();
                case "savedAt" -> it.savedAt();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("name", String.class)
            .attr("shard", Integer.class)
            .attr("cursor", String.class)
            .attr("savedAt", Instant.class)
            .build(r -> new Checkpoint(r.get("name"), r.get("shard"), r.get("cursor"), r.get("savedAt")));

    private static final TableSchema<Payer> PAYER = SchemaBuilder.of(Payer.class, (it, a) -> switch (a) {
                case "name" -> it.name();
                case "email" -> it.email();
                case "customerReference" -> it.customerReference();
                case "account" -> it.account();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("name", String.class)
            .attr("email", String.class)
            .attr("customerReference", String.class)
            .attr("account", String.class)
            .build(r -> new Payer(r.get("name"), r.get("email"), r.get("customerReference"), r.get("account")));

    public static final TableSchema<Payment> PAYMENT = SchemaBuilder.of(Payment.class, (it, a) -> switch (a) {
                case PK -> BillingTable.payment(it.id());
                case SK -> "PAYMENT";
                case GSI1_PK -> it.customerId() == null ? null : BillingTable.customer(it.customerId());
                case GSI1_SK -> it.customerId() == null ? null
                        : "PAY#" + BillingTable.sortable(it.receivedAt()) + "#" + it.id();
                case GSI3_PK -> holdsCash(it) ? BillingTable.Work.PAYMENT_UNAPPLIED.partitionFor(it.id()) : null;
                case GSI3_SK -> holdsCash(it) ? BillingTable.sortable(it.receivedAt()) + "#" + it.id() : null;
                case TYPE -> "Payment";
                case "id" -> it.id();
                case "provider" -> it.provider();
                case "providerPaymentId" -> it.providerPaymentId();
                case "amount" -> it.amount();
                case "payer" -> it.payer();
                case "remittanceText" -> it.remittanceText();
                case "receivedAt" -> it.receivedAt();
                case "status" -> it.status().name();
                case "applied" -> it.applied();
                case "refunded" -> it.refunded();
                case "customerId" -> it.customerId();
                case "unappliedReason" -> it.unappliedReason();
                case "announced" -> it.announced();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, secondarySortKey(GSI1))
            // Sparse, sharded: payments holding unapplied cash, for a person to resolve.
            .derived(GSI3_PK, secondaryPartitionKey(GSI3))
            .derived(GSI3_SK, secondarySortKey(GSI3))
            .derived(TYPE)
            .attr("id", String.class)
            .attr("provider", String.class)
            .attr("providerPaymentId", String.class)
            .attr("amount", MoneyConverter.INSTANCE)
            .attr("payer", EnhancedType.documentOf(Payer.class, PAYER))
            .attr("remittanceText", String.class)
            .attr("receivedAt", Instant.class)
            .attr("status", String.class)
            .attr("applied", MoneyConverter.INSTANCE)
            .attr("refunded", MoneyConverter.INSTANCE)
            .attr("customerId", String.class)
            .attr("unappliedReason", String.class)
            .attr("announced", Boolean.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Payment(r.get("id"), r.get("provider"), r.get("providerPaymentId"), r.get("amount"),
                    Optional.<Payer>ofNullable(r.get("payer")).orElse(Payer.UNKNOWN), r.get("remittanceText"),
                    r.get("receivedAt"), PaymentStatus.valueOf(r.get("status")), r.get("applied"), r.get("refunded"),
                    r.get("customerId"), r.get("unappliedReason"), r.get("announced", true), r.get(VERSION)));

    public static final TableSchema<Allocation> ALLOCATION = SchemaBuilder.of(Allocation.class, (it, a) -> switch (a) {
                case PK -> BillingTable.payment(it.paymentId());
                case SK -> "ALLOC#" + it.invoiceId();
                case GSI1_PK -> BillingTable.invoice(it.invoiceId());
                case GSI1_SK -> "ALLOC#" + BillingTable.sortable(it.appliedAt()) + "#" + it.paymentId();
                case TYPE -> "Allocation";
                case "paymentId" -> it.paymentId();
                case "invoiceId" -> it.invoiceId();
                case "amount" -> it.amount();
                case "rule" -> it.rule();
                case "reason" -> it.reason();
                case "appliedAt" -> it.appliedAt();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, secondarySortKey(GSI1))
            .derived(TYPE)
            .attr("paymentId", String.class)
            .attr("invoiceId", String.class)
            .attr("amount", MoneyConverter.INSTANCE)
            .attr("rule", String.class)
            .attr("reason", String.class)
            .attr("appliedAt", Instant.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Allocation(r.get("paymentId"), r.get("invoiceId"), r.get("amount"), r.get("rule"),
                    r.get("reason"), r.get("appliedAt"), r.get(VERSION)));

    public static final TableSchema<CreditNote> CREDIT_NOTE = SchemaBuilder.of(CreditNote.class, (it, a) -> switch (a) {
                case PK -> BillingTable.creditNote(it.id());
                case SK -> "CREDIT_NOTE";
                case GSI1_PK -> BillingTable.customer(it.customerId());
                case GSI1_SK -> "CN#" + BillingTable.sortable(it.issueDate()) + "#" + it.id();
                case TYPE -> "CreditNote";
                case "id" -> it.id();
                case "number" -> it.number();
                case "invoiceId" -> it.invoiceId();
                case "customerId" -> it.customerId();
                case "subtotal" -> it.subtotal();
                case "tax" -> it.tax();
                case "disposition" -> it.disposition().name();
                case "reason" -> it.reason();
                case "issueDate" -> it.issueDate();
                case "createdAt" -> it.createdAt();
                case "total" -> it.total();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, secondarySortKey(GSI1))
            .derived(TYPE)
            .attr("id", String.class)
            .attr("number", String.class)
            .attr("invoiceId", String.class)
            .attr("customerId", String.class)
            .attr("subtotal", MoneyConverter.INSTANCE)
            .attr("tax", MoneyConverter.INSTANCE)
            .attr("disposition", String.class)
            .attr("reason", String.class)
            .attr("issueDate", LocalDate.class)
            .attr("createdAt", Instant.class)
            .derived("total", MoneyConverter.INSTANCE)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new CreditNote(r.get("id"), r.get("number"), r.get("invoiceId"), r.get("customerId"),
                    r.get("subtotal"), r.get("tax"), CreditNote.Disposition.valueOf(r.get("disposition")),
                    r.get("reason"), r.get("issueDate"), r.get("createdAt"), r.get(VERSION)));

    public static final TableSchema<CreditBalance> CREDIT_BALANCE = SchemaBuilder.of(CreditBalance.class,
            (it, a) -> switch (a) {
                case PK -> BillingTable.customer(it.customerId());
                case SK -> "CREDIT";
                case TYPE -> "CreditBalance";
                case "customerId" -> it.customerId();
                case "balance" -> it.balance();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("customerId", String.class)
            .attr("balance", MoneyConverter.INSTANCE)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new CreditBalance(r.get("customerId"), r.get("balance"), r.get(VERSION)));

    public static final TableSchema<CreditEntry> CREDIT_ENTRY = SchemaBuilder.of(CreditEntry.class,
            (it, a) -> switch (a) {
                case PK -> BillingTable.customer(it.customerId());
                case SK -> "CREDITENTRY#" + it.id();
                case TYPE -> "CreditEntry";
                case "customerId" -> it.customerId();
                case "id" -> it.id();
                case "amount" -> it.amount();
                case "source" -> it.source();
                case "at" -> it.at();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("customerId", String.class)
            .attr("id", String.class)
            .attr("amount", MoneyConverter.INSTANCE)
            .attr("source", String.class)
            .attr("at", Instant.class)
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
