package io.periodic.billing.rendering;

import java.util.List;

/** A logo upload that is refused, with why ({@link Reason}) and, for an SVG, each thing found in it. */
public final class LogoRejected extends IllegalArgumentException {
    /** Why a logo is refused; the API answers each with its own status. */
    public enum Reason {
        /** Larger than {@link LogoImages#MAX_BYTES}: 413. */
        TOO_LARGE,
        /** The declared Content-Type is not one of PNG, JPEG, SVG: 415. */
        UNSUPPORTED_TYPE,
        /** The content is not the image its Content-Type says (magic bytes, structure, dimensions): 422. */
        NOT_AN_IMAGE,
        /** An SVG holding something that could run, load or expand (script, handlers, references, DTD): 422. */
        UNSAFE_SVG
    }

    private final Reason reason;
    private final List<String> findings;

    LogoRejected(Reason reason, String message) {
        this(reason, message, List.of());
    }

    LogoRejected(Reason reason, String message, List<String> findings) {
        super(message);
        this.reason = reason;
        this.findings = List.copyOf(findings);
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#UNSAFE_SVG}: what was found and where, e.g. {@code <script> at /svg/g/script}. */
    public List<String> findings() {
        return findings;
    }
}
