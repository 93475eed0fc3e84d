package dev.arbor.query;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The queries that client code may run again through the host's refetch endpoint
 * ({@code arbor.refetch(["comments", 42])}), each under its name, the first part of its keys.
 * Only registered queries can be reached from the client. Configure once at start-up and share;
 * registration is thread-safe.
 *
 * <pre>{@code
 * QueryRegistry queries = new QueryRegistry()
 *     .register(POSTS)                                   // QueryDefinition<Void, Feed>: ["posts"]
 *     .register(COMMENTS);                               // QueryDefinition<Long, List<Comment>>: ["comments", 42]
 * }</pre>
 *
 * Pages fetch through the same {@link QueryDefinition definitions}, typed
 * ({@code client.fetchQuery(COMMENTS.options(42L))}); the registry only maps a client's key back to
 * its definition, reading the argument from the key's JSON.
 */
public final class QueryRegistry {
    private final Map<String, Function<QueryKey, QueryOptions<Object>>> queries = new ConcurrentHashMap<>();

    /** An empty registry: no query can be reached until one is registered. */
    public QueryRegistry() {
    }

    /**
     * Registers a typed query under its name.
     *
     * @param definition the query
     * @return this registry
     * @throws IllegalArgumentException when the name is taken
     */
    public QueryRegistry register(QueryDefinition<?, ?> definition) {
        Objects.requireNonNull(definition, "definition");
        return add(definition.name(), key -> erase(definition.optionsFor(key)));
    }

    /**
     * Registers an untyped family of queries: the function reads what it needs from the key's
     * JSON. Prefer a {@link QueryDefinition}, whose function gets a typed argument.
     *
     * @param name the first part of every key of this query
     * @param fn fetches the data for a key
     * @return this registry
     * @throws IllegalArgumentException when the name is taken
     */
    public QueryRegistry register(String name, Function<QueryKey, ? extends CompletionStage<?>> fn) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fn, "fn");
        return add(name, key -> QueryOptions.of(key, k -> erase(fn.apply(k))));
    }

    private QueryRegistry add(String name, Function<QueryKey, QueryOptions<Object>> options) {
        if (queries.putIfAbsent(name, options) != null) {
            throw new IllegalArgumentException("A query named '" + name + "' is already registered");
        }
        return this;
    }

    /**
     * @param key a key whose first part names a registered query
     * @return the options to fetch it with; its data is untyped here (use the query's
     *     {@link QueryDefinition} in pages)
     * @throws IllegalArgumentException when no query is registered under the key's first part, or
     *     the key does not fit the query's definition
     */
    public QueryOptions<Object> options(QueryKey key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException(
                "No query is registered for key " + key.hash() + "; registered: " + queries.keySet()));
    }

    /**
     * @param key a key from the client
     * @return its options, or empty when no query is registered under its first part
     * @throws IllegalArgumentException when a query is registered under its first part but the key
     *     does not fit its definition (a missing, extra or mistyped argument): the client's mistake
     */
    public Optional<QueryOptions<Object>> find(QueryKey key) {
        Objects.requireNonNull(key, "key");
        if (key.size() == 0 || !key.toJson().get(0).isTextual()) {
            return Optional.empty();
        }
        Function<QueryKey, QueryOptions<Object>> options = queries.get(key.toJson().get(0).asText());
        return options == null ? Optional.empty() : Optional.of(options.apply(key));
    }

    // The endpoint only serializes the data: its static type no longer matters there.
    @SuppressWarnings("unchecked")
    private static <T> T erase(Object value) {
        return (T) value;
    }
}
