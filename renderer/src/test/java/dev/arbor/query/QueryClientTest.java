package dev.arbor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryClientTest {
    private final ManualClock clock = new ManualClock(1_000_000);
    private final QueryClient client = QueryClient.builder().clock(clock).build();

    /** A query function that counts its calls and hands out futures the test completes. */
    static final class Source<T> {
        final AtomicInteger calls = new AtomicInteger();
        final List<CompletableFuture<T>> pending = new ArrayList<>();

        synchronized CompletableFuture<T> fetch() {
            calls.incrementAndGet();
            CompletableFuture<T> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        }

        synchronized CompletableFuture<T> last() {
            return pending.get(pending.size() - 1);
        }
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void cancelQueriesCancelsEveryFetchInFlightAndSettlesItAsAnError() {
        CompletableFuture<String> inFlight = new CompletableFuture<>();
        QueryKey slow = QueryKey.of("slow");
        client.prefetchQuery(QueryOptions.of(slow, () -> inFlight));
        client.setQueryData(QueryKey.of("done"), "kept");

        assertEquals(1, client.cancelQueries());

        assertTrue(inFlight.isCancelled());
        assertEquals(QueryStatus.ERROR, client.getQueryState(slow).orElseThrow().status());
        assertEquals(Optional.of("kept"), client.getQueryData(QueryKey.of("done")));
        assertEquals(0, client.cancelQueries(), "nothing left in flight");
    }

    @Test
    void concurrentPrefetchesRunTheQueryFunctionOnce() {
        Source<String> source = new Source<>();
        QueryOptions<String> posts = QueryOptions.of(QueryKey.of("posts"), source::fetch);

        CompletionStage<Void> first = client.prefetchQuery(posts);
        CompletionStage<Void> second = client.prefetchQuery(posts);
        CompletionStage<String> third = client.fetchQuery(posts);

        assertEquals(1, source.calls.get());
        assertFalse(first.toCompletableFuture().isDone());
        source.last().complete("data");
        assertTrue(first.toCompletableFuture().isDone());
        assertTrue(second.toCompletableFuture().isDone());
        assertEquals("data", join(third));
        assertEquals(1, source.calls.get());
    }

    @Test
    void fetchesFromManyThreadsShareOneExecution() throws Exception {
        Source<String> source = new Source<>();
        QueryOptions<String> posts = QueryOptions.of(QueryKey.of("posts"), source::fetch);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<CompletionStage<String>>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return client.fetchQuery(posts);
                }));
            }
            start.countDown();
            List<CompletionStage<String>> stages = new ArrayList<>();
            for (Future<CompletionStage<String>> call : calls) {
                stages.add(call.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, source.calls.get());
            source.last().complete("shared");
            for (CompletionStage<String> stage : stages) {
                assertEquals("shared", join(stage));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void freshDataIsServedFromTheCacheUntilStaleTimePasses() {
        Source<Integer> source = new Source<>();
        QueryOptions<Integer> count = QueryOptions.of(QueryKey.of("count"), source::fetch)
                .staleTime(Duration.ofSeconds(60));

        CompletionStage<Integer> first = client.fetchQuery(count);
        source.last().complete(1);
        assertEquals(1, join(first));

        clock.advance(Duration.ofSeconds(59));
        assertEquals(1, join(client.fetchQuery(count)));
        assertEquals(1, source.calls.get());

        clock.advance(Duration.ofSeconds(1));
        CompletionStage<Integer> refetch = client.fetchQuery(count);
        assertEquals(2, source.calls.get());
        source.last().complete(2);
        assertEquals(2, join(refetch));
    }

    @Test
    void defaultStaleTimeIsZeroSoEveryFetchRefetches() {
        Source<Integer> source = new Source<>();
        QueryOptions<Integer> count = QueryOptions.of(QueryKey.of("count"), source::fetch);
        client.fetchQuery(count);
        source.last().complete(1);
        client.fetchQuery(count);
        assertEquals(2, source.calls.get());
    }

    @Test
    void theClientsDefaultStaleTimeAppliesWhenOptionsSetNone() {
        QueryClient lenient = QueryClient.builder().clock(clock).defaultStaleTime(Duration.ofMinutes(1)).build();
        Source<Integer> source = new Source<>();
        QueryOptions<Integer> count = QueryOptions.of(QueryKey.of("count"), source::fetch);
        lenient.fetchQuery(count);
        source.last().complete(1);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, join(lenient.fetchQuery(count)));
        assertEquals(1, source.calls.get());
        // Options override it.
        lenient.fetchQuery(count.staleTime(Duration.ZERO));
        assertEquals(2, source.calls.get());
    }

    @Test
    void aForeverStaleTimeNeverExpires() {
        Source<Integer> source = new Source<>();
        QueryOptions<Integer> count = QueryOptions.of(QueryKey.of("count"), source::fetch)
                .staleTime(ChronoUnit.FOREVER.getDuration());
        client.fetchQuery(count);
        source.last().complete(1);
        clock.advance(Duration.ofDays(10_000));
        assertEquals(1, join(client.fetchQuery(count)));
        assertEquals(1, source.calls.get());
    }

    @Test
    void invalidateQueriesMarksMatchingQueriesByPrefixAndTheyRefetch() {
        Source<String> source = new Source<>();
        QueryOptions<String> page1 = QueryOptions.of(QueryKey.of("posts", 1), source::fetch)
                .staleTime(Duration.ofHours(1));
        QueryOptions<String> page2 = QueryOptions.of(QueryKey.of("posts", 2), source::fetch)
                .staleTime(Duration.ofHours(1));
        QueryOptions<String> user = QueryOptions.of(QueryKey.of("user"), source::fetch)
                .staleTime(Duration.ofHours(1));
        for (QueryOptions<String> options : List.of(page1, page2, user)) {
            client.fetchQuery(options);
            source.last().complete("v1");
        }
        assertEquals(3, source.calls.get());

        assertEquals(2, client.invalidateQueries(QueryKey.of("posts")));
        assertTrue(client.getQueryState(page1.key()).orElseThrow().isInvalidated());
        assertFalse(client.getQueryState(user.key()).orElseThrow().isInvalidated());

        assertEquals("v1", join(client.fetchQuery(user)));
        assertEquals(3, source.calls.get());

        CompletionStage<String> refetched = client.fetchQuery(page1);
        assertEquals(4, source.calls.get());
        source.last().complete("v2");
        assertEquals("v2", join(refetched));
        assertFalse(client.getQueryState(page1.key()).orElseThrow().isInvalidated());
        assertEquals("v2", join(client.fetchQuery(page1)));
        assertEquals(4, source.calls.get());
    }

    @Test
    void anInvalidationDuringAFetchLeavesItsResultStale() {
        Source<String> source = new Source<>();
        QueryOptions<String> posts = QueryOptions.of(QueryKey.of("posts"), source::fetch)
                .staleTime(Duration.ofHours(1));
        client.fetchQuery(posts);
        client.invalidateQueries(QueryKey.of());
        source.last().complete("old");
        assertTrue(client.getQueryState(posts.key()).orElseThrow().isInvalidated());
        client.fetchQuery(posts);
        assertEquals(2, source.calls.get());
    }

    @Test
    void setQueryDataAndGetQueryData() {
        QueryKey key = QueryKey.of("user", 7);
        assertEquals(Optional.empty(), client.getQueryData(key));
        assertTrue(client.getQueryState(key).isEmpty());

        client.setQueryData(key, "Ada");
        Optional<String> data = client.getQueryData(key);
        assertEquals(Optional.of("Ada"), data);
        QueryState state = client.getQueryState(key).orElseThrow();
        assertEquals(QueryStatus.SUCCESS, state.status());
        assertEquals(1_000_000, state.dataUpdatedAt());
        assertEquals(1, client.getQueryState(QueryKey.parse("[\"user\",7]")).stream().count());

        String updated = client.updateQueryData(key, (String name) -> name + " Lovelace");
        assertEquals("Ada Lovelace", updated);
        assertEquals(Optional.of("Ada Lovelace"), client.getQueryData(key));
    }

    @Test
    void setQueryDataCountsAsFreshData() {
        Source<String> source = new Source<>();
        QueryOptions<String> user = QueryOptions.of(QueryKey.of("user"), source::fetch)
                .staleTime(Duration.ofMinutes(1));
        client.setQueryData(user.key(), "set by hand");
        assertEquals("set by hand", join(client.fetchQuery(user)));
        assertEquals(0, source.calls.get());
    }

    @Test
    void nullDataIsDataButGetQueryDataIsEmpty() {
        QueryKey key = QueryKey.of("nothing");
        client.setQueryData(key, null);
        assertEquals(Optional.empty(), client.getQueryData(key));
        QueryState state = client.getQueryState(key).orElseThrow();
        assertTrue(state.hasData());
        assertNull(state.data());
    }

    @Test
    void fetchQueryFailsWithTheErrorAndKeepsItInTheState() {
        QueryOptions<String> broken = QueryOptions.of(QueryKey.of("broken"),
                () -> CompletableFuture.failedFuture(new IllegalStateException("db down")));
        CompletionException e = assertThrows(CompletionException.class, () -> join(client.fetchQuery(broken)));
        assertEquals("db down", e.getCause().getMessage());

        QueryState state = client.getQueryState(broken.key()).orElseThrow();
        assertEquals(QueryStatus.ERROR, state.status());
        assertEquals("db down", state.error().getMessage());
        assertEquals(1_000_000, state.errorUpdatedAt());
        assertFalse(state.isFetching());
    }

    @Test
    void prefetchQueryNeverFailsButKeepsTheError() {
        RuntimeException boom = new RuntimeException("boom");
        QueryOptions<String> broken = QueryOptions.of(QueryKey.of("broken"), () -> {
            throw boom; // a query function that throws instead of returning a failed stage
        });
        CompletableFuture<Void> prefetch = client.prefetchQuery(broken).toCompletableFuture();
        assertTrue(prefetch.isDone());
        assertFalse(prefetch.isCompletedExceptionally());
        assertSame(boom, client.getQueryState(broken.key()).orElseThrow().error());
    }

    @Test
    void aFailedRefetchKeepsTheEarlierData() {
        Source<String> source = new Source<>();
        QueryOptions<String> posts = QueryOptions.of(QueryKey.of("posts"), source::fetch);
        client.fetchQuery(posts);
        source.last().complete("v1");
        client.prefetchQuery(posts);
        source.last().completeExceptionally(new RuntimeException("later failure"));
        QueryState state = client.getQueryState(posts.key()).orElseThrow();
        assertEquals(QueryStatus.ERROR, state.status());
        assertEquals("v1", state.data());
        assertEquals(Optional.of("v1"), client.getQueryData(posts.key()));
    }

    @Test
    void anErrorIsRetriedByTheNextFetch() {
        Source<String> source = new Source<>();
        QueryOptions<String> posts = QueryOptions.of(QueryKey.of("posts"), source::fetch);
        client.prefetchQuery(posts);
        source.last().completeExceptionally(new RuntimeException("first"));
        CompletionStage<String> retry = client.fetchQuery(posts);
        source.last().complete("second time lucky");
        assertEquals("second time lucky", join(retry));
        assertNull(client.getQueryState(posts.key()).orElseThrow().error());
    }

    @Test
    void ensureQueryDataReturnsStaleDataWithoutFetching() {
        Source<String> source = new Source<>();
        QueryOptions<String> posts = QueryOptions.of(QueryKey.of("posts"), source::fetch);
        CompletionStage<String> first = client.ensureQueryData(posts);
        assertEquals(1, source.calls.get());
        source.last().complete("v1");
        assertEquals("v1", join(first));
        clock.advance(Duration.ofDays(1));
        assertEquals("v1", join(client.ensureQueryData(posts)));
        assertEquals(1, source.calls.get());
    }

    @Test
    void settledCompletesWithTheOutcomeAndNeverExceptionally() {
        Source<String> source = new Source<>();
        QueryOptions<String> posts = QueryOptions.of(QueryKey.of("posts"), source::fetch);
        client.prefetchQuery(posts);
        QueryState pending = client.getQueryState(posts.key()).orElseThrow();
        assertEquals(QueryStatus.PENDING, pending.status());
        assertTrue(pending.isFetching());

        CompletableFuture<QueryState> settled = pending.settled().toCompletableFuture();
        assertFalse(settled.isDone());
        source.last().completeExceptionally(new RuntimeException("nope"));
        QueryState outcome = settled.join();
        assertEquals(QueryStatus.ERROR, outcome.status());
        assertEquals("nope", outcome.error().getMessage());
        assertFalse(outcome.isFetching());
        // Once settled, the snapshot's own settled() is complete with itself.
        assertSame(outcome, join(outcome.settled()));
    }

    @Test
    void theQueryFunctionReceivesTheKey() {
        List<QueryKey> seen = new ArrayList<>();
        QueryOptions<String> options = QueryOptions.of(QueryKey.of("user", 3), key -> {
            seen.add(key);
            return CompletableFuture.completedFuture("u" + key.toJson().get(1).asInt());
        });
        assertEquals("u3", join(client.fetchQuery(options)));
        assertEquals(List.of(QueryKey.of("user", 3)), seen);
    }

    @Test
    void callersCannotCompleteTheSharedFetch() {
        Source<String> source = new Source<>();
        QueryOptions<String> posts = QueryOptions.of(QueryKey.of("posts"), source::fetch);
        client.fetchQuery(posts).toCompletableFuture().complete("forged");
        CompletionStage<String> other = client.fetchQuery(posts);
        source.last().complete("real");
        assertEquals("real", join(other));
        assertEquals(Optional.of("real"), client.getQueryData(posts.key()));
    }

    @Test
    void optionsRefuseANegativeStaleTime() {
        QueryOptions<String> options = QueryOptions.of(QueryKey.of("x"), () -> new CompletableFuture<>());
        assertThrows(IllegalArgumentException.class, () -> options.staleTime(Duration.ofSeconds(-1)));
    }
}
