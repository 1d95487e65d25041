/**
 * Webhook intake core: verifies signed deliveries exactly as each sender defines them, then turns them into
 * canonical {@link io.periodic.billing.payments.PaymentNotification}s. Plain Java (JDK crypto, Jackson trees); no
 * AWS imports, no POJO binding.
 *
 * <ul>
 *   <li>{@link io.periodic.billing.webhooks.StripeSignatureVerifier}: the {@code Stripe-Signature} header.</li>
 *   <li>{@link io.periodic.billing.webhooks.StandardWebhooksVerifier}: the {@code webhook-id},
 *       {@code webhook-timestamp} and {@code webhook-signature} headers of the Standard Webhooks spec.</li>
 *   <li>{@link io.periodic.billing.webhooks.StripeEvents}: Stripe events to notifications.</li>
 *   <li>{@link io.periodic.billing.webhooks.StandardEvents}: our own payment events (docs/payment-events.md).</li>
 * </ul>
 *
 * <p>The order is always: verify the raw bytes as received (never a re-serialised body), then parse those same
 * bytes. Every refusal is an {@link io.periodic.billing.payments.IntakeException} carrying its HTTP status and a
 * problem type: 400 {@code signature-missing}, {@code signature-malformed}, {@code malformed-json}; 401
 * {@code signature-mismatch}, {@code timestamp-out-of-tolerance}; 422 {@code invalid-amount},
 * {@code invalid-field}. No header value or body makes these classes throw any other exception.
 */
package io.periodic.billing.webhooks;
