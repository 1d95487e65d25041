package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link InvoiceQueries#document}: which stored document an invoice has, on DynamoDB Local and a folder. */
@ExtendWith(DynamoDbLocalExtension.class)
class InvoiceQueriesTest {
    private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");
    private final BillingStore store;
    private final DirectoryDocumentStore documents;
    private final InvoiceQueries queries;

    InvoiceQueriesTest(DynamoDbClient dynamo) throws Exception {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
        this.documents = new DirectoryDocumentStore(Files.createTempDirectory("invoice-queries"));
        this.queries = new InvoiceQueries(store, documents);
    }

    private Invoice invoice(InvoiceStatus status, String number) {
        Money net = Money.of(10_000, "EUR");
        Money zero = Money.zero(Currencies.of("EUR"));
        InvoiceLine line = new InvoiceLine("Team plan", LineKind.SUBSCRIPTION, null, LocalDate.of(2027, 3, 1),
                LocalDate.of(2027, 4, 1), 1, net, net, TaxRate.ZERO, zero);
        return store.invoices().create(new Invoice(Ids.newId("inv"), number, Ids.newId("cus"), null,
                Currencies.of("EUR"), status, List.of(line), zero, zero, LocalDate.of(2027, 3, 1),
                LocalDate.of(2027, 4, 1), LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 15), null, NOW, null, null));
    }

    @Test
    void aDraftHasNoDocumentYet() {
        Invoice draft = invoice(InvoiceStatus.DRAFT, null);
        ConflictException refused = assertThrows(ConflictException.class, () -> queries.document(draft.id(), false));
        assertTrue(refused.getMessage().contains("is a draft"), refused.getMessage());
    }

    @Test
    void anIssuedInvoiceHasItsHtmlAtOnceAndItsPdfOnceRendered() {
        Invoice open = invoice(InvoiceStatus.OPEN, "Q-2027-000001");
        byte[] html = "<html>Q-2027-000001</html>".getBytes(StandardCharsets.UTF_8);
        documents.put(InvoiceNotifications.documentKey(open), "text/html; charset=utf-8", html);

        InvoiceQueries.Document asHtml = queries.document(open.id(), false);
        assertEquals(open.id(), asHtml.invoice().id());
        assertArrayEquals(html, asHtml.content());
        assertNull(queries.document(open.id(), true).content(), "no PDF before it is rendered");

        byte[] pdf = {'%', 'P', 'D', 'F', '-', '1', '.', '7'};
        documents.put("invoices/" + open.id() + ".pdf", "application/pdf", pdf);
        assertArrayEquals(pdf, queries.document(open.id(), true).content(), "the PDF sits next to the HTML");
    }

    @Test
    void anUnknownInvoiceIsNotFound() {
        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> queries.document("inv_unknown_" + Ids.randomLetters(8), true));
        assertEquals("invoice", missing.what());
    }
}
