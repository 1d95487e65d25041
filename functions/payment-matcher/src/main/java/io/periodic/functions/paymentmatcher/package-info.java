/**
 * Edge: the payment queue's handler, which hands each payment notification to the payment use cases.
 */
package io.periodic.functions.paymentmatcher;
