/**
 * Arbor's Vert.x host: serves Arbor pages with Vert.x Web. Exports {@code dev.arbor.vertx} only,
 * and reads the renderer through its exported API.
 */
module dev.arbor.vertx {
    exports dev.arbor.vertx;

    requires transitive dev.arbor.renderer;
    requires transitive io.vertx.core;
    requires transitive io.vertx.web;
    requires com.fasterxml.jackson.databind;
}
