package dev.arbor.vertx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbor.RenderError;
import dev.arbor.RenderTimeoutException;
import dev.arbor.Scheduler;
import dev.arbor.query.Dehydration;
import dev.arbor.query.DehydrateOptions;
import dev.arbor.query.QueryClient;
import dev.arbor.query.QueryKey;
import dev.arbor.query.QueryOptions;
import dev.arbor.query.QueryRegistry;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The refetch endpoint behind {@code arbor.refetch(key)}: runs one registered query with a client
 * of its own and answers with its dehydrated state, the JSON that hydration boundaries send.
 * Shares nothing between requests but the registry.
 */
final class QueryEndpoint implements Handler<RoutingContext> {
    /** The largest POST body read; a key is a few hundred bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final HostConfig host;
    private final QueryRegistry registry;
    private final ObjectMapper mapper;

    QueryEndpoint(HostConfig host, QueryRegistry registry) {
        this.host = host;
        this.registry = registry;
        this.mapper = host.renderer().objectMapper();
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method() == HttpMethod.GET) {
            String key;
            try {
                key = context.queryParam("key").stream().findFirst().orElse(null);
            } catch (RuntimeException malformed) { // a bad %-escape: Vert.x Web cannot decode the query
                fail(context, 400, "The query string is malformed: send ?key=<a JSON array, URL-encoded>");
                return;
            }
            if (key == null) {
                fail(context, 400, "Missing the query key: send ?key=<a JSON array>, such as ?key=%5B%22posts%22%5D");
                return;
            }
            run(context, key);
        } else if (request.method() == HttpMethod.POST) {
            readBody(context);
        } else {
            context.response().putHeader(HttpHeaders.ALLOW, "GET, POST");
            fail(context, 405, "Use GET with ?key=<a JSON array> or POST with {\"key\": [...]}");
        }
    }

    private void readBody(RoutingContext context) {
        if (context.body().available()) { // a BodyHandler read it already
            runPosted(context, context.body().buffer());
            return;
        }
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                tooLarge[0] = true;
                fail(context, 413, "The request body is larger than " + MAX_BODY_BYTES + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!tooLarge[0]) {
                runPosted(context, body);
            }
        });
        request.exceptionHandler(error -> { }); // the client went away; nothing to answer
    }

    private void runPosted(RoutingContext context, Buffer body) {
        JsonNode json;
        try {
            json = body == null || body.length() == 0 ? null : mapper.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            json = null;
        }
        if (json == null || !json.isObject() || !json.has("key")) {
            fail(context, 400, "The request body must be a JSON object with the query key, such as {\"key\":[\"posts\"]}");
            return;
        }
        run(context, json.get("key").toString());
    }

    private void run(RoutingContext context, String keyJson) {
        QueryKey key;
        try {
            key = QueryKey.parse(keyJson);
        } catch (IllegalArgumentException e) {
            fail(context, 400, e.getMessage());
            return;
        }
        Optional<QueryOptions<Object>> options = registry.find(key);
        if (options.isEmpty()) {
            fail(context, 404, "No query is registered for " + key.hash());
            return;
        }
        new Exchange(context, key).start(options.get());
    }

    /** One refetch: its own query client, answered once, on the request's context. */
    private final class Exchange {
        private final RoutingContext context;
        private final HttpServerResponse response;
        private final QueryKey key;
        private final QueryClient client;
        private final Context vertxContext;
        private Scheduler.Cancellable deadline;
        private boolean done;

        Exchange(RoutingContext context, QueryKey key) {
            this.context = context;
            this.response = context.response();
            this.key = key;
            this.client = host.newQueryClient();
            Context current = Vertx.currentContext();
            this.vertxContext = current != null ? current : context.vertx().getOrCreateContext();
        }

        void start(QueryOptions<Object> options) {
            // A client that goes away, like a deadline that passes, cancels the query's source.
            response.closeHandler(v -> {
                finish();
                client.cancelQueries();
            });
            deadline = host.renderer().scheduler().schedule(host.deadline(),
                    () -> vertxContext.runOnContext(v -> timedOut()));
            // The query function runs here, on the event loop; its stage may complete on any thread.
            client.prefetchQuery(options).whenComplete((v, e) -> vertxContext.runOnContext(x -> settled()));
        }

        private void settled() {
            if (!finish()) {
                return;
            }
            DehydrateOptions options = host.dehydrateOptions().shouldDehydrateQuery(state -> true);
            String json;
            try {
                json = mapper.writeValueAsString(Dehydration.dehydrate(client, options).toJson());
            } catch (IllegalStateException | JsonProcessingException e) {
                // The data cannot be serialized: an error of the server, reported like a render's.
                fail(context, 500, error(e));
                return;
            }
            send(context, 200, json);
        }

        private void timedOut() {
            boolean answer = finish();
            client.cancelQueries();
            if (answer) {
                fail(context, 504, error(new RenderTimeoutException(host.deadline())));
            }
        }

        private RenderError error(Throwable cause) {
            return new RenderError(host.report(cause), cause, host.renderer().mode());
        }

        /** @return whether this call ended the exchange: only the first does */
        private boolean finish() {
            if (done) {
                return false;
            }
            done = true;
            if (deadline != null) {
                deadline.cancel();
            }
            return !response.closed() && !response.ended();
        }
    }

    private void fail(RoutingContext context, int status, RenderError error) {
        ObjectNode json = mapper.createObjectNode().put("error", error.message()).put("digest", error.digest());
        send(context, status, json.toString());
    }

    private void fail(RoutingContext context, int status, String message) {
        send(context, status, mapper.createObjectNode().put("error", message).toString());
    }

    private static void send(RoutingContext context, int status, String json) {
        HttpServerResponse response = context.response();
        if (response.headWritten() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(json);
    }
}
