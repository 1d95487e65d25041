package io.periodic.functions.billingapi;

import io.periodic.functions.billingapi.Http.ApiProblem;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Query parameters: only the named ones are accepted; each refusal names the parameter. */
final class Query {
    static final int DEFAULT_PAGE = 25;
    static final int MAX_PAGE = 100;

    private final Map<String, String> values;

    Query(Map<String, String> values, String... allowed) {
        this.values = values;
        Set<String> names = Set.of(allowed);
        for (String name : values.keySet()) {
            if (!names.contains(name)) {
                throw ApiProblem.parameter(name, "unknown query parameter '" + name + "'"
                        + (allowed.length == 0 ? "" : "; accepted here: " + String.join(", ", allowed)));
            }
        }
    }

    String string(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    <T> T parsed(String name, Function<String, T> parse) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return parse.apply(v);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.parameter(name, "'" + name + "' " + e.getMessage());
        }
    }

    LocalDate date(String name) {
        String v = string(name);
        return v == null ? null : JsonIn.date(v, () -> ApiProblem.parameter(name,
                "'" + name + "' must be a real calendar date written YYYY-MM-DD, got '" + v + "'"));
    }

    int limit() {
        String v = string("limit");
        if (v == null) {
            return DEFAULT_PAGE;
        }
        try {
            int limit = Integer.parseInt(v);
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw ApiProblem.parameter("limit", "'limit' must be an integer 1.." + MAX_PAGE + ", got '" + v + "'");
    }
}
