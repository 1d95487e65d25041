package io.periodic.functions.invoicepdf;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer.SvgScriptMode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Draws a seller's SVG logo on the PDF (docs/branding.md, "SVG on the PDF"). The documents carry it as
 * {@code <img class="logo logo-svg" src="data:image/svg+xml;base64,…">}; openhtmltopdf hands such an image to the
 * registered SVG drawer, Apache Batik, which draws it as vector graphics.
 *
 * <p>Batik runs in secure mode: no scripts ({@link SvgScriptMode#SECURE}) and no external resources but
 * {@code data:} URIs, the only kind a logo may hold ({@code <image>} with an embedded PNG or JPEG): openhtmltopdf's
 * user agent refuses any other URL ({@code http:}, {@code https:}, {@code file:}, {@code jar:} …) before Batik
 * opens it, and Batik then gives up drawing that logo (openhtmltopdf logs "Couldn't draw SVG"; the box stays empty).
 * That is the constructor with an allow-list of protocols; {@code SvgExternalResourceMode.SECURE} alone would also
 * refuse the embedded images. This is the second line: the logo was already checked by {@code SvgLogos} when it was
 * uploaded.
 *
 * <p>Batik is only touched through this class, and only for a document with an SVG logo: a document without one
 * loads none of its classes. A drawer is made per render: it is cheap (its constructor sets three fields) and it
 * holds the render's user agent and fonts, so one shared drawer would not be safe for renders on several threads.
 */
final class SvgLogoDrawing {
    private SvgLogoDrawing() {}

    /**
     * The logo box on the PDF in CSS pixels (96 per inch): 50 mm wide as on the HTML (rendering/Branded), 11 mm high
     * as {@link HtmlToPdf#PRINT_CSS} limits the logo ({@code .logo { max-height: 11mm }}). Fitting the SVG into
     * this box itself leaves no empty space beside it, so it sits where the PNG logo sits.
     */
    static final int BOX_WIDTH = 189;
    static final int BOX_HEIGHT = 41;

    static final String DATA_PREFIX = "data:image/svg+xml;base64,";
    private static final String SELECTOR = "img.logo-svg[src^=" + DATA_PREFIX + "]";
    private static final Pattern ROOT = Pattern.compile("<svg\\b[^>]*>");
    private static final Pattern VIEW_BOX = Pattern.compile(
            "\\sviewBox\\s*=\\s*[\"']\\s*[-+.\\deE]+[\\s,]+[-+.\\deE]+[\\s,]+([+.\\deE]+)[\\s,]+([+.\\deE]+)\\s*[\"']");
    private static final Pattern WIDTH = Pattern.compile("\\swidth\\s*=\\s*[\"']\\s*([.\\d]+)\\s*(?:px)?\\s*[\"']");
    private static final Pattern HEIGHT = Pattern.compile("\\sheight\\s*=\\s*[\"']\\s*([.\\d]+)\\s*(?:px)?\\s*[\"']");

    /**
     * Whether the document has an SVG logo to draw; if so, makes its {@code href}s readable for Batik
     * ({@link SvgHrefs}) and gives each such image a width and height fitted into the PDF's logo box with the SVG's
     * aspect ratio (from its {@code viewBox}, else its {@code width} and {@code height}), as a PNG logo has them, so
     * the PDF places and sizes it like the HTML does. An SVG whose size cannot be read keeps openhtmltopdf's default
     * size (the box's limits in the style sheet still apply).
     */
    static boolean prepare(Document document) {
        Elements logos = document.select(SELECTOR);
        for (Element logo : logos) {
            String batikReady = SvgHrefs.withXlinkHrefs(logo.attr("src"));
            if (batikReady != null) {
                logo.attr("src", batikReady);
            }
            double[] size = intrinsicSize(logo.attr("src"));
            if (size != null) {
                long width = BOX_WIDTH;
                long height = Math.round(size[1] * BOX_WIDTH / size[0]);
                if (height > BOX_HEIGHT) {
                    height = BOX_HEIGHT;
                    width = Math.round(size[0] * BOX_HEIGHT / size[1]);
                }
                logo.attr("width", Long.toString(Math.max(1, width)));
                logo.attr("height", Long.toString(Math.max(1, height)));
            }
        }
        return !logos.isEmpty();
    }

    /** Takes the SVG logo out of the document (when Batik could not draw it). */
    static void remove(Document document) {
        document.select(SELECTOR).remove();
    }

    /** The SVG's width and height in user units (both positive), or null when its root says neither. */
    static double[] intrinsicSize(String dataUri) {
        String svg;
        try {
            svg = new String(Base64.getMimeDecoder().decode(dataUri.substring(DATA_PREFIX.length())),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Matcher root = ROOT.matcher(svg);
        if (!root.find()) {
            return null;
        }
        String tag = root.group();
        Matcher viewBox = VIEW_BOX.matcher(tag);
        double[] size = viewBox.find() ? parse(viewBox.group(1), viewBox.group(2)) : null;
        if (size == null) {
            Matcher width = WIDTH.matcher(tag);
            Matcher height = HEIGHT.matcher(tag);
            size = width.find() && height.find() ? parse(width.group(1), height.group(1)) : null;
        }
        return size;
    }

    private static double[] parse(String width, String height) {
        try {
            double w = Double.parseDouble(width);
            double h = Double.parseDouble(height);
            return w > 0 && h > 0 && Double.isFinite(w) && Double.isFinite(h) ? new double[] {w, h} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Registers the secure SVG drawer on the builder, and gives it Noto Sans (regular and bold) for a logo's text:
     * under its own name and as {@code sans-serif}, {@code serif} and {@code monospace}, so text in a logo is drawn
     * with an embedded font rather than whatever the machine has (a Lambda runtime has few or none). A logo whose text
     * names another family gets Batik's fallback; logos usually have their text as paths.
     */
    static void register(PdfRendererBuilder builder, FontSource regular, FontSource bold) {
        builder.useSVGDrawer(new BatikSVGDrawer(SvgScriptMode.SECURE, Set.of("data")));
        for (String family : new String[] {"Noto Sans", "sans-serif", "serif", "monospace"}) {
            builder.useFont(regular::open, family, 400, FontStyle.NORMAL, true, EnumSet.of(FSFontUseCase.SVG));
            builder.useFont(bold::open, family, 700, FontStyle.NORMAL, true, EnumSet.of(FSFontUseCase.SVG));
        }
    }

    /** A font file, opened each time it is read. */
    @FunctionalInterface
    interface FontSource {
        InputStream open();
    }
}
