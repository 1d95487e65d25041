package io.periodic.billing.persistence;

import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores {@link Money} as a map {@code {"minor": N, "currency": "JPY"}}: integer minor units as a DynamoDB number
 * (exact, no floating point) next to the ISO 4217 code, readable in the console.
 */
final class MoneyConverter implements AttributeConverter<Money> {
    static final MoneyConverter INSTANCE = new MoneyConverter();

    @Override
    public AttributeValue transformFrom(Money money) {
        return AttributeValue.fromM(Map.of(
                "minor", AttributeValue.fromN(Long.toString(money.minor())),
                "currency", AttributeValue.fromS(money.currency().getCurrencyCode())));
    }

    @Override
    public Money transformTo(AttributeValue value) {
        Map<String, AttributeValue> m = value.m();
        if (m == null || !m.containsKey("minor") || !m.containsKey("currency")) {
            throw new IllegalStateException("stored money is not {minor, currency}: " + value);
        }
        return Money.of(Long.parseLong(m.get("minor").n()), Currencies.of(m.get("currency").s()));
    }

    @Override
    public EnhancedType<Money> type() {
        return EnhancedType.of(Money.class);
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.M;
    }
}
