/**
 * The performance figures of {@code ./dev bench}: cold starts of the deployment jars next to a default-built baseline,
 * package sizes and the cost model; never deployed.
 */
package io.periodic.bench;
