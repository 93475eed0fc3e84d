package dev.arbor.query;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a query is and how to fetch it: its key, its query function and, optionally, how long its
 * data stays fresh. Immutable; {@link #staleTime(Duration)} returns a copy.
 *
 * <pre>{@code
 * QueryOptions<List<Post>> posts = QueryOptions.of(QueryKey.of("posts"), api::posts)
 *         .staleTime(Duration.ofMinutes(1));
 * }</pre>
 *
 * @param <T> the type of the query's data; it must serialize with the client's Jackson mapper to
 *     be dehydrated
 */
public final class QueryOptions<T> {
    private final QueryKey key;
    private final Function<QueryKey, ? extends CompletionStage<T>> queryFn;
    private final Duration staleTime;

    private QueryOptions(QueryKey key, Function<QueryKey, ? extends CompletionStage<T>> queryFn, Duration staleTime) {
        this.key = key;
        this.queryFn = queryFn;
        this.staleTime = staleTime;
    }

    /**
     * Options with the client's default stale time.
     *
     * @param key the query's key
     * @param queryFn starts the fetch and returns its stage; called on the thread that asks for
     *     the query, at most once at a time per key; it may throw, which fails the fetch
     * @param <T> the data's type
     * @return the options
     */
    public static <T> QueryOptions<T> of(QueryKey key, Supplier<? extends CompletionStage<T>> queryFn) {
        Objects.requireNonNull(queryFn, "queryFn");
        return of(key, k -> queryFn.get());
    }

    /**
     * Options whose query function receives the key, so one function can serve a family of keys.
     *
     * @param key the query's key
     * @param queryFn starts the fetch for the given key and returns its stage
     * @param <T> the data's type
     * @return the options
     */
    public static <T> QueryOptions<T> of(QueryKey key, Function<QueryKey, ? extends CompletionStage<T>> queryFn) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(queryFn, "queryFn");
        return new QueryOptions<>(key, queryFn, null);
    }

    /**
     * A copy with the given stale time: how long after its data was updated a query is still
     * fresh, so that {@link QueryClient#fetchQuery} returns the cached data instead of fetching.
     * {@link Duration#ZERO} means always stale (TanStack's default); a very long duration, such
     * as {@code ChronoUnit.FOREVER.getDuration()}, means never stale by time (only by
     * {@link QueryClient#invalidateQueries invalidation}).
     *
     * @param staleTime zero or positive
     * @return the copy
     */
    public QueryOptions<T> staleTime(Duration staleTime) {
        return new QueryOptions<>(key, queryFn, checkStaleTime(staleTime));
    }

    /** @return the query's key */
    public QueryKey key() {
        return key;
    }

    /** @return the query function */
    public Function<QueryKey, ? extends CompletionStage<T>> queryFn() {
        return queryFn;
    }

    /** @return the stale time, or empty for the client's default */
    public Optional<Duration> staleTime() {
        return Optional.ofNullable(staleTime);
    }

    static Duration checkStaleTime(Duration staleTime) {
        Objects.requireNonNull(staleTime, "staleTime");
        if (staleTime.isNegative()) {
            throw new IllegalArgumentException("staleTime must not be negative: " + staleTime);
        }
        return staleTime;
    }

    @Override
    public String toString() {
        return "QueryOptions[" + key + (staleTime == null ? "" : ", staleTime=" + staleTime) + "]";
    }
}
