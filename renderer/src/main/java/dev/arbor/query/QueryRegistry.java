package dev.arbor.query;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Queries registered under a name, the first part of their key: the server prefetches them with
 * {@link #options(QueryKey)}, and the host's refetch endpoint runs them again for client code
 * ({@code arbor.refetch(["posts", ...])}). Only registered queries can be reached from the client.
 * Configure once at start-up and share; registration is thread-safe.
 *
 * <pre>{@code
 * QueryRegistry queries = new QueryRegistry()
 *     .register("posts", key -> posts.list())                          // ["posts"]
 *     .register("comments", key -> comments.of(key.toJson().get(1).asLong())); // ["comments", 42]
 * }</pre>
 */
public final class QueryRegistry {
    private final Map<String, Function<QueryKey, ? extends CompletionStage<?>>> queries = new ConcurrentHashMap<>();

    /** An empty registry: no query can be reached until one is registered. */
    public QueryRegistry() {
    }

    /**
     * @param name the first part of every key of this query
     * @param fn fetches the data for a key
     * @return this registry
     * @throws IllegalArgumentException when the name is taken
     */
    public QueryRegistry register(String name, Function<QueryKey, ? extends CompletionStage<?>> fn) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fn, "fn");
        if (queries.putIfAbsent(name, fn) != null) {
            throw new IllegalArgumentException("A query named '" + name + "' is already registered");
        }
        return this;
    }

    /**
     * @param key a key whose first part names a registered query
     * @return the options to fetch it with
     * @throws IllegalArgumentException when no query is registered under the key's first part
     */
    public QueryOptions<Object> options(QueryKey key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException(
                "No query is registered for key " + key.hash() + "; registered: " + queries.keySet()));
    }

    /**
     * @param key a key from the client
     * @return its options, or empty when no query is registered under its first part
     */
    public Optional<QueryOptions<Object>> find(QueryKey key) {
        Objects.requireNonNull(key, "key");
        if (key.size() == 0 || !key.toJson().get(0).isTextual()) {
            return Optional.empty();
        }
        Function<QueryKey, ? extends CompletionStage<?>> fn = queries.get(key.toJson().get(0).asText());
        if (fn == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Function<QueryKey, CompletionStage<Object>> typed = (Function<QueryKey, CompletionStage<Object>>) (Function<?, ?>) fn;
        return Optional.of(QueryOptions.of(key, typed));
    }
}
