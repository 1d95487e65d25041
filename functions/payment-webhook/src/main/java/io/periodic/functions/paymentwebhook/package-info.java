/**
 * Edge: the handler behind the webhook and bank-statement routes, which hands the raw bytes to the
 * {@code PaymentIntake} use case.
 */
package io.periodic.functions.paymentwebhook;
