package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API never touches the store: a route class ({@code *Routes.java}) reads through query services and writes
 * through use cases, so it names nothing of {@code io.periodic.billing.persistence} (no import, no qualified
 * name). Checked on the source, like {@code SourceRulesTest}.
 */
class RouteClassesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/periodic/functions/billingapi");

    @Test
    void routeClassesNameNothingOfThePersistencePackage() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> classes = new TreeSet<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Routes.java")).toList()) {
                classes.add(file.getFileName().toString().replace(".java", ""));
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.contains("io.periodic.billing.persistence") || line.contains("BillingStore")) {
                        violations.add(file.getFileName() + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            }
        }
        assertEquals(Set.of("CustomerRoutes", "InvoiceRoutes", "PaymentRoutes", "PlanRoutes", "ReportRoutes",
                "SettingsRoutes", "SubscriptionRoutes"), classes, "one route class per openapi.yaml tag");
        assertTrue(violations.isEmpty(), "route classes reach the store only through the services in "
                + "io.periodic.billing.service; found:\n" + String.join("\n", violations));
    }
}
