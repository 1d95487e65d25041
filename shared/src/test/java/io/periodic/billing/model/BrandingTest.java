package io.periodic.billing.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The brand colour (format and contrast with the white page) and the footer notes (languages, limits). */
class BrandingTest {

    @Test
    void theColourIsSixHexDigitsKeptInUpperCase() {
        assertEquals("#0B5FA5", new Branding(null, "#0b5fa5", Map.of()).color());
        for (String bad : new String[] {"0B5FA5", "#0B5", "#0B5FA5FF", "#GGGGGG", "blue", "rgb(0,0,0)", " #0B5FA5"}) {
            assertEquals("must be #RRGGBB (six hex digits, e.g. #0B5FFF)", Branding.colorProblem(bad), bad);
        }
    }

    @Test
    void theContrastWithWhiteFollowsWcag() {
        assertEquals(21.0, Branding.contrastWithWhite("#000000"), 1e-9);
        assertEquals(1.0, Branding.contrastWithWhite("#FFFFFF"), 1e-9);
        assertEquals(4.54, Branding.contrastWithWhite("#767676"), 0.01); // the well-known AA grey
        assertEquals(3.0, Branding.contrastWithWhite("#949494"), 0.05);
    }

    @Test
    void aColourTooLightForTheTitleIsRefusedWithItsRatio() {
        String problem = Branding.colorProblem("#FFD500");
        assertTrue(problem.startsWith("#FFD500 is too light: its contrast with the white page is 1.4"), problem);
        assertTrue(problem.contains("at least 3.0:1"), problem);
        assertNull(Branding.colorProblem("#B8860B".replace("B8860B", "8A6100"))); // a dark gold passes
        assertThrows(IllegalArgumentException.class, () -> new Branding(null, "#FFFFFF", Map.of()));
    }

    @Test
    void footerNotesAreLimitedAndOnlyInTheDocumentLanguages() {
        assertNull(Branding.footerNoteProblem("x".repeat(Branding.FOOTER_NOTE_MAX)));
        assertEquals("is longer than 300 characters (301)", Branding.footerNoteProblem("x".repeat(301)));
        // characters, not UTF-16 units: 300 emoji are fine
        assertNull(Branding.footerNoteProblem("\uD83D\uDE00".repeat(300)));
        assertEquals("has more than 3 lines", Branding.footerNoteProblem("a\nb\nc\nd"));
        assertTrue(Branding.footerNoteProblem("a\u0007b").startsWith("holds a control character (U+0007)"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Branding(null, null, Map.of("de", "Danke")));
        assertEquals("footer note language must be one of [en, ja, ko, sr-Latn], got de", e.getMessage());
    }

    @Test
    void aDocumentGetsItsLanguagesNoteElseTheEnglishOneElseNone() {
        Branding both = new Branding(null, null, Map.of("en", "Thanks", "ja", "ありがとうございます"));
        assertEquals("ありがとうございます", both.footerNote("ja"));
        assertEquals("Thanks", both.footerNote("ko"));
        assertNull(new Branding(null, null, Map.of("ja", "ありがとうございます")).footerNote("en"));
        assertTrue(new Branding(null, null, Map.of("en", "  ")).isEmpty()); // blank notes are none
    }
}
