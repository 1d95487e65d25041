package io.periodic.functions.billingapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.dunning.DunningPolicy;
import io.periodic.billing.dunning.LateFee;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.invoicing.RegistrationNumbers;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Branding;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.rendering.LogoRejected;
import io.periodic.billing.service.SettingsService;
import io.periodic.functions.billingapi.Http.ApiProblem;
import io.periodic.functions.billingapi.Http.Request;
import io.periodic.functions.billingapi.Http.Response;
import io.periodic.functions.billingapi.Http.Route;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /settings}: the seller printed on documents, document numbering, branding (colour, footer notes, and the
 * logo at {@code /settings/logo}) and the default dunning policy ({@link SettingsService}).
 */
final class SettingsRoutes implements Http.Resource {
    private final SettingsService settings;

    SettingsRoutes(SettingsService settings) {
        this.settings = settings;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("GET", "/settings", "getSettings", this::get),
                new Route("PUT", "/settings", "putSettings", this::put),
                new Route("GET", "/settings/logo", "getLogo", this::getLogo),
                new Route("PUT", "/settings/logo", "putLogo", this::putLogo, true),
                new Route("DELETE", "/settings/logo", "deleteLogo", this::deleteLogo));
    }

    private Response get(Request r) {
        return view(settings.current());
    }

    private static Response view(SettingsService.Settings current) {
        return Response.ok(Views.settings(current.seller(), current.dunningPolicy()));
    }

    private Response put(Request r) {
        JsonIn in = JsonIn.body(r.body(), "seller", "numbering", "dunningPolicy", "bankFeeTolerance",
                "autoApplyConfidence", "receipts", "branding");
        JsonIn s = in.object("seller", "name", "address", "email", "phone", "website", "taxId", "companyNumber",
                "bankAccount", "paymentLinkTemplate");
        JsonIn n = in.optObject("numbering", "invoicePrefix", "creditNotePrefix", "numberSeries");
        if (n != null) {
            for (String prefix : new String[] {"invoicePrefix", "creditNotePrefix"}) {
                n.parsed(prefix, false, text -> {
                    if (!text.matches("[A-Z]{1,10}")) {
                        throw new IllegalArgumentException("must be 1-10 upper-case letters A-Z, got " + text);
                    }
                    return text;
                });
            }
        }
        JsonIn b = s.optObject("bankAccount", "bankName", "accountHolder", "iban", "bic", "accountNumber", "bankCode");
        SellerProfile.BankAccount bank = b == null ? null : b.build(() -> new SellerProfile.BankAccount(
                b.string("bankName"), b.string("accountHolder"), b.optString("iban"), b.optString("bic"),
                b.optString("accountNumber"), b.optString("bankCode")));
        Address address = CustomerRoutes.address(s.object("address", CustomerRoutes.ADDRESS_FIELDS));
        // A seller in Japan prints its 登録番号: T + 13 digits with the NTA check digit; in the EU a VAT number.
        String taxProblem = RegistrationNumbers.sellerProblem(address.country(), s.optString("taxId"));
        if (taxProblem != null) {
            throw ApiProblem.field(s.at("taxId"), taxProblem);
        }
        SellerProfile seller = s.build(() -> new SellerProfile(s.string("name"), address, s.string("email"),
                s.optString("phone"), s.optString("website"), s.optString("taxId"), bank,
                s.optString("paymentLinkTemplate"),
                n == null ? null : n.optString("invoicePrefix"), n == null ? null : n.optString("creditNotePrefix"),
                n == null ? 1 : n.intIn("numberSeries", 1, 26, 1), bankFeeTolerance(in),
                autoApplyConfidence(in), s.optString("companyNumber"), in.optBoolean("receipts"), branding(in)));
        JsonIn d = in.optObject("dunningPolicy", "steps", "lateFee", "markUncollectibleOnSuspend");
        return view(settings.replace(seller, d == null ? null : policy(d)));
    }

    /**
     * The brand colour and footer notes (docs/branding.md), each checked on its own pointer; absent: none. The logo
     * is not set here but with {@code PUT /settings/logo}, and a replacement keeps it.
     */
    private static Branding branding(JsonIn in) {
        JsonIn b = in.optObject("branding", "color", "footerNotes");
        if (b == null) {
            return Branding.NONE;
        }
        String color = b.parsed("color", false, text -> {
            String problem = Branding.colorProblem(text);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return text;
        });
        Map<String, String> notes = new LinkedHashMap<>();
        JsonIn f = b.optObject("footerNotes", Branding.LANGUAGES.toArray(String[]::new));
        for (String language : f == null ? List.<String>of() : Branding.LANGUAGES) {
            String note = f.parsed(language, false, text -> {
                String problem = Branding.footerNoteProblem(text);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                return text;
            });
            if (note != null) {
                notes.put(language, note);
            }
        }
        return b.build(() -> new Branding(null, color, notes));
    }

    /** The logo as it was uploaded, with headers that keep a browser from running anything in it. */
    private Response getLogo(Request r) {
        SettingsService.StoredLogo stored = settings.logo();
        return Response.bytes(stored.logo().contentType(), stored.content())
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                .withHeader("Cache-Control", "private, max-age=300")
                .withHeader("ETag", "\"" + stored.logo().sha256() + "\"");
    }

    /**
     * The body is the image (image/png, image/jpeg or image/svg+xml); a refusal names its reason: 413 too large,
     * 415 not one of the three types, 422 not the image it claims to be or an unsafe SVG (each thing found listed).
     */
    private Response putLogo(Request r) {
        try {
            return view(settings.putLogo(r.header("Content-Type"), r.bytes()));
        } catch (LogoRejected refused) {
            throw switch (refused.reason()) {
                case TOO_LARGE -> new ApiProblem(413, "logo-too-large", refused.getMessage(), "/", null);
                case UNSUPPORTED_TYPE -> new ApiProblem(415, "unsupported-media-type", refused.getMessage(), null,
                        "Content-Type");
                case NOT_AN_IMAGE -> new ApiProblem(422, "invalid-logo", refused.getMessage(), "/", null);
                case UNSAFE_SVG -> new ApiProblem(422, "unsafe-svg", refused.getMessage(), "/", null);
            };
        }
    }

    private Response deleteLogo(Request r) {
        settings.deleteLogo();
        return Response.noContent();
    }

    private static DunningPolicy policy(JsonIn d) {
        List<DunningPolicy.Step> steps = new ArrayList<>();
        for (JsonIn step : d.objects("steps", 1, StepKind.values().length, "kind", "dayOffset")) {
            StepKind kind = step.parsed("kind", true, text -> {
                for (StepKind k : StepKind.values()) {
                    if (k.name().toLowerCase(Locale.ROOT).equals(text)) {
                        return k;
                    }
                }
                throw new IllegalArgumentException("must be one of courtesy, friendly, firm, late_fee, "
                        + "final_notice, suspend, got " + text);
            });
            int offset = step.intIn("dayOffset", -60, 365, Integer.MIN_VALUE);
            if (offset == Integer.MIN_VALUE) {
                throw ApiProblem.field(step.at("dayOffset"), "'dayOffset' is required");
            }
            steps.add(new DunningPolicy.Step(kind, offset));
        }
        JsonIn fee = d.optObject("lateFee", "percent", "fixed", "cap");
        LateFee lateFee = fee == null ? LateFee.NONE : fee.build(() -> new LateFee(
                fee.parsed("percent", false, SettingsRoutes::percent), fee.integerMap("fixed"),
                fee.integerMap("cap")));
        Boolean writeOff = d.optBoolean("markUncollectibleOnSuspend");
        return d.build(() -> new DunningPolicy(steps, lateFee, writeOff != null && writeOff));
    }

    /**
     * The bank-fee tolerance per currency (docs/bank-fees.md), e.g. {@code {"JPY": 880}}: minor units, each
     * 0..{@link JsonIn#MAX_AMOUNT_MINOR}, keyed by an ISO 4217 code; absent or {@code {}}: off.
     */
    private static Map<String, Long> bankFeeTolerance(JsonIn in) {
        Map<String, Long> tolerance = in.integerMap("bankFeeTolerance");
        for (String code : tolerance.keySet()) {
            try {
                Currencies.of(code);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.field(in.at("bankFeeTolerance") + "/" + code.replace("~", "~0").replace("/", "~1"),
                        "not a supported ISO 4217 currency code such as JPY: " + code);
            }
        }
        return tolerance;
    }

    /**
     * The threshold of automatic cash application (docs/matching-confidence.md): a JSON number 0..1 with at most 4
     * decimals (0.9, 0.95, 0.9125), read exactly as a decimal and kept as basis points; absent or null: the default.
     */
    private static Integer autoApplyConfidence(JsonIn in) {
        JsonNode value = in.raw("autoApplyConfidence");
        if (value == null) {
            return null;
        }
        BigDecimal ratio;
        try {
            ratio = value.isNumber() ? value.decimalValue().stripTrailingZeros() : null;
        } catch (NumberFormatException infinite) { // 1e400 is read as an infinite double, which has no decimal value
            ratio = null;
        }
        if (ratio == null || ratio.signum() < 0 || ratio.compareTo(BigDecimal.ONE) > 0 || ratio.scale() > 4) {
            throw ApiProblem.field(in.at("autoApplyConfidence"), "'autoApplyConfidence' must be a number from 0 to 1"
                    + " with at most 4 decimals, such as 0.9" + (value.isNumber() ? ", got " + value : ""));
        }
        return ratio.movePointRight(4).intValueExact();
    }

    /** A plain decimal percentage such as "1.5" (no sign, exponent or %). */
    private static BigDecimal percent(String text) {
        if (!text.matches("[0-9]{1,3}(\\.[0-9]{1,4})?")) {
            throw new IllegalArgumentException("must be a plain decimal percentage such as \"1.5\", got " + text);
        }
        return new BigDecimal(text);
    }
}
