/**
 * Use cases: one class per use case family (issuing, the sweeps, payments, corrections, dunning, reports, settings,
 * queries), each reading through the repositories, deciding with the domain, committing the decision and retrying a
 * conflict with {@code ConflictRetry}; every handler and API route calls one of them.
 */
package io.periodic.billing.service;
