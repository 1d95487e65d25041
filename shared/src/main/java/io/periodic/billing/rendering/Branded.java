package io.periodic.billing.rendering;

import io.periodic.billing.model.Branding;
import java.util.Base64;

/** The seller's {@link Branding} as a document prints it ({@link DocumentView.Brand}). */
final class Branded {
    /** The letterhead's logo box in CSS pixels (96 per inch): 50 mm × 14 mm. */
    static final int BOX_WIDTH = 189;
    static final int BOX_HEIGHT = 53;

    private Branded() {}

    static DocumentView.Brand brand(Branding branding, DocumentLanguage language, String logoSrc) {
        Branding.Logo logo = logoSrc == null ? null : branding.logo();
        int width = 0;
        int height = 0;
        if (logo != null && logo.width() > 0 && logo.height() > 0) {
            // Fit into the box, keeping the aspect ratio; never wider or taller than the box.
            long w = BOX_WIDTH;
            long h = (long) logo.height() * BOX_WIDTH / logo.width();
            if (h > BOX_HEIGHT) {
                h = BOX_HEIGHT;
                w = (long) logo.width() * BOX_HEIGHT / logo.height();
            }
            width = (int) Math.max(1, w);
            height = (int) Math.max(1, h);
        }
        return new DocumentView.Brand(logo == null ? null : logoSrc, width, height, logo != null && logo.svg(),
                branding.color(), branding.footerNote(language.tag()));
    }

    /** The logo as a {@code data:} URI. */
    static String dataUri(Branding.Logo logo, byte[] content) {
        return "data:" + logo.contentType() + ";base64," + Base64.getEncoder().encodeToString(content);
    }
}
