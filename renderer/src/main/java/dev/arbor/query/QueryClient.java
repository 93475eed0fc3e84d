package dev.arbor.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbor.internal.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A server-side query cache with TanStack Query's semantics: fetch, prefetch, dedupe, stale time,
 * invalidation; and, through {@link Dehydration}, the state to send to the client.
 *
 * <pre>{@code
 * QueryClient queries = QueryClient.create();          // one per request
 * queries.prefetchQuery(QueryOptions.of(QueryKey.of("posts"), api::posts));  // no need to wait
 * DehydratedState state = Dehydration.dehydrate(queries,
 *         DehydrateOptions.defaults().includePendingQueries(true));
 * }</pre>
 *
 * <p><b>Make one client per request</b> and never keep it in a static field: its cache holds that
 * request's data, which must not reach another user.
 *
 * <p>Thread-safe: query functions' stages may complete on any thread. No lock is held while user
 * code runs; a query function runs on the thread that asked for the query. Fetches are not retried
 * (as TanStack Query on the server) and the cache is never garbage-collected: it lives as long as
 * the request.
 */
public final class QueryClient {
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final long defaultStaleMillis;
    private final ConcurrentHashMap<String, Query> queries = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    /** What {@link Dehydration#dehydrateNew} has sent, by query hash. */
    final ConcurrentHashMap<String, Dehydration.Sent> sent = new ConcurrentHashMap<>();

    private QueryClient(Builder builder) {
        this.objectMapper = builder.objectMapper != null ? builder.objectMapper : Json.newMapper();
        this.clock = builder.clock;
        this.defaultStaleMillis = toMillis(builder.defaultStaleTime);
    }

    /** @return a client with the defaults: Arbor's mapper, the system clock, stale time zero */
    public static QueryClient create() {
        return builder().build();
    }

    /** @return a builder of a client */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the mapper that dehydration serializes data with */
    public ObjectMapper objectMapper() {
        return objectMapper;
    }

    /** @return the clock that stamps {@code dataUpdatedAt} and decides staleness */
    public Clock clock() {
        return clock;
    }

    /**
     * The query's data: the cached data while it is fresh, otherwise a fetch's. When the query is
     * already being fetched, the caller shares that fetch: concurrent calls for one key run the
     * query function once.
     *
     * @param options the query
     * @param <T> the data's type
     * @return the data, or the query function's failure (also kept in the query's state)
     */
    public <T> CompletionStage<T> fetchQuery(QueryOptions<T> options) {
        Objects.requireNonNull(options, "options");
        long staleMillis = options.staleTime().map(QueryClient::toMillis).orElse(defaultStaleMillis);
        Query query = query(options.key());
        while (true) {
            QueryState current = query.state.get();
            if (current.isFresh(staleMillis, clock.millis())) {
                return CompletableFuture.completedFuture(cast(current.data()));
            }
            Fetch running = current.fetch();
            if (running != null) {
                return cast(running.result.copy());
            }
            Fetch fetch = new Fetch(current.invalidations());
            if (query.state.compareAndSet(current, current.fetching(fetch))) {
                run(query, fetch, options);
                return cast(fetch.result.copy());
            }
        }
    }

    /**
     * Fetches the query like {@link #fetchQuery} but never fails: an error is kept in the query's
     * state, where dehydration finds it. The usual way to start loading data that the page sends
     * to the client; the result need not be awaited (pending queries can be dehydrated).
     *
     * @param options the query
     * @return completes when the fetch has settled, successfully or not; never exceptionally
     */
    public CompletionStage<Void> prefetchQuery(QueryOptions<?> options) {
        return fetchQuery(options).handle((data, error) -> null);
    }

    /**
     * The cached data if there is any, even stale; otherwise {@link #fetchQuery fetches}.
     *
     * @param options the query
     * @param <T> the data's type
     * @return the data
     */
    public <T> CompletionStage<T> ensureQueryData(QueryOptions<T> options) {
        Objects.requireNonNull(options, "options");
        Query existing = queries.get(options.key().hash());
        if (existing != null) {
            QueryState current = existing.state.get();
            if (current.hasData()) {
                return CompletableFuture.completedFuture(cast(current.data()));
            }
        }
        return fetchQuery(options);
    }

    /**
     * The cached data, fresh or stale.
     *
     * @param key the query's key
     * @param <T> the data's type, as the caller expects it (unchecked)
     * @return the data; empty when the query is unknown, has no data yet, or its data is
     *     {@code null} (use {@link #getQueryState} to tell these apart)
     */
    public <T> Optional<T> getQueryData(QueryKey key) {
        return getQueryState(key).map(state -> cast(state.data()));
    }

    /**
     * The query's current state.
     *
     * @param key the query's key
     * @return the state, or empty when no query has this key
     */
    public Optional<QueryState> getQueryState(QueryKey key) {
        Objects.requireNonNull(key, "key");
        Query query = queries.get(key.hash());
        return query == null ? Optional.empty() : Optional.of(query.state.get());
    }

