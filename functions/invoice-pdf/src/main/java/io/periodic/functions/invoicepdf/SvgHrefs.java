package io.periodic.functions.invoicepdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** SVG 2 {@code href}s made readable for Batik 1.17, which reads SVG 1.1's {@code xlink:href} only. */
final class SvgHrefs {
    private static final String XLINK_NS = "http://www.w3.org/1999/xlink";

    private SvgHrefs() {}

    /**
     * The SVG with every SVG 2 {@code href} also written as {@code xlink:href}, as a {@code data:} URI; null when
     * it has no {@code href} to copy or cannot be parsed (it is then drawn as it is). Batik 1.17 implements SVG 1.1:
     * it refuses an {@code <image>} without {@code xlink:href} (and so the whole logo), and SvgLogos accepts either
     * spelling. Parsed with the JDK's parser, DTDs refused, nothing resolved.
     */
    static String withXlinkHrefs(String dataUri) {
        try {
            byte[] svg = Base64.getMimeDecoder().decode(dataUri.substring(SvgLogoDrawing.DATA_PREFIX.length()));
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            Document parsed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
            boolean changed = false;
            NodeList elements = parsed.getElementsByTagNameNS("*", "*");
            for (int i = 0; i < elements.getLength(); i++) {
                Element element = (Element) elements.item(i);
                if (element.hasAttributeNS(null, "href") && !element.hasAttributeNS(XLINK_NS, "href")) {
                    element.setAttributeNS(XLINK_NS, "xlink:href", element.getAttributeNS(null, "href"));
                    changed = true;
                }
            }
            if (!changed) {
                return null;
            }
            TransformerFactory transformers = TransformerFactory.newInstance();
            transformers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream(svg.length + 256);
            transformers.newTransformer().transform(new DOMSource(parsed), new StreamResult(out));
            return SvgLogoDrawing.DATA_PREFIX + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IllegalArgumentException | IOException | ParserConfigurationException | SAXException
                | TransformerException e) {
            return null;
        }
    }
}
