/** The composition root: {@link io.periodic.billing.wiring.Periodic} builds, lazily and once, the object graph every function and the local runner use. */
package io.periodic.billing.wiring;
