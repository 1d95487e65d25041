package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.model.Branding;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.rendering.InvoiceDocument;
import io.periodic.billing.testing.TestAdapters;
import io.periodic.billing.wiring.Periodic;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Branding through the API (docs/branding.md): the logo uploaded, read back, replaced and removed at {@code
 * /settings/logo}, kept in the document store; the colour and footer notes on {@code PUT /settings}; a refused
 * logo stores nothing; and the root's renderer embeds the stored logo in the documents.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class BrandingApiTest {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final String SELLER = "{\"seller\": {\"name\": \"Seller KK\", \"email\": \"billing@seller.example\", "
            + "\"address\": {\"line1\": \"1-1\", \"city\": \"Tokyo\", \"country\": \"JP\"}}";
    private static final byte[] PNG = ApiWorld.resource("/branding/logo.png");
    private static final byte[] JPEG = ApiWorld.resource("/branding/logo.jpg");
    private ApiWorld world;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
    }

    private ApiWorld.Reply putLogo(String contentType, byte[] content) {
        return world.send(ApiWorld.event("PUT", "/settings/logo", Map.of(), Map.of("Content-Type", contentType),
                Base64.getEncoder().encodeToString(content), true, ApiWorld.CALLER));
    }

    private List<Path> storedLogos() throws IOException {
        Path dir = world.documentsDir().resolve("branding");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void aPngLogoIsStoredShownAndServedAsUploaded() throws IOException {
        ApiWorld.Reply put = putLogo("image/png", PNG);
        assertEquals(200, put.status(), put.toString());
        JsonNode logo = put.json().at("/branding/logo");
        assertEquals("image/png", logo.get("contentType").textValue());
        assertEquals(360, logo.get("width").intValue());
        assertEquals(96, logo.get("height").intValue());
        assertEquals(PNG.length, logo.get("bytes").intValue());
        assertEquals("/settings/logo", logo.get("url").textValue());
        assertEquals(logo, world.get("/settings").json().at("/branding/logo"));

        Branding.Logo stored = world.store.settings().requireSeller().branding().logo();
        assertTrue(stored.key().matches("branding/logo-[0-9a-f]{32}\\.png"), stored.key());
        assertArrayEquals(PNG, world.documents.get(stored.key()), "stored byte for byte");

        ApiWorld.Reply get = world.get("/settings/logo");
        assertEquals(200, get.status());
        assertEquals("image/png", get.header("Content-Type"));
        assertEquals("nosniff", get.header("X-Content-Type-Options"));
        assertTrue(get.header("Content-Security-Policy").contains("default-src 'none'"));
        assertArrayEquals(PNG, Base64.getDecoder().decode(get.body()));
    }

    @Test
    void replacingTheLogoRemovesTheOldFileAndDeletingRemovesIt() throws IOException {
        assertEquals(200, putLogo("image/png", PNG).status());
        ApiWorld.Reply jpeg = putLogo("image/jpeg", JPEG);
        assertEquals(200, jpeg.status(), jpeg.toString());
        assertEquals("image/jpeg", jpeg.json().at("/branding/logo/contentType").textValue());
        assertEquals(1, storedLogos().size(), "the PNG's file is gone: " + storedLogos());
        assertTrue(storedLogos().get(0).toString().endsWith(".jpg"));

        assertEquals(200, putLogo("image/jpeg", JPEG).status(), "the same logo again: idempotent");
        assertEquals(1, storedLogos().size());

        ApiWorld.Reply deleted = world.call("DELETE", "/settings/logo", Map.of(), Map.of(), null);
        assertEquals(204, deleted.status(), deleted.toString());
        assertNull(world.store.settings().requireSeller().branding().logo());
        assertTrue(storedLogos().isEmpty());
        assertEquals(404, world.get("/settings/logo").status());
        assertTrue(world.get("/settings").json().at("/branding/logo").isNull());
        assertEquals(204, world.call("DELETE", "/settings/logo", Map.of(), Map.of(), null).status(),
                "deleting again is no error");
    }

    @Test
    void anSvgLogoIsTakenWhenCleanAndRefusedNamingWhatItHolds() throws IOException {
        String clean = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" "
                + "height=\"10\" fill=\"#0B5FA5\"/></svg>";
        ApiWorld.Reply ok = putLogo("image/svg+xml", clean.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(0, ok.json().at("/branding/logo/width").intValue(), "vector: no pixel size");

        ApiWorld.Reply hostile = putLogo("image/svg+xml", ("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "onload=\"fetch('https://evil.example')\"><script>alert(document.cookie)</script></svg>")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(422, hostile.status(), hostile.toString());
        assertEquals("unsafe-svg", hostile.problemType());
        assertEquals("/", hostile.at());
        String detail = hostile.json().get("detail").textValue();
        assertTrue(detail.contains("the event-handler attribute onload on <svg> at /svg"), detail);
        assertTrue(detail.contains("<script> at /svg/script (script)"), detail);
        assertEquals("image/svg+xml", world.store.settings().requireSeller().branding().logo().contentType(),
                "the clean logo stays");
        assertEquals(1, storedLogos().size(), "nothing stored");
    }

    @Test
    void aRefusedLogoChangesNothing() throws IOException {
        assertEquals(200, putLogo("image/png", PNG).status());
        Branding before = world.store.settings().requireSeller().branding();
        byte[] fake = PNG.clone();
        System.arraycopy("<html>not an image</html>".getBytes(StandardCharsets.US_ASCII), 0, fake, 8, 25);
        ApiWorld.Reply refused = putLogo("image/png", fake);
        assertEquals(422, refused.status(), refused.toString());
        assertEquals("invalid-logo", refused.problemType());
        assertTrue(refused.json().get("detail").textValue().startsWith("the content starts like a PNG but is not "
                + "one"), refused.toString());
        ApiWorld.Reply big = putLogo("image/png", new byte[300_000]);
        assertEquals(413, big.status(), big.toString());
        assertEquals(415, putLogo("text/html", PNG).status());
        assertEquals(before, world.store.settings().requireSeller().branding());
        assertEquals(1, storedLogos().size());
    }

    @Test
    void colourAndFooterNotesAreSetShownAndTheLogoSurvivesASettingsReplacement() {
        assertEquals(200, putLogo("image/png", PNG).status());
        ApiWorld.Reply put = world.call("PUT", "/settings", Map.of(), JSON, SELLER + ", \"branding\": {\"color\": "
                + "\"#0b5fa5\", \"footerNotes\": {\"en\": \"Thank you\", \"ja\": \"いつもありがとうございます。\"}}}");
        assertEquals(200, put.status(), put.toString());
        JsonNode branding = put.json().get("branding");
        assertEquals("#0B5FA5", branding.get("color").textValue());
        assertEquals("いつもありがとうございます。", branding.at("/footerNotes/ja").textValue());
        assertEquals("image/png", branding.at("/logo/contentType").textValue(), "the logo is kept");

        ApiWorld.Reply light = world.call("PUT", "/settings", Map.of(), JSON, SELLER + ", \"branding\": {\"color\": "
                + "\"#FFE066\"}}");
        assertEquals(422, light.status(), light.toString());
        assertEquals("/branding/color", light.at());
        assertTrue(light.json().get("detail").textValue().contains("too light"), light.toString());
        assertEquals("#0B5FA5", world.store.settings().requireSeller().branding().color(), "nothing half-applied");

        ApiWorld.Reply plain = world.call("PUT", "/settings", Map.of(), JSON, SELLER + "}");
        assertEquals(200, plain.status());
        assertTrue(plain.json().at("/branding/color").isNull(), "a replacement without branding clears the colour");
        assertEquals(0, plain.json().at("/branding/footerNotes").size());
        assertFalse(plain.json().at("/branding/logo").isNull(), "but not the logo");
    }

    @Test
    void theRootsRendererEmbedsTheStoredLogoInTheDocument(DynamoDbLocalEngine engine) {
        assertEquals(200, putLogo("image/png", PNG).status());
        Periodic root = new TestAdapters(engine.clientBuilder().build()).documents(world.documents).root();
        String customerId = world.customer("JPY");
        Invoice invoice = world.openInvoice(customerId, "JPY", 1_000);
        Customer customer = world.store.customers().get(customerId).orElseThrow();
        String html = root.renderer().invoiceHtml(new InvoiceDocument(invoice, customer,
                world.store.settings().requireSeller()));
        assertTrue(html.contains("src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(PNG) + "\""));
    }
}
