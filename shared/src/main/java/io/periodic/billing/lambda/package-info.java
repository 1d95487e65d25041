/**
 * The Lambda edge's helpers every function shares: one-line JSON logs, SnapStart priming, problem+json answers and SQS
 * partial batch responses; no business rule.
 */
package io.periodic.billing.lambda;
