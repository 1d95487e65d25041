package io.periodic.billing.rendering;

import io.periodic.billing.model.Branding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The sample documents with the seller's branding (docs/branding.md): the logo in {@code branding/logo.png}, a
 * brand colour and a footer note in each language.
 */
final class BrandedSamples {
    static final byte[] LOGO = resource("/branding/logo.png");
    static final Branding.Logo LOGO_META = new Branding.Logo("branding/logo-sample.png", "image/png", 360, 96,
            LOGO.length, "0".repeat(64));
    static final Branding BRANDING = new Branding(LOGO_META, "#0b5fa5", Map.of(
            "en", "Terms & conditions: tidewater-analytics.com/terms. Questions about this invoice? Reply to the "
                    + "e-mail it came with.",
            "ja", "本請求書に関するお問い合わせは、上記メールアドレスまでご連絡ください。\n振込手数料はお客様のご負担にてお願いいたします。",
            "ko", "이 청구서에 관한 문의는 위 이메일 주소로 연락해 주십시오. 감사합니다.",
            "sr-Latn", "Za pitanja o ovom računu pišite nam na gore navedenu adresu e-pošte. Hvala na saradnji."));
    /** A renderer that finds the sample logo in its "store". */
    static final DocumentRenderer RENDERER = new DocumentRenderer(key -> key.equals(LOGO_META.key()) ? LOGO : null);

    private BrandedSamples() {}

    static InvoiceDocument branded(InvoiceDocument plain) {
        return new InvoiceDocument(plain.invoice(), plain.customer(), plain.seller().withBranding(BRANDING),
                plain.correctsNumber());
    }

    static CreditNoteDocument branded(CreditNoteDocument plain) {
        return new CreditNoteDocument(plain.note(), plain.invoice(), plain.customer(),
                plain.seller().withBranding(BRANDING));
    }

    static byte[] resource(String name) {
        try (InputStream in = BrandedSamples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
