package io.periodic.functions.billingapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.model.Branding;

/** The JSON of the seller's branding in {@code GET /settings} (kept apart from {@link Views} for its size). */
final class BrandingViews {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private BrandingViews() {}

    /** The seller's branding (docs/branding.md); the logo's bytes are at {@code GET /settings/logo}. */
    static ObjectNode branding(Branding given) {
        Branding branding = given == null ? Branding.NONE : given;
        ObjectNode b = F.objectNode();
        b.put("color", branding.color());
        ObjectNode notes = b.putObject("footerNotes");
        for (String language : Branding.LANGUAGES) {
            if (branding.footerNotes().containsKey(language)) {
                notes.put(language, branding.footerNotes().get(language));
            }
        }
        Branding.Logo logo = branding.logo();
        if (logo == null) {
            b.putNull("logo");
        } else {
            b.putObject("logo").put("url", "/settings/logo").put("contentType", logo.contentType())
                    .put("width", logo.width()).put("height", logo.height()).put("bytes", logo.bytes())
                    .put("sha256", logo.sha256());
        }
        return b;
    }

}
