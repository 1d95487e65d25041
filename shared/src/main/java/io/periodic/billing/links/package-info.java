/** The hosted invoice page's signed, expiring links: how a token is made and checked (pure Java, no I/O). */
package io.periodic.billing.links;
