package dev.arbor.query;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One run of a query function, shared by everyone who asks for the query while it runs. Its
 * identity also records which fetch made a query's last update (see {@link QueryState#lastUpdate}).
 */
final class Fetch {
    /** The data, or the failure; completed after the query's state holds the outcome. */
    final CompletableFuture<Object> result = new CompletableFuture<>();
    /** The query's state once this fetch has settled; never completes exceptionally. */
    final CompletableFuture<QueryState> settled = new CompletableFuture<>();
    /** The query's invalidation count when the fetch started: a later invalidation outdates the result. */
    final int invalidationsAtStart;
    /** The query function's stage, once it was called; what {@code cancelQueries} cancels. */
    volatile CompletionStage<?> source;

    Fetch(int invalidationsAtStart) {
        this.invalidationsAtStart = invalidationsAtStart;
    }
}