    /**
     * Puts data in the cache by hand, as a successful fetch would: status {@code SUCCESS},
     * {@code dataUpdatedAt} now, no longer invalidated. A fetch under way is not cancelled; when it
     * settles, its result replaces this data.
     *
     * @param key the query's key
     * @param data the data; may be {@code null}
     * @param <T> the data's type
     */
    public <T> void setQueryData(QueryKey key, T data) {
        Query query = query(key);
        long now = clock.millis();
        query.state.updateAndGet(current -> current.withData(data, now));
    }

    /**
     * Replaces the cached data with what {@code updater} makes of it, as {@link #setQueryData}.
     *
     * @param key the query's key
     * @param updater receives the current data ({@code null} when there is none) and returns the
     *     new data; it may run more than once if the query changes meanwhile on another thread,
     *     so it must have no side effects
     * @param <T> the data's type, as the caller expects it (unchecked)
     * @return the new data
     */
    public <T> T updateQueryData(QueryKey key, UnaryOperator<T> updater) {
        Objects.requireNonNull(updater, "updater");
        Query query = query(key);
        while (true) {
            QueryState current = query.state.get();
            T next = updater.apply(cast(current.data()));
            if (query.state.compareAndSet(current, current.withData(next, clock.millis()))) {
                return next;
            }
        }
    }

    /**
     * Marks every query whose key {@link QueryKey#startsWith starts with} {@code prefix} as stale:
     * its next {@link #fetchQuery} fetches again whatever its stale time, and
     * {@link #ensureQueryData} still returns its data. A fetch under way is not restarted and
     * callers joining it get its result, but that result is stored as already invalidated.
     *
     * @param prefix a partial key; {@code QueryKey.of()} matches every query
     * @return how many queries were invalidated
     */
    public int invalidateQueries(QueryKey prefix) {
        Objects.requireNonNull(prefix, "prefix");
        int count = 0;
        for (Query query : queries.values()) {
            if (query.key.startsWith(prefix)) {
                query.state.updateAndGet(QueryState::invalidate);
                count++;
            }
        }
        return count;
    }

    /**
     * Cancels every fetch in flight (TanStack's {@code cancelQueries}): each query function's stage
     * is cancelled ({@code CompletableFuture.cancel}) and its query settles as an error. A host
     * calls it when the client went away or the response ended, so no work outlives its request.
     *
     * @return how many fetches were cancelled
     */
    public int cancelQueries() {
        int count = 0;
        for (Query query : queries.values()) {
            Fetch fetch = query.state.get().fetch();
            CompletionStage<?> source = fetch == null ? null : fetch.source;
            if (source != null) {
                try {
                    if (source.toCompletableFuture().cancel(false)) {
                        count++;
                    }
                } catch (UnsupportedOperationException e) {
                    // a stage that cannot be cancelled settles on its own
                }
            }
        }
        return count;
    }

    /** Every query, in the order each was first used. */
    List<Query> queries() {
        List<Query> all = new ArrayList<>(queries.values());
        all.sort(Comparator.comparingLong(q -> q.order));
        return all;
    }

    private Query query(QueryKey key) {
        Objects.requireNonNull(key, "key");
        return queries.computeIfAbsent(key.hash(), hash -> new Query(key, order.getAndIncrement()));
    }

    /** Runs the query function (user code, no lock held) and records its outcome. */
    private <T> void run(Query query, Fetch fetch, QueryOptions<T> options) {
        CompletionStage<T> stage;
        try {
            stage = options.queryFn().apply(options.key());
            if (stage == null) {
                throw new NullPointerException("The query function of " + options.key() + " returned null");
            }
        } catch (Throwable e) {
            settle(query, fetch, null, e);
            return;
        }
        fetch.source = stage;
        stage.whenComplete((data, error) -> settle(query, fetch, data, error));
    }

    private void settle(Query query, Fetch fetch, Object data, Throwable error) {
        Throwable cause = unwrap(error);
        long now = clock.millis();
        QueryState settled = query.state.updateAndGet(current -> cause == null
                ? current.succeeded(fetch, data, now)
                : current.failed(fetch, cause, now));
        // State first, then listeners: whoever is woken sees the outcome in the cache.
        fetch.settled.complete(settled);
        if (cause == null) {
            fetch.result.complete(data);
        } else {
            fetch.result.completeExceptionally(cause);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    static long toMillis(Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** Configures a {@link QueryClient}. */
    public static final class Builder {
        private ObjectMapper objectMapper;
        private Clock clock = Clock.systemUTC();
        private Duration defaultStaleTime = Duration.ZERO;

        private Builder() {
        }

        /**
         * @param objectMapper serializes data when dehydrating; default
         *     {@link Json.newMapper()}. Use the renderer's, so data reads the same everywhere.
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
            return this;
        }

        /**
         * @param clock stamps updates and decides staleness; default {@link Clock#systemUTC()}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param staleTime the stale time of queries whose options set none; default zero (always
         *     stale, as TanStack Query). See {@link QueryOptions#staleTime(Duration)}.
         * @return this builder
         */
        public Builder defaultStaleTime(Duration staleTime) {
            this.defaultStaleTime = QueryOptions.checkStaleTime(staleTime);
            return this;
        }

        /** @return a new client */
        public QueryClient build() {
            return new QueryClient(this);
        }
    }
}
