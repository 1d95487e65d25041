package io.periodic.bench.baseline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * BASELINE ONLY (bench): bean twins of every stored record (the same attribute names and nesting as the static
 * schemas in {@code Schemas}), mapped the default way with {@code TableSchema.fromBean} - bean introspection and
 * generated accessors at class-init time, which is what the project's static schemas avoid. Generated; do not edit.
 */
public final class BeanSchemas {
    private static volatile List<TableSchema<?>> schemas;

    private BeanSchemas() {}

    /** Builds the table schema of every record, as a default-built persistence layer does once at start. */
    public static void build() {
        schemas = List.of(
                TableSchema.fromBean(CustomerBean.class),
                TableSchema.fromBean(PlanBean.class),
                TableSchema.fromBean(SubscriptionBean.class),
                TableSchema.fromBean(InvoiceBean.class),
                TableSchema.fromBean(InvoiceNumberBean.class),
                TableSchema.fromBean(SequenceBean.class),
                TableSchema.fromBean(SellerBean.class),
                TableSchema.fromBean(PaymentBean.class),
                TableSchema.fromBean(AllocationBean.class),
                TableSchema.fromBean(CreditBalanceBean.class),
                TableSchema.fromBean(CreditEntryBean.class),
                TableSchema.fromBean(DunningEntryBean.class),
                TableSchema.fromBean(InboundEventBean.class),
                TableSchema.fromBean(IdempotencyBean.class));
    }

    public static int count() {
        return schemas == null ? 0 : schemas.size();
    }

    @DynamoDbBean
    public static class AddressBean {
        private String line1;
        private String line2;
        private String postalCode;
        private String city;
        private String region;
        private String country;
        public String getLine1() { return line1; }
        public void setLine1(String value) { this.line1 = value; }
        public String getLine2() { return line2; }
        public void setLine2(String value) { this.line2 = value; }
        public String getPostalCode() { return postalCode; }
        public void setPostalCode(String value) { this.postalCode = value; }
        public String getCity() { return city; }
        public void setCity(String value) { this.city = value; }
        public String getRegion() { return region; }
        public void setRegion(String value) { this.region = value; }
        public String getCountry() { return country; }
        public void setCountry(String value) { this.country = value; }
    }

    @DynamoDbBean
    public static class MoneyBean {
        private Long minor;
        private String currency;
        public Long getMinor() { return minor; }
        public void setMinor(Long value) { this.minor = value; }
        public String getCurrency() { return currency; }
        public void setCurrency(String value) { this.currency = value; }
    }

    @DynamoDbBean
    public static class CustomerBean {
        private String pk;
        private String sk;
        private String gsi1pk;
        private String gsi1sk;
        private String gsi2pk;
        private String gsi2sk;
        private String type;
        private String id;
        private String name;
        private String email;
        private String currency;
        private String timeZone;
        private String locale;
        private Integer paymentTermsDays;
        private String taxRate;
        private String taxId;
        private AddressBean billingAddress;
        private String externalRef;
        private Instant createdAt;
        private Long version;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        @DynamoDbSecondaryPartitionKey(indexNames = "gsi1")
        public String getGsi1pk() { return gsi1pk; }
        public void setGsi1pk(String value) { this.gsi1pk = value; }
        @DynamoDbSecondarySortKey(indexNames = "gsi1")
        public String getGsi1sk() { return gsi1sk; }
        public void setGsi1sk(String value) { this.gsi1sk = value; }
        @DynamoDbSecondaryPartitionKey(indexNames = "gsi2")
        public String getGsi2pk() { return gsi2pk; }
        public void setGsi2pk(String value) { this.gsi2pk = value; }
        @DynamoDbSecondarySortKey(indexNames = "gsi2")
        public String getGsi2sk() { return gsi2sk; }
        public void setGsi2sk(String value) { this.gsi2sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getId() { return id; }
        public void setId(String value) { this.id = value; }
        public String getName() { return name; }
        public void setName(String value) { this.name = value; }
        public String getEmail() { return email; }
        public void setEmail(String value) { this.email = value; }
        public String getCurrency() { return currency; }
        public void setCurrency(String value) { this.currency = value; }
        public String getTimeZone() { return timeZone; }
        public void setTimeZone(String value) { this.timeZone = value; }
        public String getLocale() { return locale; }
        public void setLocale(String value) { this.locale = value; }
        public Integer getPaymentTermsDays() { return paymentTermsDays; }
        public void setPaymentTermsDays(Integer value) { this.paymentTermsDays = value; }
        public String getTaxRate() { return taxRate; }
        public void setTaxRate(String value) { this.taxRate = value; }
        public String getTaxId() { return taxId; }
        public void setTaxId(String value) { this.taxId = value; }
        public AddressBean getBillingAddress() { return billingAddress; }
        public void setBillingAddress(AddressBean value) { this.billingAddress = value; }
        public String getExternalRef() { return externalRef; }
        public void setExternalRef(String value) { this.externalRef = value; }
        public Instant getCreatedAt() { return createdAt; }
        public void setCreatedAt(Instant value) { this.createdAt = value; }
        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long value) { this.version = value; }
    }

