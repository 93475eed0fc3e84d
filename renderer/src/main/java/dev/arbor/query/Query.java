package dev.arbor.query;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A cache entry: one key's current {@link QueryState}. States are immutable and replaced by
 * compare-and-set, so completions on any thread never lock and never lose an update.
 */
final class Query {
    final QueryKey key;
    /** Creation order in the client, so dehydration lists queries in the order they were first used. */
    final long order;
    final AtomicReference<QueryState> state;

    Query(QueryKey key, long order) {
        this.key = key;
        this.order = order;
        this.state = new AtomicReference<>(QueryState.initial(key));
    }
}
