/**
 * Domain (pure): amounts as integer minor units of an ISO 4217 currency, the one rounding rule, tax rates and the tax
 * of an invoice; no floating point.
 */
package io.periodic.billing.money;
