/**
 * Adapter: the one DynamoDB table behind {@code BillingStore}'s repositories (static schemas, create-once and
 * version-checked writes, transactions, the work index); only use cases and the composition root use it.
 */
package io.periodic.billing.persistence;
