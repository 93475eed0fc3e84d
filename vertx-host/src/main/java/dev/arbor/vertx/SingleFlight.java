package dev.arbor.vertx;

import dev.arbor.query.QueryKey;
import dev.arbor.query.QueryRegistry;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * An action's answer to a form the client runtime sent (single flight): the page the action leads
 * to, streamed as a navigation in the same response, with the fresh state of the queries the action
 * invalidated. No second request follows the mutation.
 *
 * <p>A redirect reaches its target page through Vert.x Web's {@code reroute}, which keeps the
 * context's data and clears the response's headers; this value rides in the data, and the target's
 * {@link PageExchange} puts its headers on the response it answers with.
 *
 * @param url where the action led, which the runtime shows in the address bar; null when the
 *     answer is the form's own page again (a 422), and the address bar stays
 * @param invalidated the queries the action made stale, fetched again for this response
 */
record SingleFlight(String url, List<QueryKey> invalidated) {
    /** The response header that names the page a single-flight answer shows. */
    static final String URL_HEADER = "Arbor-Url";

    private static final String KEY = "dev.arbor.singleFlight";

    SingleFlight {
        invalidated = List.copyOf(invalidated);
    }

    /** @return the single flight a rerouted request carries, or null for any other request */
    static SingleFlight of(RoutingContext context) {
        return context.get(KEY);
    }

    /**
     * Hands this answer to the target page's handler: Vert.x Web routes the request again, as a
     * {@code GET} of {@link #url()}, with its headers (the runtime's {@code Arbor-Navigate}) kept.
     */
    void reroute(RoutingContext context) {
        context.put(KEY, this);
        int hash = url.indexOf('#');
        // a browser never sends the fragment: it stays for the address bar (Arbor-Url) only
        context.reroute(io.vertx.core.http.HttpMethod.GET, hash < 0 ? url : url.substring(0, hash));
    }

    /**
     * Starts the invalidated queries again in the page's query client, with streamed hydration on,
     * so that their state reaches the client's cache in this response, whether the page reads them
     * (sharing the fetch) or not (an island of a layout the navigation keeps). A key the host's
     * registry does not know and the page does not fetch is not sent.
     */
    void prefetch(HostConfig host, PageRequest request) {
        QueryRegistry registry = host.queries();
        if (invalidated.isEmpty()) {
            return;
        }
        request.streamQueries();
        if (registry != null) {
            for (QueryKey key : invalidated) {
                registry.find(key).ifPresent(options -> request.queryClient().prefetchQuery(options));
            }
        }
    }

    /**
     * @param location a redirect's target
     * @return whether it is a path on this site ({@code /a/b?c}), which the router can serve; not
     *     {@code //host} or {@code /\host}, which browsers read as another site
     */
    static boolean isLocal(String location) {
        return location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\");
    }
}
