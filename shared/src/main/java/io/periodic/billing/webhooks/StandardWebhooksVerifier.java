package io.periodic.billing.webhooks;

import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.ports.ConnectorSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a delivery signed as the Standard Webhooks specification (standardwebhooks.com) defines.
 *
 * <ul>
 *   <li>Headers: {@code webhook-id} (the message id, also the idempotency key), {@code webhook-timestamp} (unix
 *       seconds) and {@code webhook-signature}: a space-separated list of {@code <version>,<signature>} entries.
 *   <li>A {@code v1} signature is the base64 HMAC-SHA256 of {@code "<id>.<timestamp>."} followed by the raw body
 *       bytes exactly as received. Other versions ({@code v1a}, asymmetric ed25519) are ignored; the delivery
 *       passes when any {@code v1} matches any secret of a configured connector (zero-downtime rotation on either
 *       side), and it belongs to that connector: {@link Verified#connector()} is its provider, whatever the body
 *       says. Each connector has its own secrets; every connector is tried, in constant time per secret.</li>
 *   <li>Secrets are {@code whsec_} followed by base64 (the HMAC key is the decoded bytes). A bare base64 secret is
 *       accepted too. The spec asks for 24 to 64 random bytes; other lengths are refused at construction.</li>
 *   <li>The timestamp must be within the tolerance (300 s by default) in both directions, like the spec's Java
 *       reference implementation. The signature is checked first, so {@code timestamp-out-of-tolerance} is only
 *       reported for a genuine delivery.</li>
 * </ul>
 *
 * <p>Refusals: 400 {@code signature-missing} when a header is absent; 400 {@code signature-malformed} when
 * {@code webhook-id} is not 1-255 visible ASCII characters, the timestamp is not 1-12 ASCII digits, an entry has no
 * comma, a {@code v1} is not base64 of 32 bytes, there is no {@code v1} entry, there are more than
 * 8 of them, or a header is over 4096
 * characters; 401 {@code signature-mismatch}; 401 {@code timestamp-out-of-tolerance}.
 *
 * <p>Immutable and thread-safe.
 */
public final class StandardWebhooksVerifier {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** The spec's secret prefix. */
    public static final String SECRET_PREFIX = "whsec_";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

    private static final String VERSION = "v1";
    private static final int SIGNATURE_BYTES = 32;
    private static final int MIN_SECRET_BYTES = 24;
    private static final int MAX_SECRET_BYTES = 64;
    private static final int MAX_ID_LENGTH = 255;

    /** At most this many connectors are configured at once (each delivery is checked against every one). */
    public static final int MAX_CONNECTORS = 100;

    /** A connector's name: the provider of its payments, 1-40 of a-z, 0-9, - and _. */
    private static final Pattern CONNECTOR_NAME = Pattern.compile("[a-z0-9_\\-]{1,40}");

    private final List<String> names;
    private final List<List<SecretKeySpec>> keys;
    private final Clock clock;
    private final Duration tolerance;

    /**
     * A verified delivery.
     *
     * @param webhookId the {@code webhook-id} header: the event id and, with the connector, the idempotency key
     * @param timestamp the signed {@code webhook-timestamp}
     * @param connector the connector whose secret verified it: the delivery's provider
     */
    public record Verified(String webhookId, Instant timestamp, String connector) {}

    /**
     * @param connectors every connector with its {@code whsec_<base64>} (or bare base64) secrets, current first, then
     *     the previous one during a rotation; up to {@value #MAX_CONNECTORS} connectors (none: every delivery is
     *     refused as a signature mismatch) with distinct names (1-40 of
     *     a-z, 0-9, - and _, not one of {@link StandardEvents#RESERVED_PROVIDERS}), each with 1 to 8 secrets
     *     decoding to 24-64 bytes; no secret may belong to two connectors (a delivery must name one)
     * @param clock the clock the tolerance is measured against
     * @throws IllegalArgumentException if the configuration is not valid (the message never contains a secret)
     */
    public StandardWebhooksVerifier(List<ConnectorSecrets.Connector> connectors, Clock clock) {
        this(connectors, clock, DEFAULT_TOLERANCE);
    }

    /** @param tolerance how far the signed timestamp may be from now, either way: 1 s to 1 h */
    public StandardWebhooksVerifier(List<ConnectorSecrets.Connector> connectors, Clock clock, Duration tolerance) {
        Objects.requireNonNull(connectors, "connectors");
        if (connectors.size() > MAX_CONNECTORS) {
            throw new IllegalArgumentException("at most " + MAX_CONNECTORS
                    + " Standard Webhooks connectors can be configured, got " + connectors.size());
        }
        List<String> builtNames = new ArrayList<>();
        List<List<SecretKeySpec>> built = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        for (ConnectorSecrets.Connector connector : connectors) {
            Objects.requireNonNull(connector, "a connector is null");
            String name = connector.name();
            if (!CONNECTOR_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Standard Webhooks connector name " + Json.quote(name)
                        + " is not 1-40 of a-z, 0-9, - and _");
            }
            if (StandardEvents.RESERVED_PROVIDERS.contains(name)) {
                throw new IllegalArgumentException("Standard Webhooks connector name " + Json.quote(name)
                        + " is reserved");
            }
            if (builtNames.contains(name)) {
                throw new IllegalArgumentException("Standard Webhooks connector " + name + " is configured twice");
            }
            List<SecretKeySpec> connectorKeys = new ArrayList<>();
            int index = 0;
            for (String secret : Signatures.checkSecrets(connector.secrets())) {
                String label = "connector " + name + " secret #" + index++;
                byte[] key = decodeSecret(secret, label);
                String other = owners.putIfAbsent(HexFormat.of().formatHex(key), name);
                if (other != null && !other.equals(name)) {
                    throw new IllegalArgumentException("Standard Webhooks " + label + " is also a secret of connector "
                            + other + "; each connector needs its own");
                }
                connectorKeys.add(Signatures.key(key));
            }
            builtNames.add(name);
            built.add(List.copyOf(connectorKeys));
        }
        this.names = List.copyOf(builtNames);
        this.keys = List.copyOf(built);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Signatures.checkTolerance(tolerance);
    }

    private static byte[] decodeSecret(String secret, String label) {
        String base64 = secret.strip();
        if (base64.startsWith(SECRET_PREFIX)) {
            base64 = base64.substring(SECRET_PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Standard Webhooks " + label + " is not whsec_ followed by base64");
        }
        if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
            throw new IllegalArgumentException("Standard Webhooks " + label + " decodes to " + key.length
                    + " bytes; " + MIN_SECRET_BYTES + " to " + MAX_SECRET_BYTES + " are required");
        }
        return key;
    }

    /**
     * Verifies a delivery, taking the three headers from {@code headers} (any letter case).
     *
     * @see #verify(String, String, String, byte[])
     */
    public Verified verify(Map<String, String> headers, byte[] rawBody) {
        return verify(Signatures.header(headers, ID_HEADER), Signatures.header(headers, TIMESTAMP_HEADER),
                Signatures.header(headers, SIGNATURE_HEADER), rawBody);
    }

    /**
     * Verifies a delivery.
     *
     * @param webhookId the {@code webhook-id} header, or null when absent
     * @param webhookTimestamp the {@code webhook-timestamp} header, or null when absent
     * @param webhookSignature the {@code webhook-signature} header, or null when absent
     * @param rawBody the request body exactly as received
     * @return the verified id and timestamp
     * @throws IntakeException 400 {@code signature-missing}, 400 {@code signature-malformed}, 401
     *     {@code signature-mismatch}, 401 {@code timestamp-out-of-tolerance}
     */
    public Verified verify(String webhookId, String webhookTimestamp, String webhookSignature, byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        if (webhookId == null || webhookTimestamp == null || webhookSignature == null) {
            throw Signatures.missing("Header " + (webhookId == null ? ID_HEADER
                    : webhookTimestamp == null ? TIMESTAMP_HEADER : SIGNATURE_HEADER) + " is missing");
        }
        if (webhookId.isEmpty() || webhookId.length() > MAX_ID_LENGTH || !Signatures.visibleAscii(webhookId)) {
            throw Signatures.malformed("Header " + ID_HEADER + " must be 1-" + MAX_ID_LENGTH
                    + " visible ASCII characters");
        }
        long timestamp = Signatures.unixSeconds(webhookTimestamp);
        if (timestamp < 0) {
            throw Signatures.malformed("Header " + TIMESTAMP_HEADER + " is not a unix time in seconds");
        }
        List<byte[]> signatures = parseSignatures(webhookSignature);
        byte[] prefix = (webhookId + "." + timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        // Every connector is tried, without stopping at a match: the time taken does not tell which one matched.
        String connector = null;
        for (int i = 0; i < keys.size(); i++) {
            if (Signatures.anyMatches(keys.get(i), prefix, rawBody, signatures)) {
                connector = names.get(i); // secrets are distinct across connectors: at most one matches
            }
        }
        if (connector == null) {
            throw new IntakeException(401, Signatures.MISMATCH,
                    "No " + VERSION + " signature matches the body under any configured secret");
        }
        Signatures.requireWithinTolerance(timestamp, clock, tolerance);
        return new Verified(webhookId, Instant.ofEpochSecond(timestamp), connector);
    }

    private static List<byte[]> parseSignatures(String header) {
        if (header.length() > Signatures.MAX_HEADER_LENGTH) {
            throw Signatures.malformed("Header " + SIGNATURE_HEADER + " is longer than "
                    + Signatures.MAX_HEADER_LENGTH + " characters");
        }
        List<byte[]> signatures = new ArrayList<>();
        for (String entry : header.split(" ", -1)) {
            if (entry.isEmpty()) {
                continue; // tolerate repeated or surrounding spaces
            }
            int comma = entry.indexOf(',');
            if (comma <= 0) {
                throw Signatures.malformed("Header " + SIGNATURE_HEADER + " has an entry that is not version,signature");
            }
            if (!entry.substring(0, comma).equals(VERSION)) {
                continue; // v1a (asymmetric) or a future version
            }
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                signature = null;
            }
            if (signature == null || signature.length != SIGNATURE_BYTES) {
                throw Signatures.malformed("A " + VERSION + " signature is not base64 of " + SIGNATURE_BYTES + " bytes");
            }
            if (signatures.size() == Signatures.MAX_SIGNATURES) {
                throw Signatures.malformed("Header " + SIGNATURE_HEADER + " has more than "
                        + Signatures.MAX_SIGNATURES + " " + VERSION + " signatures");
            }
            signatures.add(signature);
        }
        if (signatures.isEmpty()) {
            throw Signatures.malformed("Header " + SIGNATURE_HEADER + " has no " + VERSION + " signature");
        }
        return signatures;
    }
}
