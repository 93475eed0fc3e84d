package dev.arbor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbor.ArborJson;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class DehydrationTest {
    private static final ObjectMapper JSON = ArborJson.newMapper();

    private final ManualClock clock = new ManualClock(5_000);
    private final QueryClient client = QueryClient.builder().clock(clock).build();

    record Post(String title, Instant publishedAt, LocalDate day) {
    }

    /** Asserts JSON equality, numbers by value, with the expected JSON written in single quotes. */
    private static void assertJson(String expected, JsonNode actual) throws Exception {
        JsonNode expectedTree = JSON.readTree(expected.replace('\'', '"'));
        Comparator<JsonNode> byValue = (a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue())
                : a.equals(b) ? 0 : 1;
        assertTrue(expectedTree.equals(byValue, actual), "expected " + expectedTree + " but was " + actual);
    }

    private static List<String> hashes(DehydratedState state) {
        List<String> hashes = new ArrayList<>();
        state.queries().forEach(q -> hashes.add(q.queryHash()));
        return hashes;
    }

    private <T> CompletableFuture<T> prefetchPending(QueryKey key) {
        CompletableFuture<T> future = new CompletableFuture<>();
        client.prefetchQuery(QueryOptions.of(key, () -> future));
        return future;
    }

    private void prefetchFailing(QueryKey key, Throwable error) {
        client.prefetchQuery(QueryOptions.of(key, () -> CompletableFuture.failedFuture(error)));
    }

    @Test
    void byDefaultOnlySuccessfulQueriesAreDehydratedInTanStacksShape() throws Exception {
        client.setQueryData(QueryKey.of("posts", Map.of("page", 1)), List.of("a", "b"));
        prefetchPending(QueryKey.of("pending"));
        prefetchFailing(QueryKey.of("failed"), new RuntimeException("secret"));

        DehydratedState state = Dehydration.dehydrate(client);

        assertEquals("{\"queries\":[{\"queryKey\":[\"posts\",{\"page\":1}],\"queryHash\":\"[\\\"posts\\\",{\\\"page\\\":1}]\","
                + "\"state\":{\"status\":\"success\",\"data\":[\"a\",\"b\"],\"dataUpdatedAt\":5000,\"error\":null,"
                + "\"errorUpdatedAt\":0},\"dehydratedAt\":5000}]}", state.toJson().toString());
        DehydratedQuery posts = state.queries().get(0);
        assertEquals("[\"posts\",{\"page\":1}]", posts.queryHash());
        assertEquals(QueryStatus.SUCCESS, posts.status());
        assertFalse(posts.isPending());
    }

    @Test
    void pendingQueriesAreIncludedWithoutDataWhenAskedFor() throws Exception {
        client.setQueryData(QueryKey.of("done"), 1);
        prefetchPending(QueryKey.of("pending"));

        DehydratedState state = Dehydration.dehydrate(client, DehydrateOptions.defaults().includePendingQueries(true));

        assertEquals(List.of("[\"done\"]", "[\"pending\"]"), hashes(state));
        DehydratedQuery pending = state.queries().get(1);
        assertTrue(pending.isPending());
        assertTrue(pending.data().isEmpty());
        assertJson("{'status':'pending','dataUpdatedAt':0,'error':null,'errorUpdatedAt':0}", pending.stateJson());
    }

    @Test
    void aPendingQuerysResultIsDeliveredBySettledJson() throws Exception {
        CompletableFuture<Map<String, Object>> future = prefetchPending(QueryKey.of("pending"));
        DehydratedQuery pending = Dehydration.dehydrate(client, DehydrateOptions.defaults().includePendingQueries(true))
                .queries().get(0);
        CompletableFuture<ObjectNode> settled = pending.settledJson().toCompletableFuture();
        assertFalse(settled.isDone());

        clock.advance(Duration.ofMillis(250));
        future.complete(Map.of("n", 42));

        assertJson("{'status':'success','data':{'n':42},'dataUpdatedAt':5250,'error':null,'errorUpdatedAt':0}", settled.join());
        // The snapshot itself does not change.
        assertEquals("pending", pending.stateJson().get("status").asText());
    }

    @Test
    void aPendingQueryThatFailsSettlesAsARedactedError() throws Exception {
        CompletableFuture<String> future = prefetchPending(QueryKey.of("pending"));
        DehydratedQuery pending = Dehydration.dehydrate(client, DehydrateOptions.defaults()
                .includePendingQueries(true)
                .errorDigest(error -> "d1"))
                .queries().get(0);
        future.completeExceptionally(new IllegalStateException("password=hunter2"));

        ObjectNode settled = pending.settledJson().toCompletableFuture().join();
        assertJson("{'status':'error','dataUpdatedAt':0,'error':{'message':'redacted','digest':'d1'},"
                + "'errorUpdatedAt':5000}", settled);
        assertFalse(settled.toString().contains("hunter2"));
    }

    @Test
    void aCancelledQueryIsNoErrorToReport() {
        prefetchPending(QueryKey.of("pending"));
        List<Throwable> reported = new ArrayList<>();
        DehydratedQuery pending = Dehydration.dehydrate(client, DehydrateOptions.defaults()
                .includePendingQueries(true)
                .errorDigest(error -> {
                    reported.add(error);
                    return "d1";
                }))
                .queries().get(0);

        assertEquals(1, client.cancelQueries()); // the client went away

        ObjectNode settled = pending.settledJson().toCompletableFuture().join();
        assertEquals("error", settled.get("status").asText());
        assertFalse(settled.get("error").has("digest"), settled.toString());
        assertEquals(List.of(), reported, "cancelling is not a failure of the server");
    }

    @Test
    void settledJsonOfAQueryThatWasNotPendingIsItsState() {
        client.setQueryData(QueryKey.of("done"), "x");
        DehydratedQuery done = Dehydration.dehydrate(client).queries().get(0);
        assertEquals(done.stateJson(), done.settledJson().toCompletableFuture().join());
    }

    @Test
    void errorsAreRedactedByDefault() {
        prefetchFailing(QueryKey.of("failed"), new IllegalStateException("password=hunter2"));
        DehydratedState state = Dehydration.dehydrate(client, DehydrateOptions.defaults()
                .shouldDehydrateQuery(q -> q.status() == QueryStatus.ERROR));

        DehydratedQuery failed = state.queries().get(0);
        assertEquals("{\"message\":\"redacted\"}", failed.error().orElseThrow().toString());
        assertEquals(5000, failed.errorUpdatedAt());
        assertFalse(state.toJson().toString().contains("hunter2"));
        assertFalse(state.toJson().toString().contains("IllegalStateException"));
    }

    @Test
    void errorsAreShownOnlyWhereTheRedactionPredicateSaysNo() {
        prefetchFailing(QueryKey.of("public"), new IllegalArgumentException("Unknown product 7"));
        prefetchFailing(QueryKey.of("private"), new IllegalStateException("password=hunter2"));
        DehydratedState state = Dehydration.dehydrate(client, DehydrateOptions.defaults()
                .shouldDehydrateQuery(q -> q.status() == QueryStatus.ERROR)
                .shouldRedactErrors(e -> !(e instanceof IllegalArgumentException)));

        assertEquals("{\"name\":\"IllegalArgumentException\",\"message\":\"Unknown product 7\"}",
                state.queries().get(0).error().orElseThrow().toString());
        assertEquals("{\"message\":\"redacted\"}", state.queries().get(1).error().orElseThrow().toString());
    }

    @Test
    void dataIsSerializedWithTheClientsMapperJavaTimeAsIso8601() {
        client.setQueryData(QueryKey.of("post"),
                new Post("Hello", Instant.parse("2024-05-06T07:08:09Z"), LocalDate.of(2024, 5, 6)));
        JsonNode data = Dehydration.dehydrate(client).queries().get(0).data().orElseThrow();
        assertEquals("{\"title\":\"Hello\",\"publishedAt\":\"2024-05-06T07:08:09Z\",\"day\":\"2024-05-06\"}",
                data.toString());
    }

    @Test
    void dataThatCannotBeSerializedFailsDehydrationLoudly() {
        client.setQueryData(QueryKey.of("odd"), new Object());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Dehydration.dehydrate(client));
        assertTrue(e.getMessage().contains("[\"odd\"]"), e.getMessage());
    }

    @Test
    void dataThatCannotBeSerializedSettlesAsAnError() {
        CompletableFuture<Object> future = prefetchPending(QueryKey.of("odd"));
        DehydratedQuery pending = Dehydration.dehydrate(client, DehydrateOptions.defaults().includePendingQueries(true))
                .queries().get(0);
        future.complete(new Object());
        ObjectNode settled = pending.settledJson().toCompletableFuture().join();
        assertEquals("error", settled.get("status").asText());
        assertEquals("redacted", settled.get("error").get("message").asText());
    }

    @Test
    void dehydrateNewNeverSendsAQueryTwice() {
        DehydrateOptions options = DehydrateOptions.defaults().includePendingQueries(true);
        client.setQueryData(QueryKey.of("a"), 1);
        CompletableFuture<Integer> b = prefetchPending(QueryKey.of("b"));

        assertEquals(List.of("[\"a\"]", "[\"b\"]"), hashes(Dehydration.dehydrateNew(client, options)));
        assertTrue(Dehydration.dehydrateNew(client, options).isEmpty());

        // b settles: its result streams through settledJson, so it is not new.
        b.complete(2);
        client.setQueryData(QueryKey.of("c"), 3);
        assertEquals(List.of("[\"c\"]"), hashes(Dehydration.dehydrateNew(client, options)));
        assertTrue(Dehydration.dehydrateNew(client, options).isEmpty());

        // Plain dehydrate still sees everything.
        assertEquals(3, Dehydration.dehydrate(client, options).queries().size());
    }

    @Test
    void dehydrateNewSendsAQueryAgainWhenItsDataChanged() {
        QueryKey key = QueryKey.of("a");
        client.setQueryData(key, 1);
        assertEquals(1, Dehydration.dehydrateNew(client).queries().size());

        client.setQueryData(key, 2); // same millisecond: a version, not the timestamp, tells it is new
        DehydratedState again = Dehydration.dehydrateNew(client);
        assertEquals(1, again.queries().size());
        assertEquals(2, again.queries().get(0).data().orElseThrow().asInt());
        assertTrue(Dehydration.dehydrateNew(client).isEmpty());
    }

    @Test
    void dehydrateNewSendsAPendingQueryAgainAfterALaterRefetch() {
        DehydrateOptions options = DehydrateOptions.defaults().includePendingQueries(true);
        QueryKey key = QueryKey.of("a");
        List<CompletableFuture<String>> fetches = new ArrayList<>();
        QueryOptions<String> query = QueryOptions.of(key, () -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            fetches.add(f);
            return f;
        });
        client.prefetchQuery(query);
        assertEquals(1, Dehydration.dehydrateNew(client, options).queries().size());
        fetches.get(0).complete("first");
        assertTrue(Dehydration.dehydrateNew(client, options).isEmpty());

        CompletionStage<String> refetch = client.fetchQuery(query);
        fetches.get(1).complete("second");
        refetch.toCompletableFuture().join();
        DehydratedState again = Dehydration.dehydrateNew(client, options);
        assertEquals("second", again.queries().get(0).data().orElseThrow().asText());
    }

    @Test
    void dehydrateNewSkipsQueriesTheFilterRejectsAndSendsThemWhenTheyQualify() {
        CompletableFuture<String> pending = prefetchPending(QueryKey.of("slow"));
        assertTrue(Dehydration.dehydrateNew(client).isEmpty()); // pending, not included by default
        pending.complete("done");
        assertEquals(List.of("[\"slow\"]"), hashes(Dehydration.dehydrateNew(client)));
    }

    @Test
    void dehydratedJsonIsACopy() {
        client.setQueryData(QueryKey.of("a"), Map.of("x", 1));
        DehydratedState state = Dehydration.dehydrate(client);
        ((ObjectNode) state.queries().get(0).data().orElseThrow()).put("x", 2);
        state.toJson().withArray("queries").removeAll();
        assertEquals(1, state.queries().get(0).data().orElseThrow().get("x").asInt());
        assertEquals(1, state.toJson().get("queries").size());
    }
}
