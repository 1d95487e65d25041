package io.periodic.billing.service;

import io.periodic.billing.dunning.DunningPolicy;
import io.periodic.billing.model.Branding;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.rendering.LogoImages;
import io.periodic.billing.rendering.LogoRejected;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The deployment's settings: the seller printed on every document (with its document numbering and branding), the
 * seller's logo (checked, then kept in the document store: docs/branding.md) and the default dunning policy.
 */
public final class SettingsService {
    private final BillingStore store;
    private final DocumentStore documents;

    public SettingsService(BillingStore store, DocumentStore documents) {
        this.store = store;
        this.documents = documents;
    }

    /** {@code seller} null until it is first set. */
    public record Settings(SellerProfile seller, DunningPolicy dunningPolicy) {}

    /** The stored logo: what it is and its bytes. */
    public record StoredLogo(Branding.Logo logo, byte[] content) {}

    public Settings current() {
        return new Settings(store.settings().seller().orElse(null), store.dunning().defaultPolicy());
    }

    /**
     * Replaces the seller and, when {@code dunningPolicy} is given, the default dunning policy; the result. The logo
     * is not part of the replacement: it stays as uploaded ({@link #putLogo}).
     */
    public Settings replace(SellerProfile seller, DunningPolicy dunningPolicy) {
        Branding.Logo logo = store.settings().seller().map(s -> s.branding().logo()).orElse(null);
        store.settings().putSeller(seller.withBranding(seller.branding().withLogo(logo)));
        if (dunningPolicy != null) {
            store.dunning().putDefaultPolicy(dunningPolicy);
        }
        return current();
    }

    /**
     * Checks the logo ({@link LogoImages#inspect}: size, type by magic bytes, dimensions, SVG safety), stores it
     * under a key named after its SHA-256 and makes it the seller's; the previous logo's file is removed. Nothing is
     * stored when it is refused.
     *
     * @throws LogoRejected when the logo is refused, saying why
     * @throws ConflictException when no seller is set yet
     */
    public Settings putLogo(String contentType, byte[] content) {
        LogoImages.Inspected image = LogoImages.inspect(contentType, content);
        SellerProfile seller = store.settings().seller().orElseThrow(() -> new ConflictException(
                "set the seller first (PUT /settings): a logo belongs to the seller's settings"));
        String sha256 = sha256(content);
        String extension = switch (image.contentType()) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            default -> ".svg";
        };
        Branding.Logo logo = new Branding.Logo("branding/logo-" + sha256.substring(0, 32) + extension,
                image.contentType(), image.width(), image.height(), content.length, sha256);
        documents.put(logo.key(), logo.contentType(), content);
        store.settings().putSeller(seller.withBranding(seller.branding().withLogo(logo)));
        Branding.Logo previous = seller.branding().logo();
        if (previous != null && !previous.key().equals(logo.key())) {
            documents.delete(previous.key());
        }
        return current();
    }

    /** The seller's logo and its bytes. @throws NotFoundException when there is none */
    public StoredLogo logo() {
        Branding.Logo logo = store.settings().seller().map(s -> s.branding().logo()).orElse(null);
        byte[] content = logo == null ? null : documents.get(logo.key());
        if (content == null) {
            throw new NotFoundException("logo", "of the seller");
        }
        return new StoredLogo(logo, content);
    }

    /** Removes the seller's logo (documents rendered from now on have none); removing none is no error. */
    public void deleteLogo() {
        SellerProfile seller = store.settings().seller().orElse(null);
        if (seller == null || seller.branding().logo() == null) {
            return;
        }
        store.settings().putSeller(seller.withBranding(seller.branding().withLogo(null)));
        documents.delete(seller.branding().logo().key());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
