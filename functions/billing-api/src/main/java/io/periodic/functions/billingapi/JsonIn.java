package io.periodic.functions.billingapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.periodic.billing.model.Ids;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.webhooks.IntakeRules;
import io.periodic.functions.billingapi.Http.ApiProblem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Strict reading of one JSON object of a request body: only the fields an operation names are accepted (an
 * unknown field is refused, not ignored — a typo must not silently do nothing), each read with its exact type
 * (a number is never accepted as a string or the other way round, amounts are integers), and every refusal names
 * the field by its JSON pointer ({@code /billingAddress/country}).
 */
final class JsonIn {
    private final JsonNode node;
    private final String pointer;
    private Set<String> accepted = Set.of();

    private JsonIn(JsonNode node, String pointer) {
        this.node = node;
        this.pointer = pointer;
    }

    /** The body's root object, accepting only {@code fields}. */
    static JsonIn body(JsonNode body, String... fields) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new ApiProblem(400, "missing-body", "this operation needs a JSON object body");
        }
        return new JsonIn(body, "").only(fields);
    }

    /** An empty or absent body is fine; any body given must be an object of {@code fields}. */
    static JsonIn optionalBody(JsonNode body, String... fields) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return new JsonIn(JsonNodeFactory.instance.objectNode(), "");
        }
        return new JsonIn(body, "").only(fields);
    }

    private JsonIn only(String... fields) {
        if (!node.isObject()) {
            throw ApiProblem.field(pointer.isEmpty() ? "/" : pointer, "must be a JSON object");
        }
        Set<String> allowed = Set.of(fields);
        this.accepted = allowed;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ApiProblem(422, "unknown-field", "unknown field '" + name + "'; accepted here: "
                        + String.join(", ", new TreeSet<>(allowed)), at(name), null);
            }
        }
        return this;
    }

    boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    /** The field's JSON value as sent, or null when absent or null (for a type its caller reads). */
    JsonNode raw(String field) {
        return has(field) ? node.get(field) : null;
    }

    /** Whether the field is in the body at all, even as null (a PATCH clears an optional field with null). */
    boolean present(String field) {
        return node.has(field);
    }

    /** Refuses null for a field a PATCH may change but not clear. */
    void notCleared(String... fields) {
        for (String field : fields) {
            if (node.has(field) && node.get(field).isNull()) {
                throw ApiProblem.field(at(field), "'" + field + "' cannot be cleared; send a new value or leave it out");
            }
        }
    }

    String at(String field) {
        return pointer + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    String string(String field) {
        String value = optString(field);
        if (value == null) {
            throw ApiProblem.field(at(field), "'" + field + "' is required");
        }
        return value;
    }

    /** A field naming a record: refused on its pointer when no record can have that id. */
    String id(String field) {
        String id = string(field);
        if (!Ids.wellFormed(id)) {
            throw ApiProblem.field(at(field), "'" + field + "' is not an id we issue: ids are 1-128 characters "
                    + "of A-Z a-z 0-9 _ . : -");
        }
        return id;
    }

    String optString(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isTextual()) {
            throw ApiProblem.field(at(field), "'" + field + "' must be a string");
        }
        String problem = textProblem(v.textValue());
        if (problem != null) {
            throw ApiProblem.field(at(field), "'" + field + "' " + problem);
        }
        return v.textValue();
    }

    /**
     * What is wrong with a text for printing on documents and in mail, or null: the one text rule of every intake
     * ({@link IntakeRules#textProblem}; tab and line breaks allowed): no lone surrogate, control character,
     * bidirectional override or isolate, U+FFFD or noncharacter.
     */
    static String textProblem(String text) {
        return IntakeRules.textProblem(text, true);
    }

    long integer(String field) {
        Long value = optInteger(field);
        if (value == null) {
            throw ApiProblem.field(at(field), "'" + field + "' is required");
        }
        return value;
    }

    /** An integer; {@code 12.5}, {@code "12"} and numbers beyond a 64-bit integer are refused. */
    Long optInteger(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiProblem.field(at(field), "'" + field + "' must be an integer" + (v.isNumber()
                    ? " (amounts are in minor units: 1999 for 19.99)" : ""));
        }
        return v.longValue();
    }

    /** A non-negative amount in minor units, at most {@link #MAX_AMOUNT_MINOR}. */
    Long optAmount(String field) {
        Long value = optInteger(field);
        if (value != null && value < 0) {
            throw ApiProblem.field(at(field), "'" + field + "' must not be negative");
        }
        if (value != null && !withinAmountLimit(value)) {
            throw ApiProblem.field(at(field), "'" + field + "' is over the maximum amount of " + MAX_AMOUNT_MINOR
                    + " minor units");
        }
        return value;
    }

    /** The largest amount accepted, in minor units of any currency: the one maximum of every intake. */
    static final long MAX_AMOUNT_MINOR = Money.MAX_MINOR;

    /** Whether |minor| is within {@link #MAX_AMOUNT_MINOR}. */
    private static boolean withinAmountLimit(long minor) {
        return minor >= -MAX_AMOUNT_MINOR && minor <= MAX_AMOUNT_MINOR;
    }

    int intIn(String field, int min, int max, int absent) {
        Long value = optInteger(field);
        if (value == null) {
            return absent;
        }
        if (value < min || value > max) {
            throw ApiProblem.field(at(field), "'" + field + "' must be " + min + ".." + max + ", got " + value);
        }
        return value.intValue();
    }

    Boolean optBoolean(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw ApiProblem.field(at(field), "'" + field + "' must be true or false");
        }
        return v.booleanValue();
    }

    /** An ISO local date, {@code 2027-01-31}; impossible dates ({@code 2027-02-30}) are refused. */
    LocalDate optDate(String field) {
        String text = optString(field);
        if (text == null) {
            return null;
        }
        return date(text, () -> ApiProblem.field(at(field), "'" + field
                + "' must be a real calendar date written YYYY-MM-DD, got '" + text + "'"));
    }

    LocalDate date(String field) {
        LocalDate value = optDate(field);
        if (value == null) {
            throw ApiProblem.field(at(field), "'" + field + "' is required");
        }
        return value;
    }

    static LocalDate date(String text, Supplier<ApiProblem> refusal) {
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw refusal.get();
        }
        try {
            return LocalDate.parse(text); // ISO_LOCAL_DATE resolves strictly: 2027-02-30 is refused
        } catch (DateTimeParseException e) {
            throw refusal.get();
        }
    }

    Currency currency(String field) {
        String code = string(field);
        try {
            return Currencies.of(code);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.field(at(field), "'" + code + "' is not an ISO 4217 currency code we bill in");
        }
    }

    /** Parses a string field with {@code parse}, turning its IllegalArgumentException into a refusal of the field. */
    <T> T parsed(String field, boolean required, Function<String, T> parse) {
        String text = required ? string(field) : optString(field);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (RuntimeException e) {
            throw ApiProblem.field(at(field), "'" + field + "': " + e.getMessage());
        }
    }

    JsonIn object(String field, String... fields) {
        JsonIn value = optObject(field, fields);
        if (value == null) {
            throw ApiProblem.field(at(field), "'" + field + "' is required");
        }
        return value;
    }

    JsonIn optObject(String field, String... fields) {
        if (!has(field)) {
            return null;
        }
        return new JsonIn(node.get(field), at(field)).only(fields);
    }

    /** The objects of an array field, each accepting only {@code fields}. */
    List<JsonIn> objects(String field, int min, int max, String... fields) {
        return objectsWithin(field, min, max, "", fields);
    }

    /** {@link #objects}, saying {@code why} the count is limited when it is out of range. */
    List<JsonIn> objectsWithin(String field, int min, int max, String why, String... fields) {
        if (!has(field)) {
            throw ApiProblem.field(at(field), "'" + field + "' is required");
        }
        JsonNode v = node.get(field);
        if (!v.isArray()) {
            throw ApiProblem.field(at(field), "'" + field + "' must be an array");
        }
        if (v.size() < min || v.size() > max) {
            throw ApiProblem.field(at(field), "'" + field + "' must have " + min + ".." + max + " entries, got "
                    + v.size() + why);
        }
        List<JsonIn> items = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            items.add(new JsonIn(v.get(i), at(field) + "/" + i).only(fields));
        }
        return items;
    }

    /**
     * The strings of an array field, {@code min..max} of them, each one line of text ({@link IntakeRules#textProblem})
     * of 1..{@code maxLength} characters after trimming; refusals name the entry ({@code /payerNames/2}).
     */
    List<String> strings(String field, int min, int max, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw ApiProblem.field(at(field), "'" + field + "' must be an array of strings");
        }
        if (v.size() < min || v.size() > max) {
            throw ApiProblem.field(at(field), "'" + field + "' must have " + min + ".." + max + " entries, got "
                    + v.size());
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String entry = at(field) + "/" + i;
            if (!v.get(i).isTextual()) {
                throw ApiProblem.field(entry, "must be a string");
            }
            String text = v.get(i).textValue();
            String problem = IntakeRules.textProblem(text, false);
            if (problem != null || text.isBlank() || text.strip().length() > maxLength) {
                throw ApiProblem.field(entry, problem != null ? problem
                        : "must be 1.." + maxLength + " characters after trimming, got " + text.strip().length());
            }
            values.add(text.strip());
        }
        return values;
    }

    /** The entries of an object field as (key, integer value) pairs, e.g. {@code {"USD": 500}}. */
    Map<String, Long> integerMap(String field) {
        Map<String, Long> map = new TreeMap<>();
        if (!has(field)) {
            return map;
        }
        JsonNode v = node.get(field);
        if (!v.isObject()) {
            throw ApiProblem.field(at(field), "'" + field + "' must be an object");
        }
        for (Iterator<String> names = v.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = v.get(name);
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0
                    || !withinAmountLimit(value.longValue())) {
                throw ApiProblem.field(at(field) + "/" + name.replace("~", "~0").replace("/", "~1"),
                        "must be a non-negative integer (minor units) of at most " + MAX_AMOUNT_MINOR);
            }
            map.put(name, value.longValue());
        }
        return map;
    }

    /**
     * Runs {@code build}, turning a domain validation failure into a refusal of the field it names (the records'
     * messages start with the field's label, e.g. "postal code is longer than 20 characters"), or of this object.
     */
    <T> T build(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = e.getMessage() == null ? "invalid" : e.getMessage();
            String field = fieldNamedBy(message);
            throw ApiProblem.field(field != null ? at(field) : pointer.isEmpty() ? "/" : pointer, message);
        }
    }

    /** How the records' validation messages name the fields of the API's objects (longest label first). */
    private static final List<Map.Entry<String, String>> LABELS = Stream.of(
            Map.entry("name", "name"), Map.entry("email", "email"),
            Map.entry("payment terms", "paymentTermsDays"), Map.entry("tax id", "taxId"),
            Map.entry("external reference", "externalRef"),
            Map.entry("customer reference", "customerReference"), Map.entry("company number", "companyNumber"),
            Map.entry("seller company number", "companyNumber"),
            Map.entry("payer name", "payerNames"), Map.entry("payer names", "payerNames"),
            Map.entry("virtual accounts", "virtualAccounts"), Map.entry("a virtual account", "virtualAccounts"),
            Map.entry("address line1", "line1"), Map.entry("address line2", "line2"),
            Map.entry("postal code", "postalCode"), Map.entry("city", "city"),
            Map.entry("region", "region"), Map.entry("country", "country"),
            Map.entry("product name", "name"), Map.entry("trial days", "trialDays"),
            Map.entry("seller name", "name"), Map.entry("seller email", "email"),
            Map.entry("seller phone", "phone"), Map.entry("seller website", "website"),
            Map.entry("seller tax id", "taxId"),
            Map.entry("payment link template", "paymentLinkTemplate"),
            Map.entry("bank name", "bankName"), Map.entry("account holder", "accountHolder"),
            Map.entry("IBAN", "iban"), Map.entry("BIC", "bic"),
            Map.entry("account number", "accountNumber"), Map.entry("bank code", "bankCode"),
            Map.entry("a bank account needs an IBAN", "iban"),
            Map.entry("a late-fee percentage", "percent"),
            Map.entry("each kind of step", "steps"), Map.entry("reason", "reason"))
            .sorted((a, b) -> b.getKey().length() - a.getKey().length()).toList();

    private String fieldNamedBy(String message) {
        for (Map.Entry<String, String> label : LABELS) {
            if (message.startsWith(label.getKey() + " ") && accepted.contains(label.getValue())) {
                return label.getValue();
            }
        }
        return null;
    }
}
