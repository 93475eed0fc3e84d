package dev.arbor.vertx;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The request an {@link Action} runs for: its form, already parsed and CSRF-checked, and the
 * request's parts. Immutable.
 */
public final class ActionRequest {
    private final Transport context;
    private final FormData form;

    ActionRequest(Transport context, FormData form) {
        this.context = context;
        this.form = form;
    }

    /** @return the submitted form, without the CSRF token field */
    public FormData form() {
        return form;
    }

    /**
     * @param name a parameter of the route's path
     * @return its decoded value, or {@code null}
     */
    public String pathParam(String name) {
        return context.pathParam(name);
    }

    /**
     * @param name a query parameter
     * @return its first value, or {@code null}
     */
    public String queryParam(String name) {
        List<String> values = context.queryParams(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * @param name a request header, in any case
     * @return its value, or {@code null}
     */
    public String header(String name) {
        return context.header(name);
    }

    /** @return the request's path */
    public String path() {
        return context.path();
    }

    /** @return the Vert.x instance serving the request */
    public Vertx vertx() {
        return context.vertx();
    }

    /** @return Vert.x Web's context of the request */
    public RoutingContext routingContext() {
        return context.routingContext();
    }
}
