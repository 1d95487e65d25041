/**
 * Edge: the management API's function: its handler, the router, one route class per openapi.yaml tag, strict reading of
 * requests ({@code JsonIn}, {@code Query}) and the JSON views it answers with; each route calls a use case or a query
 * service.
 */
package io.periodic.functions.billingapi;
