package io.periodic.billing.rendering;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The labels and sentences of one document language, from the UTF-8 properties bundles
 * {@code io/periodic/billing/rendering/messages[_ja|_ko|_sr_Latn].properties} ({@code messages.properties} is
 * English). Each bundle is loaded once, on first use, and cached.
 *
 * <p>Plain labels ({@link #get}) are used as written. Sentences with arguments ({@link #format}, {@link #rich})
 * are {@link MessageFormat} patterns: {@code {0}} stands for an argument and a literal apostrophe must be
 * doubled ({@code ''}).
 */
final class Messages {

    static final String BUNDLE = "io.periodic.billing.rendering.messages";

    /**
     * Properties files only (no class lookup) and no fallback to the JVM's default locale: without this, asking
     * for English on a machine whose default locale is ja would return the Japanese bundle.
     */
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static final Map<DocumentLanguage, Messages> CACHE = new ConcurrentHashMap<>();

    /** Marks an argument inside a formatted sentence (private-use characters never found in the bundles). */
    private static final char ARG_START = '\uE000';
    private static final char ARG_END = '\uE001';

    private final DocumentLanguage language;
    private final ResourceBundle bundle;

    private Messages(DocumentLanguage language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle(BUNDLE, language.locale(), Messages.class.getClassLoader(), CONTROL);
    }

    /** The cached messages of a language (loaded on first use). */
    static Messages of(DocumentLanguage language) {
        return CACHE.computeIfAbsent(Objects.requireNonNull(language, "language"), Messages::new);
    }

    /** Loads the bundle anew, bypassing this class's cache (for tests). */
    static Messages load(DocumentLanguage language) {
        return new Messages(Objects.requireNonNull(language, "language"));
    }

    /** A label as written in the bundle. @throws MissingResourceException for an unknown key */
    String get(String key) {
        return bundle.getString(key);
    }

    /** A sentence with its arguments filled in (numbers in the language's format). */
    String format(String key, Object... args) {
        return new MessageFormat(get(key), language.locale()).format(args);
    }

    /**
     * A sentence split into plain text and its (emphasised) arguments, so the template can print an invoice
     * number in bold while still escaping every part.
     */
    List<Segment> rich(String key, String... args) {
        Object[] marks = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            marks[i] = ARG_START + Integer.toString(i) + ARG_END;
        }
        String text = format(key, marks);
        List<Segment> segments = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int start = text.indexOf(ARG_START, from);
            if (start < 0) {
                segments.add(new Segment(text.substring(from), false));
                break;
            }
            if (start > from) {
                segments.add(new Segment(text.substring(from, start), false));
            }
            int end = text.indexOf(ARG_END, start);
            segments.add(new Segment(args[Integer.parseInt(text.substring(start + 1, end))], true));
            from = end + 1;
        }
        return List.copyOf(segments);
    }

    /** A piece of a sentence: plain text or an emphasised argument. */
    record Segment(String text, boolean strong) {
    }
}
