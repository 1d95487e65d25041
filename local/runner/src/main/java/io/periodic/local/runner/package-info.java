/**
 * The local runner ({@code ./dev local}): the whole system in one JVM on the embedded engines, wired to the real
 * handlers, with its HTTP front door and the demo.
 */
package io.periodic.local.runner;
