/**
 * The cold-start baseline: what a function would be if built the default way (bean schemas of the stored records, with
 * default-built SDK clients), put in front of a function's jar by the benchmark; never deployed.
 */
package io.periodic.bench.baseline;
