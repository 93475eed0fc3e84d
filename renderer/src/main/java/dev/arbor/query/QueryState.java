package dev.arbor.query;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A snapshot of one query: its data or error, when they were last updated, and whether a fetch is
 * under way. Immutable: a query's later changes make new snapshots, read them with
 * {@link QueryClient#getQueryState}.
 *
 * <p>{@link #status()} says whether there is data (TanStack's {@code status}); {@link #isFetching()}
 * says whether a fetch is running (TanStack's {@code fetchStatus}). A query with data that is being
 * refetched is {@code SUCCESS} and fetching.
 */
public final class QueryState {
    private final QueryKey key;
    private final QueryStatus status;
    private final Object data;
    private final boolean hasData;
    private final Throwable error;
    private final long dataUpdatedAt;
    private final long errorUpdatedAt;
    private final boolean invalidated;
    private final int invalidations;
    private final Fetch fetch;
    private final Fetch lastUpdate;
    private final long updates;

    private QueryState(QueryKey key, QueryStatus status, Object data, boolean hasData, Throwable error,
            long dataUpdatedAt, long errorUpdatedAt, boolean invalidated, int invalidations, Fetch fetch,
            Fetch lastUpdate, long updates) {
        this.key = key;
        this.status = status;
        this.data = data;
        this.hasData = hasData;
        this.error = error;
        this.dataUpdatedAt = dataUpdatedAt;
        this.errorUpdatedAt = errorUpdatedAt;
        this.invalidated = invalidated;
        this.invalidations = invalidations;
        this.fetch = fetch;
        this.lastUpdate = lastUpdate;
        this.updates = updates;
    }

    static QueryState initial(QueryKey key) {
        return new QueryState(key, QueryStatus.PENDING, null, false, null, 0, 0, false, 0, null, null, 0);
    }

    /** @return the query's key */
    public QueryKey key() {
        return key;
    }

    /** @return {@code PENDING} before the first result, then {@code SUCCESS} or {@code ERROR} */
    public QueryStatus status() {
        return status;
    }

    /**
     * The data: of the last successful fetch or {@link QueryClient#setQueryData set by hand}. An
     * {@code ERROR} query keeps the data of an earlier success.
     *
     * @return the data, or {@code null} when there is none (or the data is {@code null}; tell the
     *     two apart with {@link #hasData()})
     */
    public Object data() {
        return data;
    }

    /** @return whether the query has data (possibly {@code null} data) */
    public boolean hasData() {
        return hasData;
    }

    /**
     * The error of the last fetch, when it failed. The real error: redact it before it leaves the
     * server (dehydration does).
     *
     * @return the error, or {@code null} unless the status is {@code ERROR}
     */
    public Throwable error() {
        return error;
    }

    /** @return when the data was last updated, in epoch milliseconds of the client's clock; 0 if never */
    public long dataUpdatedAt() {
        return dataUpdatedAt;
    }

    /** @return when the last error happened, in epoch milliseconds of the client's clock; 0 if never */
    public long errorUpdatedAt() {
        return errorUpdatedAt;
    }

    /**
     * @return whether the query was {@link QueryClient#invalidateQueries invalidated} since its data
     *     was last updated: its next {@link QueryClient#fetchQuery fetchQuery} fetches again
     */
    public boolean isInvalidated() {
        return invalidated;
    }

    /** @return whether a fetch is under way */
    public boolean isFetching() {
        return fetch != null;
    }

    /**
     * The state once the fetch under way (when this snapshot was taken) has ended, with data or
     * with an error. The stage never completes exceptionally: read {@link #status()} of the state
     * it gives. When no fetch was under way it is already complete, with this snapshot.
     *
     * <p>This is how a renderer learns when a pending query's result can be streamed. Callbacks
     * run on the thread that completed the query function's stage, unless an async variant is used.
     *
     * @return the settled state
     */
    public CompletionStage<QueryState> settled() {
        return fetch == null ? CompletableFuture.completedFuture(this) : fetch.settled.minimalCompletionStage();
    }

    /** How often the query was invalidated; only compared with itself. */
    int invalidations() {
        return invalidations;
    }

    Fetch fetch() {
        return fetch;
    }

    /** The fetch whose outcome made the last data or error update; {@code null} when set by hand or none. */
    Fetch lastUpdate() {
        return lastUpdate;
    }

    /** How many data or error updates the query has had: a version, for telling what is new. */
    long updates() {
        return updates;
    }

    boolean isFresh(long staleMillis, long now) {
        return status == QueryStatus.SUCCESS && !invalidated && now - dataUpdatedAt < staleMillis;
    }

    QueryState fetching(Fetch newFetch) {
        return new QueryState(key, status, data, hasData, error, dataUpdatedAt, errorUpdatedAt, invalidated,
                invalidations, newFetch, lastUpdate, updates);
    }

    /** The outcome of {@code done}; other fetches' and manual updates since are kept as they were. */
    QueryState succeeded(Fetch done, Object newData, long now) {
        boolean outdated = invalidations != done.invalidationsAtStart;
        return new QueryState(key, QueryStatus.SUCCESS, newData, true, null, now, errorUpdatedAt, outdated,
                invalidations, fetch == done ? null : fetch, done, updates + 1);
    }

    QueryState failed(Fetch done, Throwable newError, long now) {
        return new QueryState(key, QueryStatus.ERROR, data, hasData, newError, dataUpdatedAt, now, invalidated,
                invalidations, fetch == done ? null : fetch, done, updates + 1);
    }

    QueryState withData(Object newData, long now) {
        return new QueryState(key, QueryStatus.SUCCESS, newData, true, null, now, errorUpdatedAt, false,
                invalidations, fetch, null, updates + 1);
    }

    QueryState invalidate() {
        return new QueryState(key, status, data, hasData, error, dataUpdatedAt, errorUpdatedAt, true,
                invalidations + 1, fetch, lastUpdate, updates);
    }

    @Override
    public String toString() {
        return "QueryState[" + key + ", " + status + (isFetching() ? ", fetching" : "")
                + (invalidated ? ", invalidated" : "") + ", dataUpdatedAt=" + dataUpdatedAt + "]";
    }
}
