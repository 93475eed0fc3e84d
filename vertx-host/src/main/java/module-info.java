/**
 * Arbor's Vert.x host: serves Arbor pages with Vert.x Web. Exports {@code dev.arbor.vertx} only,
 * and reads the renderer through its exported API.
 */
@SuppressWarnings("requires-automatic")
module dev.arbor.vertx {
    exports dev.arbor.vertx;

    requires transitive dev.arbor.renderer;
    requires transitive io.vertx.core;
    requires transitive io.vertx.web;
    requires com.fasterxml.jackson.databind;
    // Netty, under Vert.x: chunks wrapped without a copy (ResponseSink) and HTTP's reason phrases
    // for the answers to malformed requests (RouterFailures).
    requires io.netty.buffer;
    requires io.netty.codec.http;
    // Only ArborMetrics needs Micrometer (an automatic module), and only where an application
    // records metrics and brings its registry: optional.
    requires static micrometer.core;
}