    @DynamoDbBean
    public static class PlanBean {
        private String pk;
        private String sk;
        private String type;
        private String id;
        private String productName;
        private MoneyBean unitAmount;
        private String interval;
        private Integer trialDays;
        private String taxBehavior;
        private Boolean active;
        private Long version;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getId() { return id; }
        public void setId(String value) { this.id = value; }
        public String getProductName() { return productName; }
        public void setProductName(String value) { this.productName = value; }
        public MoneyBean getUnitAmount() { return unitAmount; }
        public void setUnitAmount(MoneyBean value) { this.unitAmount = value; }
        public String getInterval() { return interval; }
        public void setInterval(String value) { this.interval = value; }
        public Integer getTrialDays() { return trialDays; }
        public void setTrialDays(Integer value) { this.trialDays = value; }
        public String getTaxBehavior() { return taxBehavior; }
        public void setTaxBehavior(String value) { this.taxBehavior = value; }
        public Boolean getActive() { return active; }
        public void setActive(Boolean value) { this.active = value; }
        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long value) { this.version = value; }
    }

    @DynamoDbBean
    public static class ItemBean {
        private String priceId;
        private Long quantity;
        public String getPriceId() { return priceId; }
        public void setPriceId(String value) { this.priceId = value; }
        public Long getQuantity() { return quantity; }
        public void setQuantity(Long value) { this.quantity = value; }
    }

    @DynamoDbBean
    public static class PendingChargeBean {
        private String id;
        private String description;
        private MoneyBean amount;
        private String priceId;
        private LocalDate periodStart;
        private LocalDate periodEnd;
        private Long quantity;
        private String kind;
        public String getId() { return id; }
        public void setId(String value) { this.id = value; }
        public String getDescription() { return description; }
        public void setDescription(String value) { this.description = value; }
        public MoneyBean getAmount() { return amount; }
        public void setAmount(MoneyBean value) { this.amount = value; }
        public String getPriceId() { return priceId; }
        public void setPriceId(String value) { this.priceId = value; }
        public LocalDate getPeriodStart() { return periodStart; }
        public void setPeriodStart(LocalDate value) { this.periodStart = value; }
        public LocalDate getPeriodEnd() { return periodEnd; }
        public void setPeriodEnd(LocalDate value) { this.periodEnd = value; }
        public Long getQuantity() { return quantity; }
        public void setQuantity(Long value) { this.quantity = value; }
        public String getKind() { return kind; }
        public void setKind(String value) { this.kind = value; }
    }

    @DynamoDbBean
    public static class SubscriptionBean {
        private String pk;
        private String sk;
        private String gsi1pk;
        private String gsi1sk;
        private String gsi3pk;
        private String gsi3sk;
        private String type;
        private String id;
        private String customerId;
        private List<ItemBean> items;
        private LocalDate anchor;
        private String interval;
        private String status;
        private Boolean cancelAtPeriodEnd;
        private LocalDate trialEnd;
        private Long nextPeriodIndex;
        private Instant nextBillingAt;
        private String parkedReason;
        private List<PendingChargeBean> pendingCharges;
        private Instant createdAt;
        private Long version;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        @DynamoDbSecondaryPartitionKey(indexNames = "gsi1")
        public String getGsi1pk() { return gsi1pk; }
        public void setGsi1pk(String value) { this.gsi1pk = value; }
        @DynamoDbSecondarySortKey(indexNames = "gsi1")
        public String getGsi1sk() { return gsi1sk; }
        public void setGsi1sk(String value) { this.gsi1sk = value; }
        @DynamoDbSecondaryPartitionKey(indexNames = "gsi3")
        public String getGsi3pk() { return gsi3pk; }
        public void setGsi3pk(String value) { this.gsi3pk = value; }
        @DynamoDbSecondarySortKey(indexNames = "gsi3")
        public String getGsi3sk() { return gsi3sk; }
        public void setGsi3sk(String value) { this.gsi3sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getId() { return id; }
        public void setId(String value) { this.id = value; }
        public String getCustomerId() { return customerId; }
        public void setCustomerId(String value) { this.customerId = value; }
        public List<ItemBean> getItems() { return items; }
        public void setItems(List<ItemBean> value) { this.items = value; }
        public LocalDate getAnchor() { return anchor; }
        public void setAnchor(LocalDate value) { this.anchor = value; }
        public String getInterval() { return interval; }
        public void setInterval(String value) { this.interval = value; }
        public String getStatus() { return status; }
        public void setStatus(String value) { this.status = value; }
        public Boolean getCancelAtPeriodEnd() { return cancelAtPeriodEnd; }
        public void setCancelAtPeriodEnd(Boolean value) { this.cancelAtPeriodEnd = value; }
        public LocalDate getTrialEnd() { return trialEnd; }
        public void setTrialEnd(LocalDate value) { this.trialEnd = value; }
        public Long getNextPeriodIndex() { return nextPeriodIndex; }
        public void setNextPeriodIndex(Long value) { this.nextPeriodIndex = value; }
        public Instant getNextBillingAt() { return nextBillingAt; }
        public void setNextBillingAt(Instant value) { this.nextBillingAt = value; }
        public String getParkedReason() { return parkedReason; }
        public void setParkedReason(String value) { this.parkedReason = value; }
        public List<PendingChargeBean> getPendingCharges() { return pendingCharges; }
        public void setPendingCharges(List<PendingChargeBean> value) { this.pendingCharges = value; }
        public Instant getCreatedAt() { return createdAt; }
        public void setCreatedAt(Instant value) { this.createdAt = value; }
        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long value) { this.version = value; }
    }

    @DynamoDbBean
    public static class InvoiceLineBean {
        private String description;
        private String kind;
        private String priceId;
        private LocalDate periodStart;
        private LocalDate periodEnd;
        private Long quantity;
        private Long unitAmount;
        private Long amount;
        private String taxRate;
        private Long tax;
        private String chargeId;
        public String getDescription() { return description; }
        public void setDescription(String value) { this.description = value; }
        public String getKind() { return kind; }
        public void setKind(String value) { this.kind = value; }
        public String getPriceId() { return priceId; }
        public void setPriceId(String value) { this.priceId = value; }
        public LocalDate getPeriodStart() { return periodStart; }
        public void setPeriodStart(LocalDate value) { this.periodStart = value; }
        public LocalDate getPeriodEnd() { return periodEnd; }
        public void setPeriodEnd(LocalDate value) { this.periodEnd = value; }
        public Long getQuantity() { return quantity; }
        public void setQuantity(Long value) { this.quantity = value; }
        public Long getUnitAmount() { return unitAmount; }
        public void setUnitAmount(Long value) { this.unitAmount = value; }
        public Long getAmount() { return amount; }
        public void setAmount(Long value) { this.amount = value; }
        public String getTaxRate() { return taxRate; }
        public void setTaxRate(String value) { this.taxRate = value; }
        public Long getTax() { return tax; }
        public void setTax(Long value) { this.tax = value; }
        public String getChargeId() { return chargeId; }
        public void setChargeId(String value) { this.chargeId = value; }
    }

    @DynamoDbBean
    public static class InvoiceBean {
        private String pk;
        private String sk;
        private String gsi1pk;
        private String gsi1sk;
        private String gsi2pk;
        private String gsi2sk;
        private String gsi3pk;
        private String gsi3sk;
        private String type;
        private String number;
        private String customerId;
        private String subscriptionId;
        private String currency;
        private String status;
        private List<InvoiceLineBean> lines;
        private Long creditApplied;
        private Long amountPaid;
        private Long credited;
        private Long subtotal;
        private Long tax;
        private Long total;
        private Long amountDue;
        private LocalDate issueDate;
        private LocalDate dueDate;
        private LocalDate periodStart;
        private LocalDate periodEnd;
        private String correctionOf;
        private Instant createdAt;
        private Instant finalizedAt;
        private Long version;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        @DynamoDbSecondaryPartitionKey(indexNames = "gsi1")
        public String getGsi1pk() { return gsi1pk; }
        public void setGsi1pk(String value) { this.gsi1pk = value; }
        @DynamoDbSecondarySortKey(indexNames = "gsi1")
        public String getGsi1sk() { return gsi1sk; }
        public void setGsi1sk(String value) { this.gsi1sk = value; }
        @DynamoDbSecondaryPartitionKey(indexNames = "gsi2")
        public String getGsi2pk() { return gsi2pk; }
        public void setGsi2pk(String value) { this.gsi2pk = value; }
        @DynamoDbSecondarySortKey(indexNames = "gsi2")
        public String getGsi2sk() { return gsi2sk; }
        public void setGsi2sk(String value) { this.gsi2sk = value; }
        @DynamoDbSecondaryPartitionKey(indexNames = "gsi3")
        public String getGsi3pk() { return gsi3pk; }
        public void setGsi3pk(String value) { this.gsi3pk = value; }
        @DynamoDbSecondarySortKey(indexNames = "gsi3")
        public String getGsi3sk() { return gsi3sk; }
        public void setGsi3sk(String value) { this.gsi3sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getNumber() { return number; }
        public void setNumber(String value) { this.number = value; }
        public String getCustomerId() { return customerId; }
        public void setCustomerId(String value) { this.customerId = value; }
        public String getSubscriptionId() { return subscriptionId; }
        public void setSubscriptionId(String value) { this.subscriptionId = value; }
        public String getCurrency() { return currency; }
        public void setCurrency(String value) { this.currency = value; }
        public String getStatus() { return status; }
        public void setStatus(String value) { this.status = value; }
        public List<InvoiceLineBean> getLines() { return lines; }
        public void setLines(List<InvoiceLineBean> value) { this.lines = value; }
        public Long getCreditApplied() { return creditApplied; }
        public void setCreditApplied(Long value) { this.creditApplied = value; }
        public Long getAmountPaid() { return amountPaid; }
        public void setAmountPaid(Long value) { this.amountPaid = value; }
        public Long getCredited() { return credited; }
        public void setCredited(Long value) { this.credited = value; }
        public Long getSubtotal() { return subtotal; }
        public void setSubtotal(Long value) { this.subtotal = value; }
        public Long getTax() { return tax; }
        public void setTax(Long value) { this.tax = value; }
        public Long getTotal() { return total; }
        public void setTotal(Long value) { this.total = value; }
        public Long getAmountDue() { return amountDue; }
        public void setAmountDue(Long value) { this.amountDue = value; }
        public LocalDate getIssueDate() { return issueDate; }
        public void setIssueDate(LocalDate value) { this.issueDate = value; }
        public LocalDate getDueDate() { return dueDate; }
        public void setDueDate(LocalDate value) { this.dueDate = value; }
        public LocalDate getPeriodStart() { return periodStart; }
        public void setPeriodStart(LocalDate value) { this.periodStart = value; }
        public LocalDate getPeriodEnd() { return periodEnd; }
        public void setPeriodEnd(LocalDate value) { this.periodEnd = value; }
        public String getCorrectionOf() { return correctionOf; }
        public void setCorrectionOf(String value) { this.correctionOf = value; }
        public Instant getCreatedAt() { return createdAt; }
        public void setCreatedAt(Instant value) { this.createdAt = value; }
        public Instant getFinalizedAt() { return finalizedAt; }
        public void setFinalizedAt(Instant value) { this.finalizedAt = value; }
        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long value) { this.version = value; }
    }

    @DynamoDbBean
    public static class InvoiceNumberBean {
        private String pk;
        private String sk;
        private String type;
        private String number;
        private String invoiceId;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getNumber() { return number; }
        public void setNumber(String value) { this.number = value; }
        public String getInvoiceId() { return invoiceId; }
        public void setInvoiceId(String value) { this.invoiceId = value; }
    }

    @DynamoDbBean
    public static class SequenceBean {
        private String pk;
        private String sk;
        private String type;
        private String series;
        private Long last;
        private Long version;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getSeries() { return series; }
        public void setSeries(String value) { this.series = value; }
        public Long getLast() { return last; }
        public void setLast(Long value) { this.last = value; }
        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long value) { this.version = value; }
    }

    @DynamoDbBean
    public static class BankAccountBean {
        private String bankName;
        private String accountHolder;
        private String iban;
        private String bic;
        private String accountNumber;
        private String bankCode;
        public String getBankName() { return bankName; }
        public void setBankName(String value) { this.bankName = value; }
        public String getAccountHolder() { return accountHolder; }
        public void setAccountHolder(String value) { this.accountHolder = value; }
        public String getIban() { return iban; }
        public void setIban(String value) { this.iban = value; }
        public String getBic() { return bic; }
        public void setBic(String value) { this.bic = value; }
        public String getAccountNumber() { return accountNumber; }
        public void setAccountNumber(String value) { this.accountNumber = value; }
        public String getBankCode() { return bankCode; }
        public void setBankCode(String value) { this.bankCode = value; }
    }

    @DynamoDbBean
    public static class SellerBean {
        private String pk;
        private String sk;
        private String type;
        private String name;
        private AddressBean address;
        private String email;
        private String phone;
        private String website;
        private String taxId;
        private BankAccountBean bankAccount;
        private String paymentLinkTemplate;
        private String invoicePrefix;
        private String creditNotePrefix;
        private Integer numberSeries;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getName() { return name; }
        public void setName(String value) { this.name = value; }
        public AddressBean getAddress() { return address; }
        public void setAddress(AddressBean value) { this.address = value; }
        public String getEmail() { return email; }
        public void setEmail(String value) { this.email = value; }
        public String getPhone() { return phone; }
        public void setPhone(String value) { this.phone = value; }
        public String getWebsite() { return website; }
        public void setWebsite(String value) { this.website = value; }
        public String getTaxId() { return taxId; }
        public void setTaxId(String value) { this.taxId = value; }
        public BankAccountBean getBankAccount() { return bankAccount; }
        public void setBankAccount(BankAccountBean value) { this.bankAccount = value; }
        public String getPaymentLinkTemplate() { return paymentLinkTemplate; }
        public void setPaymentLinkTemplate(String value) { this.paymentLinkTemplate = value; }
        public String getInvoicePrefix() { return invoicePrefix; }
        public void setInvoicePrefix(String value) { this.invoicePrefix = value; }
        public String getCreditNotePrefix() { return creditNotePrefix; }
        public void setCreditNotePrefix(String value) { this.creditNotePrefix = value; }
        public Integer getNumberSeries() { return numberSeries; }
        public void setNumberSeries(Integer value) { this.numberSeries = value; }
    }

    @DynamoDbBean
    public static class PayerBean {
        private String name;
        private String email;
        private String customerReference;
        private String account;
        public String getName() { return name; }
        public void setName(String value) { this.name = value; }
        public String getEmail() { return email; }
        public void setEmail(String value) { this.email = value; }
        public String getCustomerReference() { return customerReference; }
        public void setCustomerReference(String value) { this.customerReference = value; }
        public String getAccount() { return account; }
        public void setAccount(String value) { this.account = value; }
    }

    @DynamoDbBean
    public static class PaymentBean {
        private String pk;
        private String sk;
        private String gsi1pk;
        private String gsi1sk;
        private String gsi3pk;
        private String gsi3sk;
        private String type;
        private String id;
        private String provider;
        private String providerPaymentId;
        private MoneyBean amount;
        private PayerBean payer;
        private String remittanceText;
        private Instant receivedAt;
        private String status;
        private MoneyBean applied;
        private MoneyBean refunded;
        private String customerId;
        private String unappliedReason;
        private Boolean announced;
        private Long version;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        @DynamoDbSecondaryPartitionKey(indexNames = "gsi1")
        public String getGsi1pk() { return gsi1pk; }
        public void setGsi1pk(String value) { this.gsi1pk = value; }
        @DynamoDbSecondarySortKey(indexNames = "gsi1")
        public String getGsi1sk() { return gsi1sk; }
        public void setGsi1sk(String value) { this.gsi1sk = value; }
        @DynamoDbSecondaryPartitionKey(indexNames = "gsi3")
        public String getGsi3pk() { return gsi3pk; }
        public void setGsi3pk(String value) { this.gsi3pk = value; }
        @DynamoDbSecondarySortKey(indexNames = "gsi3")
        public String getGsi3sk() { return gsi3sk; }
        public void setGsi3sk(String value) { this.gsi3sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getId() { return id; }
        public void setId(String value) { this.id = value; }
        public String getProvider() { return provider; }
        public void setProvider(String value) { this.provider = value; }
        public String getProviderPaymentId() { return providerPaymentId; }
        public void setProviderPaymentId(String value) { this.providerPaymentId = value; }
        public MoneyBean getAmount() { return amount; }
        public void setAmount(MoneyBean value) { this.amount = value; }
        public PayerBean getPayer() { return payer; }
        public void setPayer(PayerBean value) { this.payer = value; }
        public String getRemittanceText() { return remittanceText; }
        public void setRemittanceText(String value) { this.remittanceText = value; }
        public Instant getReceivedAt() { return receivedAt; }
        public void setReceivedAt(Instant value) { this.receivedAt = value; }
        public String getStatus() { return status; }
        public void setStatus(String value) { this.status = value; }
        public MoneyBean getApplied() { return applied; }
        public void setApplied(MoneyBean value) { this.applied = value; }
        public MoneyBean getRefunded() { return refunded; }
        public void setRefunded(MoneyBean value) { this.refunded = value; }
        public String getCustomerId() { return customerId; }
        public void setCustomerId(String value) { this.customerId = value; }
        public String getUnappliedReason() { return unappliedReason; }
        public void setUnappliedReason(String value) { this.unappliedReason = value; }
        public Boolean getAnnounced() { return announced; }
        public void setAnnounced(Boolean value) { this.announced = value; }
        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long value) { this.version = value; }
    }

    @DynamoDbBean
    public static class AllocationBean {
        private String pk;
        private String sk;
        private String gsi1pk;
        private String gsi1sk;
        private String type;
        private String paymentId;
        private String invoiceId;
        private MoneyBean amount;
        private String rule;
        private String reason;
        private Instant appliedAt;
        private Long version;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        @DynamoDbSecondaryPartitionKey(indexNames = "gsi1")
        public String getGsi1pk() { return gsi1pk; }
        public void setGsi1pk(String value) { this.gsi1pk = value; }
        @DynamoDbSecondarySortKey(indexNames = "gsi1")
        public String getGsi1sk() { return gsi1sk; }
        public void setGsi1sk(String value) { this.gsi1sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getPaymentId() { return paymentId; }
        public void setPaymentId(String value) { this.paymentId = value; }
        public String getInvoiceId() { return invoiceId; }
        public void setInvoiceId(String value) { this.invoiceId = value; }
        public MoneyBean getAmount() { return amount; }
        public void setAmount(MoneyBean value) { this.amount = value; }
        public String getRule() { return rule; }
        public void setRule(String value) { this.rule = value; }
        public String getReason() { return reason; }
        public void setReason(String value) { this.reason = value; }
        public Instant getAppliedAt() { return appliedAt; }
        public void setAppliedAt(Instant value) { this.appliedAt = value; }
        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long value) { this.version = value; }
    }

    @DynamoDbBean
    public static class CreditBalanceBean {
        private String pk;
        private String sk;
        private String type;
        private String customerId;
        private MoneyBean balance;
        private Long version;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getCustomerId() { return customerId; }
        public void setCustomerId(String value) { this.customerId = value; }
        public MoneyBean getBalance() { return balance; }
        public void setBalance(MoneyBean value) { this.balance = value; }
        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long value) { this.version = value; }
    }

    @DynamoDbBean
    public static class CreditEntryBean {
        private String pk;
        private String sk;
        private String type;
        private String customerId;
        private String id;
        private MoneyBean amount;
        private String description;
        private Instant at;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getCustomerId() { return customerId; }
        public void setCustomerId(String value) { this.customerId = value; }
        public String getId() { return id; }
        public void setId(String value) { this.id = value; }
        public MoneyBean getAmount() { return amount; }
        public void setAmount(MoneyBean value) { this.amount = value; }
        public String getDescription() { return description; }
        public void setDescription(String value) { this.description = value; }
        public Instant getAt() { return at; }
        public void setAt(Instant value) { this.at = value; }
    }

    @DynamoDbBean
    public static class DunningEntryBean {
        private String pk;
        private String sk;
        private String type;
        private String invoiceId;
        private String step;
        private String status;
        private Instant at;
        private String channel;
        private String language;
        private String reason;
        private String detail;
        private Long version;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getInvoiceId() { return invoiceId; }
        public void setInvoiceId(String value) { this.invoiceId = value; }
        public String getStep() { return step; }
        public void setStep(String value) { this.step = value; }
        public String getStatus() { return status; }
        public void setStatus(String value) { this.status = value; }
        public Instant getAt() { return at; }
        public void setAt(Instant value) { this.at = value; }
        public String getChannel() { return channel; }
        public void setChannel(String value) { this.channel = value; }
        public String getLanguage() { return language; }
        public void setLanguage(String value) { this.language = value; }
        public String getReason() { return reason; }
        public void setReason(String value) { this.reason = value; }
        public String getDetail() { return detail; }
        public void setDetail(String value) { this.detail = value; }
        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long value) { this.version = value; }
    }

    @DynamoDbBean
    public static class InboundEventBean {
        private String pk;
        private String sk;
        private String type;
        private String provider;
        private String eventId;
        private String eventType;
        private String status;
        private String payload;
        private Integer notifications;
        private Instant receivedAt;
        private Long ttl;
        private Long version;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getProvider() { return provider; }
        public void setProvider(String value) { this.provider = value; }
        public String getEventId() { return eventId; }
        public void setEventId(String value) { this.eventId = value; }
        public String getEventType() { return eventType; }
        public void setEventType(String value) { this.eventType = value; }
        public String getStatus() { return status; }
        public void setStatus(String value) { this.status = value; }
        public String getPayload() { return payload; }
        public void setPayload(String value) { this.payload = value; }
        public Integer getNotifications() { return notifications; }
        public void setNotifications(Integer value) { this.notifications = value; }
        public Instant getReceivedAt() { return receivedAt; }
        public void setReceivedAt(Instant value) { this.receivedAt = value; }
        public Long getTtl() { return ttl; }
        public void setTtl(Long value) { this.ttl = value; }
        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long value) { this.version = value; }
    }

    @DynamoDbBean
    public static class IdempotencyBean {
        private String pk;
        private String sk;
        private String type;
        private String key;
        private String fingerprint;
        private Integer statusCode;
        private String responseBody;
        private String location;
        private Instant createdAt;
        private Long ttl;
        private Long version;
        @DynamoDbPartitionKey
        public String getPk() { return pk; }
        public void setPk(String value) { this.pk = value; }
        @DynamoDbSortKey
        public String getSk() { return sk; }
        public void setSk(String value) { this.sk = value; }
        public String getType() { return type; }
        public void setType(String value) { this.type = value; }
        public String getKey() { return key; }
        public void setKey(String value) { this.key = value; }
        public String getFingerprint() { return fingerprint; }
        public void setFingerprint(String value) { this.fingerprint = value; }
        public Integer getStatusCode() { return statusCode; }
        public void setStatusCode(Integer value) { this.statusCode = value; }
        public String getResponseBody() { return responseBody; }
        public void setResponseBody(String value) { this.responseBody = value; }
        public String getLocation() { return location; }
        public void setLocation(String value) { this.location = value; }
        public Instant getCreatedAt() { return createdAt; }
        public void setCreatedAt(Instant value) { this.createdAt = value; }
        public Long getTtl() { return ttl; }
        public void setTtl(Long value) { this.ttl = value; }
        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long value) { this.version = value; }
    }

}
