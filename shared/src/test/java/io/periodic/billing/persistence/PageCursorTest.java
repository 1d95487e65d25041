package io.periodic.billing.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Issue 12, defect 10: any attribute names were accepted from a page cursor, and DynamoDB's refusal of the start
 * key surfaced as "503 please retry". A cursor is now checked against the query it is given to; whatever passes the
 * check, DynamoDB Local accepts.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class PageCursorTest {
    private static final Expression INVOICES_OF_C1 = Expression.builder()
            .expression("#p = :p AND begins_with(#s, :s)")
            .expressionNames(Map.of("#p", "gsi1pk", "#s", "gsi1sk"))
            .expressionValues(Map.of(":p", AttributeValue.fromS("CUST#c1"), ":s", AttributeValue.fromS("INV#")))
            .build();
    private static final Page.Shape SHAPE = Page.Shape.of("pk", "sk", "gsi1pk", "gsi1sk", INVOICES_OF_C1);

    static String cursor(String... namesAndValues) {
        StringBuilder raw = new StringBuilder();
        for (String s : namesAndValues) {
            raw.append(s).append('\u0000');
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCursorOfTheQueryRoundTrips() {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("INV#i1"), "sk",
                AttributeValue.fromS("INVOICE"), "gsi1pk", AttributeValue.fromS("CUST#c1"), "gsi1sk",
                AttributeValue.fromS("INV#2027-01-01"));
        assertEquals(key, Page.decode(Page.encode(key), SHAPE));
    }

    @Test
    void cursorsThatAreNotOnesOfThisQueryAreRefused() {
        String[] bad = {
            cursor("zz", "a"),
            cursor("pk", "a", "sk", "b", "gsi1pk", "CUST#c1"),
            cursor("pk", "a", "sk", "b", "gsi1pk", "CUST#c1", "gsi1sk", "INV#1", "x", "y"),
            cursor("pk", "a", "pk", "b", "gsi1pk", "CUST#c1", "gsi1sk", "INV#1"),
            cursor("pk", "a", "sk", "b", "gsi1pk", "CUST#c2", "gsi1sk", "INV#1"),
            cursor("pk", "a", "sk", "b", "gsi1pk", "CUST#c1", "gsi1sk", "SUB#1"),
            cursor("pk", "", "sk", "b", "gsi1pk", "CUST#c1", "gsi1sk", "INV#1"),
            cursor("pk", "a".repeat(2049), "sk", "b", "gsi1pk", "CUST#c1", "gsi1sk", "INV#1"),
            cursor("pk", "a", "sk", "b".repeat(1025), "gsi1pk", "CUST#c1", "gsi1sk", "INV#1"),
            Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xc3, 0x28, 0, 0x41, 0}),
            "%%%", "x".repeat(9000),
        };
        for (String c : bad) {
            assertThrows(InvalidCursorException.class, () -> Page.decode(c, SHAPE), c);
        }
    }

    @Test
    void rangeConditionsCompareAsDynamoDbDoesByUtf8Bytes() {
        Expression upTo = Expression.builder().expression("#p = :p AND #s < :u")
                .expressionNames(Map.of("#p", "gsi3pk", "#s", "gsi3sk"))
                .expressionValues(Map.of(":p", AttributeValue.fromS("W#1"), ":u", AttributeValue.fromS("\uffff")))
                .build();
        Page.Shape shape = Page.Shape.of("pk", "sk", "gsi3pk", "gsi3sk", upTo);
        // U+10000 sorts after U+FFFF in UTF-8 bytes (F0.. > EF..), before it in UTF-16 code units.
        assertThrows(InvalidCursorException.class, () -> Page.decode(cursor("pk", "a", "sk", "b", "gsi3pk", "W#1",
                "gsi3sk", "\ud800\udc00"), shape));
        assertEquals("\ufffe", Page.decode(cursor("pk", "a", "sk", "b", "gsi3pk", "W#1", "gsi3sk", "\ufffe"), shape)
                .get("gsi3sk").s());
    }

    /** Whatever passes the check, DynamoDB accepts: random cursors against a real query on DynamoDB Local. */
    @Test
    void everyCursorThatPassesTheCheckIsAcceptedByDynamoDb(DynamoDbClient dynamo) {
        BillingStore store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
        Customer customer = store.customers().create(Fixtures.tokyoCustomer());
        String partition = "CUST#" + customer.id();
        String[] names = {"pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "x"};
        String[] values = {"", "a", partition, "CUST#other", "INV#", "INV#2027-01-01", "INV$", "IN", "SUB#2027",
            "INV#\u00e9\ud83d\ude00", "INV#" + "a".repeat(1019), "a".repeat(1025), "a".repeat(2049)};
        Random random = new Random(12);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            // A cursor this query could hand out, then up to three changes: a name, a value, one more or one less.
            List<String[]> key = new ArrayList<>(List.of(new String[] {"pk", "INV#x"}, new String[] {"sk", "INVOICE"},
                    new String[] {"gsi1pk", partition}, new String[] {"gsi1sk", "INV#2027-03-01"}));
            for (int m = random.nextInt(4); m > 0; m--) {
                switch (random.nextInt(4)) {
                    case 0 -> key.get(random.nextInt(key.size()))[0] = names[random.nextInt(names.length)];
                    case 1 -> key.get(random.nextInt(key.size()))[1] = values[random.nextInt(values.length)];
                    case 2 -> key.add(new String[] {names[random.nextInt(names.length)],
                            values[random.nextInt(values.length)]});
                    default -> {
                        if (key.size() > 1) {
                            key.remove(random.nextInt(key.size()));
                        }
                    }
                }
            }
            String c = cursor(key.stream().flatMap(java.util.Arrays::stream).toArray(String[]::new));
            try {
                store.invoices().byCustomer(customer.id(), 5, c);
                store.invoices().byCustomer(customer.id(), InvoiceStatus.OPEN, 5, c);
                accepted++;
            } catch (InvalidCursorException expected) {
                refused++;
            } catch (DynamoDbException e) {
                throw new AssertionError("DynamoDB refused a cursor the check let through: "
                        + key.stream().map(java.util.Arrays::toString).toList(), e);
            }
        }
        assertTrue(accepted > 20 && refused > 20, accepted + " accepted, " + refused + " refused");
    }
}
