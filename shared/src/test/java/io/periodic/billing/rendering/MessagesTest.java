package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.rendering.Messages.Segment;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The label bundles: complete in every language, valid UTF-8, valid MessageFormat patterns. */
class MessagesTest {

    private static final String DIR = "/io/periodic/billing/rendering/";

    private static String read(String file) throws IOException {
        try (InputStream in = MessagesTest.class.getResourceAsStream(DIR + file)) {
            assertNotNull(in, file + " is missing");
            // Strict UTF-8: a Latin-1 or broken file fails here instead of showing mojibake on an invoice.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.readAllBytes()))
                    .toString();
        }
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(read(file)));
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages_ja.properties", "messages_ko.properties", "messages_sr_Latn.properties"})
    void everyLanguageHasEveryKeyOfTheEnglishBundle(String file) throws IOException {
        // A missing key would silently fall back to English in the middle of a Japanese invoice.
        Set<String> english = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> translated = new TreeSet<>(load(file).stringPropertyNames());
        assertEquals(english, translated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.properties", "messages_ja.properties", "messages_ko.properties",
            "messages_sr_Latn.properties"})
    void patternsAreValidMessageFormats(String file) throws IOException {
        Properties bundle = load(file);
        for (String key : bundle.stringPropertyNames()) {
            String value = bundle.getProperty(key);
            if (value.contains("{")) {
                MessageFormat format = new MessageFormat(value, Locale.ROOT);
                String once = format.format(args(key));
                assertFalse(once.contains("{"), file + " " + key + " leaves a placeholder: " + once);
                assertFalse(value.replace("''", "").contains("'"),
                        file + " " + key + ": a single apostrophe in a MessageFormat pattern is swallowed; write ''");
            }
        }
    }

    private static Object[] args(String key) {
        return key.equals("terms.days") ? new Object[] {30} : new Object[] {"X", "Y", "Z"};
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.properties", "messages_ja.properties", "messages_ko.properties",
            "messages_sr_Latn.properties"})
    void noBlankLabelsExceptTheOptionalIntro(String file) throws IOException {
        Properties bundle = load(file);
        for (String key : bundle.stringPropertyNames()) {
            if (!key.equals("invoice.intro")) {
                assertFalse(bundle.getProperty(key).isBlank(), file + " " + key + " is blank");
            }
        }
    }

    @Test
    void serbianLabelsAreLatin() throws IOException {
        String text = read("messages_sr_Latn.properties");
        assertFalse(text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.CYRILLIC));
        assertTrue(text.contains("Rok plaćanja"), "UTF-8 č/ć read correctly");
    }

    @Test
    void theEnglishBundleDoesNotFallBackToTheMachinesDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.JAPANESE);
            ResourceBundle.clearCache(Messages.class.getClassLoader());
            assertEquals("Invoice", Messages.load(DocumentLanguage.EN).get("invoice.title"));
            assertEquals("請求書", Messages.load(DocumentLanguage.JA).get("invoice.title"));
            Locale.setDefault(Locale.forLanguageTag("ko-KR"));
            ResourceBundle.clearCache(Messages.class.getClassLoader());
            assertEquals("Faktura", Messages.load(DocumentLanguage.SR_LATN).get("invoice.title"));
        } finally {
            Locale.setDefault(before);
            ResourceBundle.clearCache(Messages.class.getClassLoader());
        }
    }

    @Test
    void bundlesAreLoadedOnceAndCached() {
        assertSame(Messages.of(DocumentLanguage.KO), Messages.of(DocumentLanguage.KO));
    }

    @Test
    void paymentTermsInEveryLanguage() {
        Messages en = Messages.of(DocumentLanguage.EN);
        assertEquals("Due on receipt", en.format("terms.days", 0L));
        assertEquals("Payment due within 1 day", en.format("terms.days", 1L));
        assertEquals("Payment due within 30 days", en.format("terms.days", 30L));
        assertEquals("請求書受領後すみやかに", Messages.of(DocumentLanguage.JA).format("terms.days", 0L));
        assertEquals("請求書発行日から30日以内", Messages.of(DocumentLanguage.JA).format("terms.days", 30L));
        assertEquals("발행일로부터 14일 이내", Messages.of(DocumentLanguage.KO).format("terms.days", 14L));
        assertEquals("청구서 수령 즉시", Messages.of(DocumentLanguage.KO).format("terms.days", 0L));
        assertEquals("Plaćanje u roku od 15 dana", Messages.of(DocumentLanguage.SR_LATN).format("terms.days", 15L));
        assertEquals("Plaćanje u roku od 1 dana", Messages.of(DocumentLanguage.SR_LATN).format("terms.days", 1L));
        assertEquals("Plaćanje odmah po prijemu fakture", Messages.of(DocumentLanguage.SR_LATN).format("terms.days", 0L));
    }

    @Test
    void richSentencesSplitOutTheirArguments() {
        List<Segment> parts = Messages.of(DocumentLanguage.EN).rich("payment.reference", "INV-2026-000123");
        assertEquals(List.of(
                new Segment("Please quote invoice number ", false),
                new Segment("INV-2026-000123", true),
                new Segment(" as the payment reference.", false)), parts);
        List<Segment> ja = Messages.of(DocumentLanguage.JA).rich("payment.reference", "<b>{0}'");
        assertEquals(new Segment("<b>{0}'", true), ja.get(1), "arguments are kept verbatim (escaped later by jte)");
        assertEquals(List.of(new Segment("Ova faktura je stornirana i ne treba je plaćati.", false)),
                Messages.of(DocumentLanguage.SR_LATN).rich("notice.void"));
    }
}
