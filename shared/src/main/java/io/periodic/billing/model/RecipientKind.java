package io.periodic.billing.model;

/**
 * Whether a document is addressed to an organisation or to a person, which chooses the honorific after the
 * customer's name where the language has one: Japanese {@code 御中} (an organisation) or {@code 様} (a person),
 * Korean {@code 귀중} or {@code 귀하}. A customer that does not say is addressed as a {@link #COMPANY}: Periodic
 * bills businesses (docs/documents.md).
 */
public enum RecipientKind {
    /** A company, an office, a department: {@code 株式会社みなと設計事務所 御中}. */
    COMPANY,
    /** A natural person: {@code 山田 花子 様}. */
    PERSON
}
