package io.periodic.billing.persistence;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every repository over the one billing table. Build it once per Lambda execution environment (in a static
 * field or the handler's constructor) and reuse it: the schemas are static and the clients are thread-safe.
 */
public final class BillingStore {
    private final CustomerRepository customers;
    private final IdempotencyRepository idempotency;
    private final PlanRepository plans;
    private final SubscriptionRepository subscriptions;
    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final CreditRepository credit;
    private final SettingsRepository settings;
    private final InboundEventRepository inbound;
    private final DunningRepository dunning;
    private final PayerAliasRepository payerAliases;
    private final MailRepository mails;
    private final DeliveryRepository delivery;

    public BillingStore(DynamoDbClient dynamo, String tableName) {
        // Only the versioning extension: optimistic locking on every record with a version attribute.
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(dynamo)
                .extensions(VersionedRecordExtension.builder().build())
                .build();
        WorkIndex work = new WorkIndex(dynamo, tableName);
        this.settings = new SettingsRepository(client, tableName);
        this.dunning = new DunningRepository(new EntityTable<>(client, tableName, DunningSchema.DUNNING_ENTRY,
                d -> "dunning step " + d.step() + " of " + d.invoiceId()),
                client.table(tableName, DunningSchema.DUNNING_POLICY));
        this.inbound = new InboundEventRepository(new EntityTable<>(client, tableName, InboundEventSchema.INBOUND_EVENT,
                e -> "event " + e.provider() + "/" + e.eventId()));
        this.customers = new CustomerRepository(client,
                new EntityTable<>(client, tableName, CustomerSchema.CUSTOMER, c -> "customer " + c.id()),
                new EntityTable<>(client, tableName, CustomerSchema.CUSTOMER_NAME, n -> "customer name " + n.nameKey()),
                new EntityTable<>(client, tableName, CustomerSchema.CUSTOMER_BANK_NAME,
                        n -> "customer payer name " + n.bankKey()),
                new EntityTable<>(client, tableName, CustomerSchema.CUSTOMER_VIRTUAL_ACCOUNT,
                        v -> "virtual account " + v.account()));
        this.idempotency = new IdempotencyRepository(new EntityTable<>(client, tableName, IdempotencySchema.IDEMPOTENT_REQUEST,
                r -> "idempotent request " + r.scope()));
        this.plans = new PlanRepository(new EntityTable<>(client, tableName, PlanSchema.PLAN, p -> "plan " + p.id()));
        this.subscriptions = new SubscriptionRepository(
                new EntityTable<>(client, tableName, SubscriptionSchema.SUBSCRIPTION, s -> "subscription " + s.id()), work);
        this.credit = new CreditRepository(client,
                new EntityTable<CreditBalance>(client, tableName, CreditSchema.CREDIT_BALANCE,
                        b -> "credit balance of " + b.customerId()),
                new EntityTable<CreditEntry>(client, tableName, CreditSchema.CREDIT_ENTRY, e -> "credit entry " + e.id()),
                new EntityTable<CreditNote>(client, tableName, CreditSchema.CREDIT_NOTE, n -> "credit note " + n.id()));
        this.invoices = new InvoiceRepository(client,
                new EntityTable<>(client, tableName, InvoiceSchema.INVOICE, i -> "invoice " + i.id()),
                new EntityTable<>(client, tableName, InvoiceSchema.INVOICE_NUMBER, n -> "invoice number " + n.number()),
                new EntityTable<>(client, tableName, InvoiceSchema.SEQUENCE, q -> "number series " + q.series()),
                credit, work);
        this.payments = new PaymentRepository(client,
                new EntityTable<Payment>(client, tableName, PaymentSchema.PAYMENT, p -> "payment " + p.id()),
                new EntityTable<Allocation>(client, tableName, PaymentSchema.ALLOCATION,
                        a -> "allocation of " + a.paymentId() + " to " + a.invoiceId()),
                new EntityTable<>(client, tableName, RefundSchema.REFUND, f -> "refund " + f.refundId()),
                new EntityTable<>(client, tableName, PaymentSchema.PAYMENT_DAY, d -> "payment day entry " + d.paymentId()),
                invoices, credit, work);
        this.payerAliases = new PayerAliasRepository(new EntityTable<>(client, tableName,
                PayerAliasSchema.PAYER_ALIAS, a -> "payer alias " + a.id()));
        this.mails = new MailRepository(new EntityTable<>(client, tableName, MailSchema.MAIL_DELIVERY,
                m -> "mail " + m.key()));
        this.delivery = new DeliveryRepository(client,
                new EntityTable<>(client, tableName, DeliverySchema.DELIVERY_STATUS,
                        d -> "delivery status of " + d.address()),
                new EntityTable<>(client, tableName, DeliverySchema.MAIL_EVENT,
                        e -> "mail event " + e.id() + " for " + e.recipient()),
                work);
    }

    /** The customer mails sent, once per business fact. */
    public MailRepository mails() {
        return mails;
    }

    /** Mail delivery: each address's status and the events SES reported (docs/delivery-status.md). */
    public DeliveryRepository delivery() {
        return delivery;
    }

    public PayerAliasRepository payerAliases() {
        return payerAliases;
    }

    public CustomerRepository customers() {
        return customers;
    }

    public IdempotencyRepository idempotency() {
        return idempotency;
    }

    public PlanRepository plans() {
        return plans;
    }

    public SubscriptionRepository subscriptions() {
        return subscriptions;
    }

    public InvoiceRepository invoices() {
        return invoices;
    }

    public PaymentRepository payments() {
        return payments;
    }

    public CreditRepository credit() {
        return credit;
    }

    public SettingsRepository settings() {
        return settings;
    }

    public InboundEventRepository inbound() {
        return inbound;
    }

    public DunningRepository dunning() {
        return dunning;
    }
}
