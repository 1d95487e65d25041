package io.periodic.billing.bankstatements;

import static io.periodic.billing.bankstatements.StatementLimits.MAX_ENTRIES;
import static io.periodic.billing.bankstatements.StatementLimits.MAX_FIELD_LENGTH;
import static io.periodic.billing.bankstatements.StatementLimits.MAX_REFERENCE_LENGTH;
import static io.periodic.billing.bankstatements.Values.shown;

import io.periodic.billing.bankstatements.StatementParseResult.Skipped;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import io.periodic.billing.webhooks.IntakeRules;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads ISO 20022 bank-to-customer cash-management messages: camt.053 (BankToCustomerStatement, {@code Stmt/Ntry})
 * and camt.054 (BankToCustomerDebitCreditNotification, {@code Ntfctn/Ntry}), versions 02 to 13. Elements are matched
 * by local name within the document's own namespace, so prefixes do not matter.
 *
 * <h2>What becomes a payment</h2>
 * Every entry ({@code Ntry}) with {@code CdtDbtInd} = {@code CRDT}, status booked ({@code Sts} = {@code BOOK} up to
 * v07, {@code Sts/Cd} = {@code BOOK} from v08) and no {@code RvslInd=true} becomes one
 * {@link PaymentNotification} of kind RECEIVED, provider {@value #PROVIDER}:
 * <ul>
 *   <li><b>reference</b> (event id = provider payment id = deduplication key): the bank's entry reference
 *       {@code AcctSvcrRef}, required for a booked credit;</li>
 *   <li><b>amount</b>: {@code Amt} with its {@code Ccy} attribute, parsed strictly ({@link Money#parse}): more decimals
 *       than the currency has is an error, never rounded (whitespace around the number, which XML Schema collapses,
 *       is ignored);</li>
 *   <li><b>date</b>: {@code BookgDt/Dt} or {@code BookgDt/DtTm}, else {@code ValDt/Dt} or {@code ValDt/DtTm}; the
 *       calendar date as written (a date-time's own local date) at 00:00 UTC;</li>
 *   <li><b>payer</b> (from the transaction details {@code NtryDtls/TxDtls}): name {@code RltdPties/Dbtr/Nm} (up to
 *       v07) or {@code RltdPties/Dbtr/Pty/Nm} (v08+), account {@code RltdPties/DbtrAcct/Id/IBAN}, else
 *       {@code .../Id/Othr/Id} (non-IBAN countries);</li>
 *   <li><b>invoice reference</b>: the first structured creditor reference {@code RmtInf/Strd/CdtrRefInf/Ref} (e.g. an
 *       RF creditor reference or the invoice number), else the first referred document number
 *       {@code RmtInf/Strd/RfrdDocInf/Nb};</li>
 *   <li><b>remittance text</b>: every {@code RmtInf/Ustrd} and {@code RmtInf/Strd/AddtlRmtInf}, then any further
 *       structured references, joined with a space.</li>
 * </ul>
 *
 * <h2>Batch bookings</h2>
 * An entry with two or more {@code TxDtls} is split: each transaction detail is its own payment, with its own amount
 * ({@code TxDtls/Amt}, else {@code TxDtls/AmtDtls/TxAmt/Amt}), payer and remittance. Its reference is
 * {@code <entry AcctSvcrRef>/<transaction reference>}, the transaction reference being, for the whole entry, the first
 * of {@code Refs/AcctSvcrRef}, {@code Refs/EndToEndId}, {@code Refs/TxId} that every transaction has and that is
 * distinct across them ({@code NOTPROVIDED} does not count), else the transaction's position {@code #1}, {@code #2},
 * ... A transaction with {@code CdtDbtInd} = {@code DBIT} is skipped as a debit. The transaction amounts must be in
 * the entry's currency and add up (credits minus debits) to the entry amount exactly, or the statement is refused: a
 * split that does not add up would create or lose money. An entry with zero or one {@code TxDtls} is one payment of
 * the entry amount (a batch the bank reports only as a total stays one payment).
 *
 * <h2>What is skipped (reported in {@link StatementParseResult#skipped()})</h2>
 * {@code "debit"}; {@code "not booked: PDNG"} (also INFO, FUTR or any other status; {@code "not booked: proprietary
 * X"} for {@code Sts/Prtry}); {@code "zero amount"}; {@code "unsupported: reversal"} for any entry with
 * {@code RvslInd=true}. In ISO 20022 a credit with {@code RvslInd=true} reverses an earlier <em>debit</em> (money
 * coming back, e.g. a returned outgoing transfer) and a debit with {@code RvslInd=true} reverses an earlier credit
 * (e.g. a returned direct debit). Neither carries the original entry's {@code AcctSvcrRef}, so the original payment
 * cannot be identified reliably and no REFUNDED notification is produced; the skip makes it visible instead.
 *
 * <h2>Refusals ({@link IntakeException}, the whole statement, never a partial result)</h2>
 * <ul>
 *   <li>400 {@code malformed-xml}: not well-formed XML (including bytes that are not valid in the document's
 *       encoding, UTF-8 unless declared otherwise), any DOCTYPE (so no DTD, no entity, no external resource is
 *       ever processed: XXE and entity-expansion bombs are refused before anything is expanded), or elements nested
 *       deeper than {@value #MAX_DEPTH} levels;</li>
 *   <li>422 {@code unsupported-statement}: well-formed XML but not a camt.053/camt.054 v02-v13 {@code Document};</li>
 *   <li>413 {@code statement-too-large}: more than {@link StatementLimits#MAX_ENTRIES} entries or transaction
 *       details;</li>
 *   <li>422 {@code invalid-statement}: a field is missing, malformed or too long in an entry that is taken, naming the
 *       entry's position, its line and the field, e.g. {@code entry 2 (line 41), Amt: 1500.5 has more decimals than
 *       JPY allows (at most 0)}; also a duplicate payment reference within the statement, a booking date outside
 *       1970-01-01 to 9999-12-31, and a reference, payer or remittance text that is not text a person can read
 *       ({@link IntakeRules#textProblem}: control characters, bidirectional overrides, U+FFFD-U+FFFF; line breaks
 *       only in {@code Ustrd} and {@code AddtlRmtInf}), naming the element, e.g.
 *       {@code entry 1 (line 12), NtryDtls/TxDtls/RltdPties/Dbtr/Pty/Nm: holds the bidirectional control U+202E}.</li>
 * </ul>
 * Entries that are skipped are not validated beyond what deciding to skip them needs ({@code CdtDbtInd},
 * {@code Sts}, {@code RvslInd}).
 *
 * <p>Thread-safe: each call uses its own reader. Plain JDK StAX, no AWS imports.
 */
public final class CamtParser {
    /** The provider of every notification this parser produces. */
    public static final String PROVIDER = "bank";
    /** Oldest supported message version ({@code camt.05x.001.02}). */
    public static final int MIN_VERSION = 2;
    /** Newest supported message version ({@code camt.05x.001.13}). */
    public static final int MAX_VERSION = 13;
    /** Deepest element nesting accepted (a camt document needs about 15). */
    static final int MAX_DEPTH = 64;

    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("(?:\u00EF\u00BB\u00BF)?<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");
    private static final Pattern NAMESPACE =
            Pattern.compile("urn:iso:std:iso:20022:tech:xsd:camt\\.(053|054)\\.001\\.([0-9]{2})");
    private static final int MAX_NODES_PER_ENTRY = 50 * MAX_ENTRIES;
    private static final String TX = "NtryDtls/TxDtls";
    private static final List<String> TX_REFERENCES = List.of("Refs/AcctSvcrRef", "Refs/EndToEndId", "Refs/TxId");

    /** Paths (relative to {@code Ntry}) the parser reads; everything else inside an entry is skipped unread. */
    private static final Set<String> KEPT = prefixesOf(List.of(
            "Amt", "CdtDbtInd", "RvslInd", "Sts/Cd", "Sts/Prtry", "BookgDt/Dt", "BookgDt/DtTm", "ValDt/Dt",
            "ValDt/DtTm", "AcctSvcrRef", "NtryRef",
            TX + "/Refs/AcctSvcrRef", TX + "/Refs/EndToEndId", TX + "/Refs/TxId", TX + "/Amt", TX + "/CdtDbtInd",
            TX + "/AmtDtls/TxAmt/Amt", TX + "/RltdPties/Dbtr/Nm", TX + "/RltdPties/Dbtr/Pty/Nm",
            TX + "/RltdPties/DbtrAcct/Id/IBAN", TX + "/RltdPties/DbtrAcct/Id/Othr/Id", TX + "/RmtInf/Ustrd",
            TX + "/RmtInf/Strd/CdtrRefInf/Ref", TX + "/RmtInf/Strd/RfrdDocInf/Nb", TX + "/RmtInf/Strd/AddtlRmtInf"));

    private final List<PaymentNotification> payments = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final Map<String, String> seenReferences = new HashMap<>();
    private String namespace;
    private String messageElement;
    private String containerElement;
    private boolean sawMessage;
    private int entries;
    private int transactions;

    private CamtParser() {
    }

    /**
     * Parses one camt.053 or camt.054 document (any encoding its XML declaration names; UTF-8 by default).
     *
     * @param xml the document as received
     * @return the payments taken and the entries skipped, in document order
     * @throws IntakeException if the statement is refused (see the class documentation)
     */
    public static StatementParseResult parse(byte[] xml) {
        Objects.requireNonNull(xml, "xml");
        if (xml.length == 0) {
            throw malformed("the document is empty");
        }
        checkUtf8(xml);
        return new CamtParser().run(xml);
    }

    /**
     * Refuses bytes that are not valid UTF-8 in a UTF-8 document (no UTF-16 byte order, no other declared encoding)
     * before parsing. The JDK parser would refuse them too, but also prints "[Fatal Error]" to standard error.
     */
    private static void checkUtf8(byte[] xml) {
        boolean utf16 = xml.length >= 2 && (xml[0] == 0 || xml[1] == 0
                || (xml[0] == (byte) 0xFE && xml[1] == (byte) 0xFF) || (xml[0] == (byte) 0xFF && xml[1] == (byte) 0xFE));
        String head = new String(xml, 0, Math.min(xml.length, 256), StandardCharsets.ISO_8859_1);
        Matcher declaration = DECLARED_ENCODING.matcher(head);
        if (utf16 || (declaration.lookingAt() && !declaration.group(1).equalsIgnoreCase("UTF-8")
                && !declaration.group(1).equalsIgnoreCase("UTF8"))) {
            return;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(xml);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw malformed("the document is not valid UTF-8 (byte " + (in.position() + 1) + ")");
            }
        } while (result.isOverflow());
    }

    private StatementParseResult run(byte[] xml) {
        XMLStreamReader reader = null;
        try {
            reader = newFactory().createXMLStreamReader(new ByteArrayInputStream(xml));
            read(reader);
        } catch (XMLStreamException e) {
            throw malformed(e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the in-memory input
                }
            }
        }
        if (!sawMessage) {
            throw unsupported("the Document has no " + messageElement + " message");
        }
        return new StatementParseResult(payments, skipped);
    }

    /**
     * The JDK's own StAX implementation (never one found on the class path), with DTDs, external entities and
     * external resources all off. A DOCTYPE is additionally refused outright in {@link #read}.
     */
    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resources are not allowed");
        });
        return factory;
    }

    private void read(XMLStreamReader r) throws XMLStreamException {
        int depth = 0;
        boolean inContainer = false;
        EntryReader entry = null;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD ->
                        throw malformed("a DOCTYPE is not allowed (line " + line(r) + "); DTDs and entities are refused");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw malformed("entity references are not allowed (line " + line(r) + ")");
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    if (depth > MAX_DEPTH) {
                        throw malformed("elements are nested deeper than " + MAX_DEPTH + " levels (line " + line(r) + ")");
                    }
                    if (entry != null) {
                        entry.start(r);
                    } else if (depth == 1) {
                        root(r);
                    } else if (depth == 2) {
                        message(r);
                    } else if (depth == 3) {
                        inContainer = ours(r) && containerElement.equals(r.getLocalName());
                    } else if (depth == 4 && inContainer && ours(r) && "Ntry".equals(r.getLocalName())) {
                        if (++entries > MAX_ENTRIES) {
                            throw tooLarge("more than " + MAX_ENTRIES + " entries (Ntry)");
                        }
                        entry = new EntryReader(entries, line(r));
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (entry != null && entry.end()) {
                        take(entry.root, entry.index);
                        entry = null;
                    }
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (entry != null) {
                        entry.text(r);
                    }
                }
                default -> {
                    // comments, processing instructions, document start/end: nothing to read
                }
            }
        }
    }

    private void root(XMLStreamReader r) {
        String name = r.getLocalName();
        String ns = r.getNamespaceURI();
        Matcher m = ns == null ? null : NAMESPACE.matcher(ns);
        if (!"Document".equals(name) || m == null || !m.matches()) {
            throw unsupported("expected an ISO 20022 camt.053 or camt.054 Document, got <" + shown(name) + "> in namespace "
                    + shown(ns, 80));
        }
        int version = Integer.parseInt(m.group(2));
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw unsupported("camt." + m.group(1) + ".001." + m.group(2) + " is not supported (versions "
                    + String.format("%02d", MIN_VERSION) + " to " + MAX_VERSION + ")");
        }
        namespace = ns;
        boolean statement = "053".equals(m.group(1));
        messageElement = statement ? "BkToCstmrStmt" : "BkToCstmrDbtCdtNtfctn";
        containerElement = statement ? "Stmt" : "Ntfctn";
    }

    private void message(XMLStreamReader r) {
        if (!ours(r) || !messageElement.equals(r.getLocalName())) {
            throw unsupported("expected <" + messageElement + "> in the Document, got <" + shown(r.getLocalName()) + ">");
        }
        sawMessage = true;
    }

    private boolean ours(XMLStreamReader r) {
        return namespace.equals(r.getNamespaceURI());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One entry

    private void take(Node ntry, int index) {
        Where at = new Where("entry " + index, ntry.line);
        String ref = ntry.text("AcctSvcrRef");
        String label = ref != null ? ref : ntry.text("NtryRef") != null ? ntry.text("NtryRef") : "entry " + index;

        String direction = direction(ntry.node("CdtDbtInd"), at, "CdtDbtInd", null);
        boolean reversal = reversal(ntry, at);
        String status = status(ntry, at);
        if (reversal) {
            skipped.add(new Skipped(label, "unsupported: reversal"));
            return;
        }
        if ("DBIT".equals(direction)) {
            skipped.add(new Skipped(label, "debit"));
            return;
        }
        if (!"BOOK".equals(status)) {
            skipped.add(new Skipped(label, "not booked: " + status));
            return;
        }
        if (ref == null) {
            throw invalid(at, "AcctSvcrRef", "is required for a booked credit (it identifies the payment)");
        }
        reference(ref, at.on(ntry.node("AcctSvcrRef")), "AcctSvcrRef");
        checkText(ref, at.on(ntry.node("AcctSvcrRef")), "AcctSvcrRef", false);
        Money amount = amount(ntry.node("Amt"), at, "Amt");
        if (amount.isZero()) {
            skipped.add(new Skipped(ref, "zero amount"));
            return;
        }
        Instant date = bookingDate(ntry, at);
        List<Node> txs = ntry.nodes(TX);
        if (txs.size() < 2) {
            add(at, ref, amount, txs.isEmpty() ? null : txs.get(0), date);
        } else {
            split(at, ref, amount, txs, date);
        }
    }

    private void split(Where at, String ref, Money total, List<Node> txs, Instant date) {
        String[] keys = transactionKeys(txs);
        Money sum = Money.zero(total.currency());
        for (int i = 0; i < txs.size(); i++) {
            Node tx = txs.get(i);
            Where txAt = new Where(at.label + ", transaction " + (i + 1), tx.line);
            String field = tx.node("Amt") != null ? "TxDtls/Amt" : "TxDtls/AmtDtls/TxAmt/Amt";
            Node amountNode = tx.node("Amt") != null ? tx.node("Amt") : tx.node("AmtDtls/TxAmt/Amt");
            if (amountNode == null) {
                throw invalid(txAt, "TxDtls/Amt",
                        "is required for each transaction of a batch booking (or TxDtls/AmtDtls/TxAmt/Amt)");
            }
            Money amount = amount(amountNode, txAt, field);
            if (!amount.currency().equals(total.currency())) {
                throw invalid(txAt.on(amountNode), field, "currency " + amount.currency() + " differs from the entry's "
                        + total.currency() + "; a batch booking is split only in the entry's currency");
            }
            String key = ref + "/" + keys[i];
            boolean debit = "DBIT".equals(direction(tx.node("CdtDbtInd"), txAt, "TxDtls/CdtDbtInd", "CRDT"));
            try {
                sum = debit ? sum.minus(amount) : sum.plus(amount);
            } catch (ArithmeticException e) {
                throw invalid(at, TX, "the transaction amounts overflow");
            }
            if (debit) {
                skipped.add(new Skipped(key, "debit"));
            } else if (amount.isZero()) {
                skipped.add(new Skipped(key, "zero amount"));
            } else {
                reference(key, txAt, "TxDtls/Refs");
                checkText(key, txAt, "TxDtls/Refs", false);
                add(txAt, key, amount, tx, date);
            }
        }
        if (!sum.equals(total)) {
            throw invalid(at, TX, "the transaction amounts add up to " + sum + " but the entry amount is " + total);
        }
    }

    /** One kind of transaction reference for the whole entry, present and distinct in every transaction. */
    private static String[] transactionKeys(List<Node> txs) {
        String[] keys = new String[txs.size()];
        for (String path : TX_REFERENCES) {
            Set<String> seen = new HashSet<>();
            boolean usable = true;
            for (int i = 0; i < txs.size() && usable; i++) {
                String value = txs.get(i).text(path);
                usable = value != null && !"NOTPROVIDED".equalsIgnoreCase(value) && seen.add(value);
                keys[i] = value;
            }
            if (usable) {
                return keys;
            }
        }
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "#" + (i + 1);
        }
        return keys;
    }

    private void add(Where at, String reference, Money amount, Node tx, Instant date) {
        String name = null;
        String account = null;
        String invoiceReference = null;
        String remittance = null;
        if (tx != null) {
            name = first(text(tx, "RltdPties/Dbtr/Nm", at), text(tx, "RltdPties/Dbtr/Pty/Nm", at));
            account = first(text(tx, "RltdPties/DbtrAcct/Id/IBAN", at), text(tx, "RltdPties/DbtrAcct/Id/Othr/Id", at));
            List<String> texts = new ArrayList<>();
            List<String> creditorRefs = new ArrayList<>();
            List<String> documentNumbers = new ArrayList<>();
            for (Node rmtInf : tx.nodes("RmtInf")) {
                for (Node part : rmtInf.children) {
                    if ("Ustrd".equals(part.name)) {
                        addIfPresent(texts, text(part, at, true));
                    } else if ("Strd".equals(part.name)) {
                        part.nodes("CdtrRefInf/Ref").forEach(n -> addIfPresent(creditorRefs, text(n, at, false)));
                        part.nodes("RfrdDocInf/Nb").forEach(n -> addIfPresent(documentNumbers, text(n, at, false)));
                        part.nodes("AddtlRmtInf").forEach(n -> addIfPresent(texts, text(n, at, true)));
                    }
                }
            }
            Set<String> references = new LinkedHashSet<>(creditorRefs);
            references.addAll(documentNumbers);
            if (!references.isEmpty()) {
                invoiceReference = references.iterator().next();
                references.remove(invoiceReference);
                texts.addAll(references);
            }
            remittance = texts.isEmpty() ? null : String.join(" ", texts);
            if (remittance != null && remittance.length() > MAX_FIELD_LENGTH) {
                throw invalid(at, "TxDtls/RmtInf", "the remittance information is longer than " + MAX_FIELD_LENGTH
                        + " characters");
            }
        }
        String previous = seenReferences.putIfAbsent(reference, at.label);
        if (previous != null) {
            throw invalid(at, "AcctSvcrRef", "duplicate payment reference " + shown(reference) + " (also " + previous + ")");
        }
        try {
            payments.add(new PaymentNotification(Kind.RECEIVED, PROVIDER, reference, reference, null, amount,
                    new Payer(name, null, null, account), invoiceReference, remittance, date));
        } catch (IllegalArgumentException e) {
            throw invalid(at, tx == null ? "Ntry" : "TxDtls", e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Fields

    /** {@code CRDT} or {@code DBIT} from {@code node}; {@code absent} when there is none (null: required). */
    private static String direction(Node node, Where at, String field, String absent) {
        String value = node == null ? null : node.text();
        if (value == null) {
            if (absent != null) {
                return absent;
            }
            throw invalid(at, field, "is required (CRDT or DBIT)");
        }
        if (!"CRDT".equals(value) && !"DBIT".equals(value)) {
            throw invalid(at.on(node), field, "expected CRDT or DBIT, got " + shown(value));
        }
        return value;
    }

    private static boolean reversal(Node ntry, Where at) {
        Node node = ntry.node("RvslInd");
        String value = node == null ? null : node.text();
        if (value == null || "false".equals(value) || "0".equals(value)) {
            return false;
        }
        if ("true".equals(value) || "1".equals(value)) {
            return true;
        }
        throw invalid(at.on(node), "RvslInd", "expected true or false, got " + shown(value));
    }

    /** {@code BOOK}, {@code PDNG}, ...: {@code Sts} as text (up to v07) or {@code Sts/Cd} (v08+). */
    private static String status(Node ntry, Where at) {
        Node sts = ntry.node("Sts");
        if (sts != null) {
            String code = sts.text("Cd");
            if (code != null) {
                return code;
            }
            String proprietary = sts.text("Prtry");
            if (proprietary != null) {
                return "proprietary " + shown(proprietary);
            }
            if (sts.text() != null) {
                return sts.text();
            }
        }
        throw invalid(sts == null ? at : at.on(sts), "Sts", "the entry status is required (BOOK, PDNG, INFO, ...)");
    }

    private static void reference(String reference, Where at, String field) {
        if (reference.length() > MAX_REFERENCE_LENGTH) {
            throw invalid(at, field, "the payment reference is longer than " + MAX_REFERENCE_LENGTH + " characters");
        }
    }

    private static Money amount(Node node, Where at, String field) {
        if (node == null || node.text() == null) {
            throw invalid(node == null ? at : at.on(node), field, "the amount is required");
        }
        Where here = at.on(node);
        if (node.currency == null || node.currency.isBlank()) {
            throw invalid(here, field, "the currency attribute Ccy is required");
        }
        Money amount;
        try {
            amount = Values.amount(node.text(), node.currency.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(here, field, e.getMessage());
        }
        if (amount.isNegative()) {
            throw invalid(here, field, "the amount must not be negative, got " + shown(node.text()));
        }
        return amount;
    }

    private static Instant bookingDate(Node ntry, Where at) {
        for (String path : List.of("BookgDt/Dt", "BookgDt/DtTm", "ValDt/Dt", "ValDt/DtTm")) {
            Node node = ntry.node(path);
            String value = node == null ? null : node.text();
            if (value == null) {
                continue;
            }
            try {
                LocalDate date = path.endsWith("/Dt")
                        ? LocalDate.parse(value, DateTimeFormatter.ISO_DATE)
                        : LocalDate.from(DateTimeFormatter.ISO_DATE_TIME.parse(value));
                if (!IntakeRules.isPlausible(date)) {
                    throw invalid(at.on(node), path, shown(value) + " is not " + IntakeRules.range());
                }
                return date.atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeException e) {
                throw invalid(at.on(node), path, shown(value) + " is not an ISO 8601 "
                        + (path.endsWith("/Dt") ? "date" : "date-time"));
            }
        }
        throw invalid(at, "BookgDt", "the booking date is required for a booked entry (BookgDt/Dt or DtTm, or ValDt)");
    }

    /** The text of {@code tx}'s single-line element at {@code path}, checked ({@link #checkText}). */
    private static String text(Node tx, String path, Where at) {
        Node node = tx.node(path);
        return node == null ? null : text(node, at, false);
    }

    /** The text of a kept element, checked ({@link #checkText}); null when empty. */
    private static String text(Node node, Where at, boolean multiLine) {
        String value = node.text();
        if (value != null) {
            checkText(value, at.on(node), node.path, multiLine);
        }
        return value;
    }

    /** Refuses text that is not text a person can read ({@link IntakeRules#textProblem}), naming the element. */
    private static void checkText(String value, Where at, String field, boolean multiLine) {
        String problem = IntakeRules.textProblem(value, multiLine);
        if (problem != null) {
            throw invalid(at, field, problem);
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }

    private static int line(XMLStreamReader r) {
        Location location = r.getLocation();
        return location == null ? -1 : location.getLineNumber();
    }

    private static Set<String> prefixesOf(List<String> paths) {
        Set<String> prefixes = new HashSet<>();
        for (String path : paths) {
            for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
                prefixes.add(path.substring(0, i));
            }
            prefixes.add(path);
        }
        return Set.copyOf(prefixes);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Errors

    private static IntakeException malformed(String detail) {
        return new IntakeException(400, "malformed-xml", "not a well-formed, DTD-free XML document: " + detail);
    }

    private static IntakeException malformed(XMLStreamException e) {
        String message = e.getMessage() == null ? "unreadable" : e.getMessage();
        int start = message.indexOf("Message: ");
        if (start >= 0) {
            message = message.substring(start + "Message: ".length());
        }
        Location location = e.getLocation();
        String where = location == null || location.getLineNumber() < 0 ? ""
                : "line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ": ";
        return malformed(where + shown(message.strip(), 200));
    }

    private static IntakeException unsupported(String detail) {
        return new IntakeException(422, "unsupported-statement", detail);
    }

    private static IntakeException tooLarge(String detail) {
        return new IntakeException(413, "statement-too-large", "the statement has " + detail
                + "; split it into several files");
    }

    private static IntakeException invalid(Where at, String field, String detail) {
        return new IntakeException(422, "invalid-statement", at + ", " + field + ": " + detail);
    }

    /** Where an error is: the entry (and transaction) position and a line number. */
    private record Where(String label, int line) {
        Where on(Node node) {
            return node == null ? this : new Where(label, node.line);
        }

        @Override
        public String toString() {
            return line > 0 ? label + " (line " + line + ")" : label;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // A small tree of the kept elements of one entry

    private static final class Node {
        final String name;
        final String path;
        final int line;
        final String currency;
        final List<Node> children = new ArrayList<>(2);
        private StringBuilder text;
        private boolean tooLong;
        /** Whether any child element started here (kept or not): then this is not a leaf and has no text. */
        private boolean hasElements;

        Node(String name, String path, int line, String currency) {
            this.name = name;
            this.path = path;
            this.line = line;
            this.currency = currency;
        }

        /** The stripped text of a leaf element, or null when empty or when the element has children. */
        String text() {
            if (text == null || hasElements) {
                return null;
            }
            String value = text.toString().strip();
            return value.isEmpty() ? null : value;
        }

        String text(String relativePath) {
            Node node = node(relativePath);
            return node == null ? null : node.text();
        }

        Node node(String relativePath) {
            List<Node> found = nodes(relativePath);
            return found.isEmpty() ? null : found.get(0);
        }

        /** Every descendant along {@code relativePath} (names separated by '/'), in document order. */
        List<Node> nodes(String relativePath) {
            List<Node> current = List.of(this);
            for (String step : relativePath.split("/")) {
                List<Node> next = new ArrayList<>();
                for (Node n : current) {
                    for (Node child : n.children) {
                        if (child.name.equals(step)) {
                            next.add(child);
                        }
                    }
                }
                current = next;
            }
            return current;
        }
    }

    /** Builds the tree of one {@code Ntry} from the stream, keeping only {@link #KEPT} paths. */
    private final class EntryReader {
        final int index;
        final Node root;
        private final ArrayDeque<Node> open = new ArrayDeque<>();
        private int skipping;
        private int nodes;

        EntryReader(int index, int line) {
            this.index = index;
            this.root = new Node("Ntry", "", line, null);
            open.push(root);
        }

        void start(XMLStreamReader r) {
            if (skipping > 0) {
                skipping++;
                return;
            }
            Node parent = open.peek();
            parent.hasElements = true;
            parent.text = null;
            parent.tooLong = false;
            String name = r.getLocalName();
            String path = parent == root ? name : parent.path + "/" + name;
            if (!ours(r) || !KEPT.contains(path)) {
                skipping = 1;
                return;
            }
            if (++nodes > MAX_NODES_PER_ENTRY) {
                throw tooLarge("more than " + MAX_NODES_PER_ENTRY + " elements in entry " + index);
            }
            if (TX.equals(path) && ++transactions > MAX_ENTRIES) {
                throw tooLarge("more than " + MAX_ENTRIES + " transaction details (TxDtls)");
            }
            Node node = new Node(name, path, line(r), r.getAttributeValue(null, "Ccy"));
            parent.children.add(node);
            open.push(node);
        }

        /** @return whether the entry itself has ended */
        boolean end() {
            if (skipping > 0) {
                skipping--;
                return false;
            }
            Node closed = open.pop();
            if (closed.tooLong || (closed.text() != null && closed.text().length() > MAX_FIELD_LENGTH)) {
                throw invalid(new Where("entry " + index, closed.line), closed.path,
                        "longer than " + MAX_FIELD_LENGTH + " characters");
            }
            return closed == root;
        }

        void text(XMLStreamReader r) {
            Node node = open.peek();
            if (skipping > 0 || node == root || node.hasElements || node.tooLong) {
                return;
            }
            if (node.text == null) {
                node.text = new StringBuilder();
            }
            int length = r.getTextLength();
            if (node.text.length() + length > 8 * MAX_FIELD_LENGTH) {
                node.tooLong = true;
                node.text = null;
                return;
            }
            node.text.append(r.getTextCharacters(), r.getTextStart(), length);
        }
    }
}
