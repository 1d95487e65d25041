package io.periodic.billing.persistence;

import io.periodic.billing.model.PayerAlias;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/**
 * Learned payer aliases ({@link PayerAliasSchema}): by the bank key of a payer's name (matching), by customer (the
 * API), one by its key. An alias is created or confirmed only inside a manual application's transaction
 * ({@link PaymentRepository#commit(PaymentRepository.Application, String, long, PayerAlias)}).
 */
public final class PayerAliasRepository {
    /** More aliases than this under one key would be a data problem, not a payer: the rest are not read. */
    static final int MAX_PER_KEY = 100;

    private final EntityTable<PayerAlias> aliases;

    PayerAliasRepository(EntityTable<PayerAlias> aliases) {
        this.aliases = aliases;
    }

    EntityTable<PayerAlias> table() {
        return aliases;
    }

    /** Every alias of a payer name's bank key (at most 100), whichever customer it names. */
    public List<PayerAlias> byKey(String bankKey) {
        return aliases.query(null, QueryConditional.sortBeginsWith(Key.builder()
                .partitionValue(BillingTable.payerAlias(bankKey)).sortValue("ALIAS#").build()), MAX_PER_KEY, null,
                true).items();
    }

    /** One alias, read consistently. */
    public Optional<PayerAlias> get(String bankKey, String id) {
        return aliases.get(BillingTable.payerAlias(bankKey), "ALIAS#" + id);
    }

    /** A customer's aliases (at most 1,000), by id. */
    public List<PayerAlias> byCustomer(String customerId) {
        return aliases.query(BillingTable.GSI1, QueryConditional.sortBeginsWith(Key.builder()
                .partitionValue(BillingTable.customer(customerId)).sortValue("PAYALIAS#").build()), 1000, null,
                true).items();
    }

    /** Version-checked replace (an alias one payment fewer taught). */
    public PayerAlias update(PayerAlias alias) {
        return aliases.update(alias);
    }

    /** Deletes an alias; deleting one that is gone changes nothing. */
    public void delete(PayerAlias alias) {
        aliases.delete(BillingTable.payerAlias(alias.bankKey()), "ALIAS#" + alias.id());
    }
}
