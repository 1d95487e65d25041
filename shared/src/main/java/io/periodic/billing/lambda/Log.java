package io.periodic.billing.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One JSON object per line on stdout (CloudWatch Logs Insights can query the fields). */
public final class Log {
    private static final JsonFactory JSON = new JsonFactory();

    private Log() {}

    public static void event(String name, String... keyValues) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("event", name);
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                if (keyValues[i + 1] != null) {
                    g.writeStringField(keyValues[i], keyValues[i + 1]);
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(out);
    }
}
