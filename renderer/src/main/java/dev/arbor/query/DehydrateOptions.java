package dev.arbor.query;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which queries {@link Dehydration} sends to the client, and how their errors look there.
 * Immutable: every setter returns a copy.
 *
 * <pre>{@code
 * DehydrateOptions.defaults()
 *         .includePendingQueries(true)          // stream prefetches still under way
 *         .errorDigest(error -> reporter.report(error))
 * }</pre>
 */
public final class DehydrateOptions {
    private static final DehydrateOptions DEFAULTS =
            new DehydrateOptions(DehydrateOptions::defaultShouldDehydrateQuery, false, error -> true, null);

    private final Predicate<QueryState> shouldDehydrateQuery;
    private final boolean includePendingQueries;
    private final Predicate<Throwable> shouldRedactErrors;
    private final Function<Throwable, String> errorDigest;

    private DehydrateOptions(Predicate<QueryState> shouldDehydrateQuery, boolean includePendingQueries,
            Predicate<Throwable> shouldRedactErrors, Function<Throwable, String> errorDigest) {
        this.shouldDehydrateQuery = shouldDehydrateQuery;
        this.includePendingQueries = includePendingQueries;
        this.shouldRedactErrors = shouldRedactErrors;
        this.errorDigest = errorDigest;
    }

    /**
     * TanStack's defaults: successful queries only; every error redacted; no digest.
     *
     * @return the default options
     */
    public static DehydrateOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The default query filter, TanStack's {@code defaultShouldDehydrateQuery}: true for
     * {@link QueryStatus#SUCCESS successful} queries. Combine it in a predicate of your own.
     *
     * @param state a query's state
     * @return whether its status is {@code SUCCESS}
     */
    public static boolean defaultShouldDehydrateQuery(QueryState state) {
        return state.status() == QueryStatus.SUCCESS;
    }

    /**
     * @param predicate decides which queries are sent, given their state; default
     *     {@link #defaultShouldDehydrateQuery}
     * @return a copy with this filter
     */
    public DehydrateOptions shouldDehydrateQuery(Predicate<QueryState> predicate) {
        return new DehydrateOptions(Objects.requireNonNull(predicate, "predicate"), includePendingQueries,
                shouldRedactErrors, errorDigest);
    }

    /**
     * Whether pending queries (first fetch still under way) are sent too, whatever
     * {@link #shouldDehydrateQuery} says: TanStack's
     * {@code defaultShouldDehydrateQuery(query) || query.state.status === 'pending'}. A pending
     * query goes out without data; its result follows through {@link DehydratedQuery#settledJson()}.
     *
     * @param include true to send pending queries; default false
     * @return a copy with this setting
     */
    public DehydrateOptions includePendingQueries(boolean include) {
        return new DehydrateOptions(shouldDehydrateQuery, include, shouldRedactErrors, errorDigest);
    }

    /**
     * @param predicate decides, per error, whether the client sees {@code "redacted"} instead of
     *     the error's class and message; default always. Return false only for errors whose
     *     message is safe to show to anyone.
     * @return a copy with this predicate
     */
    public DehydrateOptions shouldRedactErrors(Predicate<Throwable> predicate) {
        return new DehydrateOptions(shouldDehydrateQuery, includePendingQueries,
                Objects.requireNonNull(predicate, "predicate"), errorDigest);
    }

    /**
     * @param digest gives the short id sent as the error's {@code "digest"}, typically by
     *     reporting the full error on the server (the renderer's {@code ErrorReporter}); called each
     *     time an error is dehydrated or streamed, never for a query that was cancelled (its
     *     request is over: nothing failed). Default none: no digest field.
     * @return a copy with this function
     */
    public DehydrateOptions errorDigest(Function<Throwable, String> digest) {
        return new DehydrateOptions(shouldDehydrateQuery, includePendingQueries, shouldRedactErrors,
                Objects.requireNonNull(digest, "digest"));
    }

    boolean shouldDehydrate(QueryState state) {
        if (state.status() == QueryStatus.PENDING && !state.isFetching()) {
            return false; // Nothing to send and nothing will settle: not yet fetched.
        }
        return shouldDehydrateQuery.test(state)
                || (includePendingQueries && state.status() == QueryStatus.PENDING);
    }

    boolean shouldRedact(Throwable error) {
        return shouldRedactErrors.test(error);
    }

    String digest(Throwable error) {
        return errorDigest == null ? null : errorDigest.apply(error);
    }
}
