package io.periodic.billing.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the seller's documents look beyond their content (docs/branding.md): the logo in the letterhead, the brand
 * colour of the title and rules, and a free footer note per document language.
 *
 * @param logo the uploaded logo (stored in the document store under {@link Logo#key}), or null
 * @param color the brand colour as {@code #RRGGBB} (upper case), or null for the default ink; it prints the
 *     document title (22 pt) and the rules of the letterhead and the amount due, so it must reach a contrast of at
 *     least {@link #MIN_CONTRAST}:1 against the white page (WCAG 2.2, 1.4.3 large text and 1.4.11 non-text)
 * @param footerNotes per document language ({@link #LANGUAGES}), a note printed in the footer; plain text (it is
 *     HTML-escaped), at most {@link #FOOTER_NOTE_MAX} characters and {@link #FOOTER_NOTE_MAX_LINES} lines
 */
public record Branding(Logo logo, String color, Map<String, String> footerNotes) {
    /** No logo, the default colour, no footer note. */
    public static final Branding NONE = new Branding(null, null, Map.of());
    /** The document languages a footer note can be given in (the BCP 47 tags of the documents). */
    public static final List<String> LANGUAGES = List.of("en", "ja", "ko", "sr-Latn");
    public static final int FOOTER_NOTE_MAX = 300;
    public static final int FOOTER_NOTE_MAX_LINES = 3;
    /** The least contrast ratio of the brand colour against white (WCAG large text / graphical objects). */
    public static final double MIN_CONTRAST = 3.0;

    /**
     * The stored logo: where it is, what it is and how big.
     *
     * @param key the document store key, named after the content's SHA-256 ({@code branding/logo-<sha>.png}), so a
     *     key never changes content and a renderer may cache it
     * @param contentType image/png, image/jpeg or image/svg+xml
     * @param width pixels (0 for SVG: vector)
     * @param height pixels (0 for SVG)
     * @param bytes the size of the content
     * @param sha256 the content's SHA-256, hex
     */
    public record Logo(String key, String contentType, int width, int height, int bytes, String sha256) {
        public Logo {
            Objects.requireNonNull(key, "logo key");
            if (!List.of("image/png", "image/jpeg", "image/svg+xml").contains(contentType)) {
                throw new IllegalArgumentException("logo content type must be image/png, image/jpeg or "
                        + "image/svg+xml, got " + contentType);
            }
            Objects.requireNonNull(sha256, "logo sha256");
        }

        public boolean svg() {
            return contentType.equals("image/svg+xml");
        }
    }

    public Branding {
        if (color != null) {
            String problem = colorProblem(color);
            if (problem != null) {
                throw new IllegalArgumentException("brand colour " + problem);
            }
            color = color.toUpperCase(Locale.ROOT);
        }
        Map<String, String> notes = new LinkedHashMap<>();
        for (Map.Entry<String, String> note : Objects.requireNonNullElse(footerNotes,
                Map.<String, String>of()).entrySet()) {
            if (!LANGUAGES.contains(note.getKey())) {
                throw new IllegalArgumentException("footer note language must be one of " + LANGUAGES + ", got "
                        + note.getKey());
            }
            if (note.getValue() == null || note.getValue().isBlank()) {
                continue;
            }
            String problem = footerNoteProblem(note.getValue());
            if (problem != null) {
                throw new IllegalArgumentException("footer note (" + note.getKey() + ") " + problem);
            }
            notes.put(note.getKey(), note.getValue().strip());
        }
        footerNotes = Map.copyOf(notes);
    }

    public boolean isEmpty() {
        return logo == null && color == null && footerNotes.isEmpty();
    }

    public Branding withLogo(Logo newLogo) {
        return new Branding(newLogo, color, footerNotes);
    }

    /** The note for a document in {@code languageTag}: its own, else the English one, else null. */
    public String footerNote(String languageTag) {
        String note = footerNotes.get(languageTag);
        return note != null ? note : footerNotes.get("en");
    }

    /** What is wrong with a brand colour, or null when it is usable. */
    public static String colorProblem(String color) {
        if (color == null || !color.matches("#[0-9A-Fa-f]{6}")) {
            return "must be #RRGGBB (six hex digits, e.g. #0B5FFF)";
        }
        double ratio = contrastWithWhite(color);
        if (ratio < MIN_CONTRAST) {
            return String.format(Locale.ROOT, "%s is too light: its contrast with the white page is %.2f:1, at "
                    + "least %.1f:1 is needed for the title printed in it to stay readable (WCAG 2.2 large text); "
                    + "pick a darker shade", color, ratio, MIN_CONTRAST);
        }
        return null;
    }

    /** WCAG 2.2 contrast ratio of an {@code #RRGGBB} colour against white: (1.05) / (L + 0.05). */
    public static double contrastWithWhite(String color) {
        int rgb = Integer.parseInt(color.substring(1), 16);
        double luminance = 0.2126 * channel(rgb >> 16 & 0xFF) + 0.7152 * channel(rgb >> 8 & 0xFF)
                + 0.0722 * channel(rgb & 0xFF);
        return 1.05 / (luminance + 0.05);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** What is wrong with a footer note, or null. */
    public static String footerNoteProblem(String note) {
        String text = note.strip();
        if (text.codePointCount(0, text.length()) > FOOTER_NOTE_MAX) {
            return "is longer than " + FOOTER_NOTE_MAX + " characters (" + text.codePointCount(0, text.length())
                    + ")";
        }
        if (text.lines().count() > FOOTER_NOTE_MAX_LINES) {
            return "has more than " + FOOTER_NOTE_MAX_LINES + " lines";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
                return "holds a control character (U+" + String.format("%04X", (int) c) + "); plain text and line "
                        + "breaks only";
            }
        }
        return null;
    }
}
