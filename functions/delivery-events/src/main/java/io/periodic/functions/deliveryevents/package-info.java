/**
 * Edge: the delivery-events queue's handler, which reads SES's delivery notifications and hands them to the
 * delivery-feedback use case.
 */
package io.periodic.functions.deliveryevents;
