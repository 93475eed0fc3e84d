package dev.arbor.vertx;

import dev.arbor.query.QueryKey;
import dev.arbor.query.QueryRegistry;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.net.RFC3986;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * An action's answer to a form the client runtime sent (single flight): the page the action leads
 * to, streamed as a navigation in the same response, with the fresh state of the queries the action
 * invalidated. No second request follows the mutation.
 *
 * @param url where the action led, which the runtime shows in the address bar; null when the
 *     answer is the form's own page again (a 422), and the address bar stays
 * @param invalidated the queries the action made stale, fetched again for this response
 */
record SingleFlight(String url, List<QueryKey> invalidated) {
    /** The response header that names the page a single-flight answer shows. */
    static final String URL_HEADER = "Arbor-Url";

    SingleFlight {
        invalidated = List.copyOf(invalidated);
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
     * @return whether it is a path on this site ({@code /a/b?c}), which a mounted page may serve;
     *     not {@code //host} or {@code /\host}, which browsers read as another site
     */
    static boolean isLocal(String location) {
        return location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\");
    }

    /**
     * The action's request as the target page sees it: a {@code GET} of {@link #url()}, with that
     * path, its query and the mounted path's parameters; its headers (the runtime's
     * {@code Arbor-Navigate}, the cookies) and its response are the action's.
     *
     * @param action the action's transport
     * @param target the mounted page that serves the URL's path, and its parameters
     * @return the transport for the target page's exchange
     */
    Transport retarget(Transport action, Mounts.Match target) {
        int hash = url.indexOf('#');
        // a browser never sends the fragment: it is for the address bar (Arbor-Url) only
        QueryStringDecoder uri = new QueryStringDecoder(hash < 0 ? url : url.substring(0, hash), StandardCharsets.UTF_8);
        return new Retargeted(action, uri, target.params());
    }

    /** @return the path of a local location, without its query and fragment, %-escapes kept */
    static String pathOf(String location) {
        return new QueryStringDecoder(location).rawPath(); // it ends at the first '?' or '#'
    }

    /** A transport that shows another request line and passes everything else through. */
    private static final class Retargeted implements Transport {
        private final Transport action;
        private final QueryStringDecoder uri;
        private final Map<String, String> params;

        Retargeted(Transport action, QueryStringDecoder uri, Map<String, String> params) {
            this.action = action;
            this.uri = uri;
            this.params = Map.copyOf(params);
        }

        @Override
        public String pathParam(String name) {
            return params.get(name);
        }

        @Override
        public List<String> queryParams(String name) {
            return uri.parameters().getOrDefault(name, List.of());
        }

        @Override
        public String query() {
            String raw = uri.rawQuery();
            return raw.isEmpty() ? null : raw;
        }

        /** As Vert.x Web gives a GET of the target: dot segments removed, only unreserved characters decoded. */
        @Override
        public String path() {
            return RFC3986.normalizePath(uri.rawPath());
        }

        @Override
        public HttpMethod method() {
            return HttpMethod.GET;
        }

        @Override
        public String header(String name) {
            return action.header(name);
        }

        @Override
        public Vertx vertx() {
            return action.vertx();
        }

        @Override
        public RoutingContext routingContext() {
            return action.routingContext();
        }

        @Override
        public Executor executor() {
            return action.executor();
        }

        @Override
        public void onGone(Runnable gone) {
            action.onGone(gone);
        }

        @Override
        public boolean headWritten() {
            return action.headWritten();
        }

        @Override
        public boolean ended() {
            return action.ended();
        }

        @Override
        public void reset() {
            action.reset();
        }

        @Override
        public void status(int status) {
            action.status(status);
        }

        @Override
        public MultiMap headers() {
            return action.headers();
        }

        @Override
        public void chunked() {
            action.chunked();
        }

        @Override
        public void write(byte[] chunk) {
            action.write(chunk);
        }

        @Override
        public void write(byte[] chunk, int offset, int length, Runnable sent) {
            action.write(chunk, offset, length, sent);
        }

        @Override
        public boolean writeQueueFull() {
            return action.writeQueueFull();
        }

        @Override
        public void onDrain(Runnable drained) {
            action.onDrain(drained);
        }

        @Override
        public void end() {
            action.end();
        }

        @Override
        public void end(Buffer body) {
            action.end(body);
        }
    }
}
