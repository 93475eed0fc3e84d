package dev.arbor.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;

/**
 * Turns a {@link QueryClient}'s cache into the JSON that the client hydrates from, as TanStack's
 * {@code dehydrate}.
 *
 * <pre>{@code
 * DehydratedState state = Dehydration.dehydrateNew(queries,
 *         DehydrateOptions.defaults().includePendingQueries(true));
 * String json = mapper.writeValueAsString(state.toJson());
 * for (DehydratedQuery query : state.queries()) {
 *     if (query.isPending()) {
 *         query.settledJson().thenAccept(settled -> streamLater(query.queryHash(), settled));
 *     }
 * }
 * }</pre>
 */
public final class Dehydration {
    private Dehydration() {
    }

    /**
     * Dehydrates with {@link DehydrateOptions#defaults()}: the successful queries.
     *
     * @param client the request's query client
     * @return the chosen queries
     */
    public static DehydratedState dehydrate(QueryClient client) {
        return dehydrate(client, DehydrateOptions.defaults());
    }

    /**
     * Every query the options choose, in the order the client first used them, whether or not
     * sent before.
     *
     * @param client the request's query client
     * @param options which queries, and how errors look
     * @return the chosen queries
     * @throws IllegalStateException when a query's data cannot be serialized by the client's mapper
     */
    public static DehydratedState dehydrate(QueryClient client, DehydrateOptions options) {
        return dehydrate(client, options, false);
    }

    /**
     * Like {@link #dehydrate(QueryClient)}, but only the queries this client has not sent yet.
     *
     * @param client the request's query client
     * @return the queries not sent before
     */
    public static DehydratedState dehydrateNew(QueryClient client) {
        return dehydrateNew(client, DehydrateOptions.defaults());
    }

    /**
     * Like {@link #dehydrate(QueryClient, DehydrateOptions)}, but only the queries this client has
     * not sent yet by {@code dehydrateNew}, so nested hydration boundaries that share one client
     * never send one query twice. A query sent before counts as new again when its data or error
     * has been updated since it was sent (by a fetch or by hand), except by the fetch it was
     * pending on when sent: that result reaches the client through
     * {@link DehydratedQuery#settledJson()}. Queries sent by plain {@code dehydrate} are not
     * remembered. Safe to call from several threads: each query goes to one caller only.
     *
     * @param client the request's query client
     * @param options which queries, and how errors look
     * @return the chosen queries not sent before
     * @throws IllegalStateException when a query's data cannot be serialized by the client's mapper
     */
    public static DehydratedState dehydrateNew(QueryClient client, DehydrateOptions options) {
        return dehydrate(client, options, true);
    }

    private static DehydratedState dehydrate(QueryClient client, DehydrateOptions options, boolean onlyNew) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
        long now = client.clock().millis();
        List<DehydratedQuery> chosen = new ArrayList<>();
        for (Query query : client.queries()) {
            QueryState state = query.state.get();
            if (!options.shouldDehydrate(state)) {
                continue;
            }
            String hash = query.key.hash();
            if (onlyNew && !isNew(state, client.sent.get(hash))) {
                continue;
            }
            DehydratedQuery dehydrated = dehydrateQuery(state, options, client.objectMapper(), now);
            if (onlyNew && !claim(client, hash, state)) {
                continue; // Another thread sent it meanwhile.
            }
            chosen.add(dehydrated);
        }
        return new DehydratedState(chosen);
    }

    private static DehydratedQuery dehydrateQuery(QueryState state, DehydrateOptions options, ObjectMapper mapper,
            long now) {
        ObjectNode json = stateJson(state, options, mapper);
        CompletionStage<ObjectNode> settled = null;
        if (state.status() == QueryStatus.PENDING && state.isFetching()) {
            settled = state.settled().thenApply(done -> settledJson(done, options, mapper));
        }
        return new DehydratedQuery(state.key(), state.status(), json, now, settled);
    }

    /** What {@link #dehydrateNew} sent of one query: its update count then, and the fetch it was pending on. */
    static final class Sent {
        final long updates;
        final Fetch pendingOn;

        Sent(QueryState state) {
            this.updates = state.updates();
            this.pendingOn = state.status() == QueryStatus.PENDING ? state.fetch() : null;
        }
    }

    private static boolean isNew(QueryState state, Sent sent) {
        if (sent == null) {
            return true;
        }
        if (sent.pendingOn != null && (state.fetch() == sent.pendingOn || state.lastUpdate() == sent.pendingOn)) {
            return false; // Still pending, or its outcome is the latest: it streams by settledJson.
        }
        return state.updates() > sent.updates;
    }

    private static boolean claim(QueryClient client, String hash, QueryState state) {
        boolean[] claimed = {false};
        client.sent.compute(hash, (h, sent) -> {
            if (isNew(state, sent)) {
                claimed[0] = true;
                return new Sent(state);
            }
            return sent;
        });
        return claimed[0];
    }

    /** The state of a settled query; a failure to serialize its data becomes an error state. */
    private static ObjectNode settledJson(QueryState state, DehydrateOptions options, ObjectMapper mapper) {
        try {
            return stateJson(state, options, mapper);
        } catch (RuntimeException e) {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("status", "error");
            json.put("dataUpdatedAt", state.dataUpdatedAt());
            json.set("error", errorJson(e, options));
            json.put("errorUpdatedAt", state.errorUpdatedAt() == 0 ? state.dataUpdatedAt() : state.errorUpdatedAt());
            return json;
        }
    }

    private static ObjectNode stateJson(QueryState state, DehydrateOptions options, ObjectMapper mapper) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("status", state.status().name().toLowerCase(Locale.ROOT));
        if (state.hasData()) {
            json.set("data", dataJson(state, mapper));
        }
        json.put("dataUpdatedAt", state.dataUpdatedAt());
        json.set("error", state.error() == null ? JsonNodeFactory.instance.nullNode() : errorJson(state.error(), options));
        json.put("errorUpdatedAt", state.errorUpdatedAt());
        return json;
    }

    private static JsonNode dataJson(QueryState state, ObjectMapper mapper) {
        Object data = state.data();
        if (data == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            JsonNode tree = mapper.valueToTree(data);
            return tree == null ? JsonNodeFactory.instance.nullNode() : tree;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The data of query " + state.key() + " (" + data.getClass().getName()
                    + ") cannot be serialized to JSON: " + e.getMessage(), e);
        }
    }

    /** {@code {"message":"redacted","digest":"..."}}, or with the real class and message when allowed. */
    private static ObjectNode errorJson(Throwable error, DehydrateOptions options) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (options.shouldRedact(error)) {
            json.put("message", "redacted");
        } else {
            json.put("name", error.getClass().getSimpleName());
            json.put("message", error.getMessage() == null ? error.getClass().getName() : error.getMessage());
        }
        // A cancelled query is nobody's failure (its request is over): there is nothing to report.
        String digest = error instanceof CancellationException ? null : options.digest(error);
        if (digest != null) {
            json.put("digest", digest);
        }
        return json;
    }
}
