package io.periodic.billing.rendering;

import io.periodic.billing.rendering.LogoRejected.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Decides whether an SVG logo is safe to store, serve and embed (docs/branding.md, threat notes). It refuses rather
 * than alters: the seller learns exactly what was found ({@link LogoRejected#findings}) and the stored file is
 * byte for byte the one uploaded.
 *
 * <p>Parsed with the JDK's XML parser configured as the OWASP XXE Prevention Cheat Sheet says: no DOCTYPE at all
 * (so no entity can be declared, expanded or fetched: XXE and "billion laughs" fail at parse time), no external
 * DTD or schema access, no XInclude, secure processing on. Then every node is checked against an allow-list of
 * SVG elements (no {@code script}, {@code foreignObject}, {@code a}, {@code iframe}, animation elements; nothing
 * outside the SVG namespace), no event-handler attribute ({@code on*}), no reference that is not local
 * ({@code href} must be {@code #id}, or a {@code data:image/png|jpeg} inside {@code <image>}), no {@code url(…)}
 * to anything but {@code #id}, no {@code @import}, {@code javascript:} or {@code expression(} in attributes or
 * style sheets, and no processing instruction ({@code <?xml-stylesheet?>}).
 */
public final class SvgLogos {
    static final String SVG_NS = "http://www.w3.org/2000/svg";
    static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    /** Deeper nesting than this is refused (no logo needs it; it bounds the walk). */
    static final int MAX_DEPTH = 64;
    /** At most this many findings are listed. */
    static final int MAX_FINDINGS = 10;

    private static final Set<String> ELEMENTS = Set.of("svg", "g", "defs", "title", "desc", "metadata", "symbol",
            "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
            "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "image", "style",
            "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feFuncR", "feFuncG", "feFuncB", "feFuncA",
            "feComposite", "feFlood", "feGaussianBlur", "feMerge", "feMergeNode", "feOffset", "feDropShadow");
    private static final Pattern URL = Pattern.compile("url\\s*\\(\\s*['\"]?\\s*([^'\")\\s]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCAL_IMAGE = Pattern.compile("data:image/(png|jpeg);base64,[A-Za-z0-9+/=\\s]*");

    private SvgLogos() {}

    /**
     * Checks an SVG.
     *
     * @throws LogoRejected {@link Reason#UNSAFE_SVG} with every finding, or {@link Reason#NOT_AN_IMAGE} when it is
     *     not well-formed XML with an {@code <svg>} root
     */
    public static void check(byte[] content) {
        Document document = parse(content);
        Element root = document.getDocumentElement();
        if (!"svg".equals(root.getLocalName()) || !SVG_NS.equals(root.getNamespaceURI())) {
            throw new LogoRejected(Reason.NOT_AN_IMAGE, "the content is XML but not SVG: its root is <"
                    + root.getNodeName() + ">, not <svg xmlns=\"" + SVG_NS + "\">");
        }
        List<String> findings = new ArrayList<>();
        for (Node n = document.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                findings.add("the processing instruction <?" + n.getNodeName() + "?> (style sheets and the like "
                        + "load from outside)");
            }
        }
        walk(root, "", 1, findings);
        if (!findings.isEmpty()) {
            List<String> listed = findings.size() > MAX_FINDINGS ? findings.subList(0, MAX_FINDINGS) : findings;
            throw new LogoRejected(Reason.UNSAFE_SVG, "the SVG holds what a logo may not (nothing was stored; "
                    + "remove it, or export as plain SVG): " + String.join("; ", listed)
                    + (findings.size() > MAX_FINDINGS ? "; and " + (findings.size() - MAX_FINDINGS) + " more" : ""),
                    listed);
        }
    }

    private static Document parse(byte[] content) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId);
            });
            return builder.parse(new ByteArrayInputStream(content));
        } catch (SAXParseException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("DOCTYPE")) {
                throw new LogoRejected(Reason.UNSAFE_SVG, "the SVG has a DOCTYPE (a DTD, where entities are "
                        + "declared): refused so that no entity can expand or reach outside (XXE, \"billion "
                        + "laughs\"); remove the <!DOCTYPE …> line", List.of("a DOCTYPE (DTD / entity declarations)"));
            }
            throw new LogoRejected(Reason.NOT_AN_IMAGE, "the content is not well-formed SVG (XML) at line "
                    + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + LogoImages.printable(message));
        } catch (SAXException e) {
            throw new LogoRejected(Reason.UNSAFE_SVG, "the SVG refers to an external entity, which is refused",
                    List.of("an external entity"));
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser could not be set up or read memory", e);
        }
    }

    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // warnings change nothing
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };

    private static void walk(Element element, String parentPath, int depth, List<String> findings) {
        String name = element.getLocalName() == null ? element.getNodeName() : element.getLocalName();
        String path = parentPath + "/" + name;
        if (depth > MAX_DEPTH) {
            findings.add("elements nested deeper than " + MAX_DEPTH + " levels at " + path);
            return;
        }
        if (!SVG_NS.equals(element.getNamespaceURI())) {
            findings.add("<" + element.getNodeName() + "> at " + path + " (not an SVG element: "
                    + (element.getNamespaceURI() == null ? "no namespace" : element.getNamespaceURI()) + ")");
        } else if (!ELEMENTS.contains(name)) {
            findings.add("<" + name + "> at " + path + why(name));
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            attribute(name, path, (Attr) attributes.item(i), findings);
        }
        if (name.equals("style")) {
            css("<style>", path, element.getTextContent(), findings);
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                walk((Element) child, path, depth + 1, findings);
            } else if (child.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                findings.add("the processing instruction <?" + child.getNodeName() + "?> at " + path);
            }
        }
    }

    private static String why(String element) {
        return switch (element) {
            case "script" -> " (script)";
            case "foreignObject" -> " (embeds HTML)";
            case "a" -> " (a link)";
            case "animate", "set", "animateTransform", "animateMotion" -> " (animation can rewrite links)";
            case "iframe", "embed", "object" -> " (embeds another document)";
            default -> " (not on the allow-list of SVG elements for a logo)";
        };
    }

    private static void attribute(String element, String path, Attr attribute, List<String> findings) {
        String ns = attribute.getNamespaceURI();
        if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(ns)) {
            return; // namespace declarations
        }
        String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        String value = attribute.getValue();
        String at = " on <" + element + "> at " + path;
        if (ns != null && !XLINK_NS.equals(ns) && !XMLConstants.XML_NS_URI.equals(ns)) {
            findings.add("the attribute " + attribute.getName() + at + " (outside SVG: " + ns + ")");
            return;
        }
        if (name.toLowerCase(Locale.ROOT).startsWith("on")) {
            findings.add("the event-handler attribute " + attribute.getName() + at);
            return;
        }
        if (name.equals("href")) {
            String target = value.strip();
            boolean local = target.startsWith("#")
                    || element.equals("image") && LOCAL_IMAGE.matcher(target).matches();
            if (!local) {
                findings.add("the external reference " + attribute.getName() + "=\""
                        + LogoImages.printable(target.length() > 60 ? target.substring(0, 60) : target) + "\"" + at
                        + " (only #id, or a data:image/png or jpeg in <image>)");
            }
            return;
        }
        css("the attribute " + attribute.getName(), path, value, findings);
    }

    /** Checks text that a browser may read as CSS (a style sheet, a style or presentation attribute). */
    private static void css(String what, String path, String text, List<String> findings) {
        String squeezed = text.replaceAll("[\\s\\x00]", "").toLowerCase(Locale.ROOT);
        if (squeezed.contains("javascript:") || squeezed.contains("vbscript:")) {
            findings.add(what + " at " + path + " holds a javascript: URL");
        }
        if (squeezed.contains("expression(")) {
            findings.add(what + " at " + path + " holds a CSS expression(");
        }
        if (squeezed.contains("@import")) {
            findings.add(what + " at " + path + " holds @import");
        }
        Matcher url = URL.matcher(text);
        while (url.find()) {
            if (!url.group(1).startsWith("#")) {
                findings.add(what + " at " + path + " holds url(" + LogoImages.printable(url.group(1)) + ") "
                        + "(only url(#id) is allowed)");
            }
        }
    }
}
