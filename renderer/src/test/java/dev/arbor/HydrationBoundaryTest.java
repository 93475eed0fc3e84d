package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbor.query.DehydrateOptions;
import dev.arbor.query.DehydratedState;
import dev.arbor.query.Dehydration;
import dev.arbor.query.QueryClient;
import dev.arbor.query.QueryKey;
import dev.arbor.query.QueryOptions;
import dev.arbor.query.QueryRegistry;
import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Server components prefetch, dehydrate, and hand the state to HydrationBoundary nodes. */
class HydrationBoundaryTest {
    private final Fixtures f = new Fixtures();
    private final QueryClient client = QueryClient.builder()
            .clock(Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC)).build();

    record Post(long id, String title) {
    }

    private static final QueryKey POSTS = QueryKey.of("posts");
    private static final QueryKey COMMENTS = QueryKey.of("comments", Map.of("post", 1));

    @Test
    void dehydratedStateRoundTripsThroughThePage() {
        client.prefetchQuery(QueryOptions.of(POSTS, () -> CompletableFuture.completedFuture(
                List.of(new Post(1, "Hello"), new Post(2, "Streaming")))));
        DehydratedState state = Dehydration.dehydrate(client);

        RecordingSink sink = f.stream(html(body(hydrationBoundary(state, h1("Posts")))));

        JsonNode cached = StreamReplay.of(sink).queryCache().get(POSTS.hash());
        assertEquals(state.queries().get(0).stateJson().toString(), cached.toString(), "the page carries exactly the server's state");
        assertEquals("Streaming", cached.get("data").get(1).get("title").asText());
        assertTrue(sink.isEnded());
    }

    @Test
    void pendingQueryStreamsItsResultAfterTheShellAndHoldsTheStreamOpen() {
        CompletableFuture<List<String>> comments = new CompletableFuture<>();
        client.prefetchQuery(QueryOptions.of(COMMENTS, () -> comments));
        DehydratedState state = Dehydration.dehydrate(client, DehydrateOptions.defaults().includePendingQueries(true));
        RecordingSink sink = f.stream(html(body(hydrationBoundary(state, p("comments below")))));

        assertEquals("pending", StreamReplay.of(sink).queryCache().get(COMMENTS.hash()).get("status").asText());
        assertFalse(sink.isEnded(), "the stream waits for the pending query");

        comments.complete(List.of("first!", "nice post"));

        assertEquals(2, sink.chunks().size(), "the result is a chunk of its own");
        JsonNode cached = StreamReplay.of(sink).queryCache().get(COMMENTS.hash());
        assertEquals("success", cached.get("status").asText());
        assertEquals("nice post", cached.get("data").get(1).asText());
        assertTrue(sink.isEnded());
    }

    @Test
    void stateArrivesBeforeTheHtmlItWrapsInTheShellAndInStreamedContent() {
        client.setQueryData(POSTS, List.of("in the shell"));
        CompletableFuture<String> later = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(body(
                hydrationBoundary(Dehydration.dehydrateNew(client), p("shell island").withId("one")),
                suspense(p("..."), async(later, s -> {
                    client.setQueryData(QueryKey.of("late"), s);
                    return hydrationBoundary(Dehydration.dehydrateNew(client), p("streamed island").withId("two"));
                })))));
        String shell = sink.chunks().get(0);
        assertTrue(shell.indexOf("$a([[\"q\",") < shell.indexOf("id=\"one\""), "hydrated before its children: " + shell);

        later.complete("late data");
        String chunk = sink.chunks().get(1);
        assertTrue(chunk.indexOf("</template>") < chunk.indexOf("[\"q\","), "scripts inside a template never run");
        assertTrue(chunk.indexOf("[\"q\",") < chunk.lastIndexOf(",0])"), "the cache is filled before the swap mounts islands: "
                + chunk);
        assertEquals("late data", StreamReplay.of(sink).queryCache().get(QueryKey.of("late").hash()).get("data").asText());
    }

    @Test
    void pendingQueryThatFailsStreamsARedactedError() {
        CompletableFuture<List<String>> comments = new CompletableFuture<>();
        client.prefetchQuery(QueryOptions.of(COMMENTS, () -> comments));
        RecordingSink sink = f.stream(div(hydrationBoundary(
                Dehydration.dehydrate(client, DehydrateOptions.defaults().includePendingQueries(true)), p("x"))));
        comments.completeExceptionally(new IllegalStateException("db password=hunter2"));

        JsonNode cached = StreamReplay.of(sink).queryCache().get(COMMENTS.hash());
        assertEquals("error", cached.get("status").asText());
        assertFalse(sink.html().contains("hunter2"));
        assertTrue(sink.isEnded());
    }

    @Test
    void pendingQueryStillOutstandingAtTheDeadlineEndsAsAnError() {
        client.prefetchQuery(QueryOptions.of(COMMENTS, CompletableFuture::new));
        RecordingSink sink = f.stream(div(hydrationBoundary(
                Dehydration.dehydrate(client, DehydrateOptions.defaults().includePendingQueries(true)), p("x"))));
        f.scheduler.fireAll();
        assertTrue(sink.isEnded());
        assertEquals("error", StreamReplay.of(sink).queryCache().get(COMMENTS.hash()).get("status").asText());
    }

    @Test
    void nestedBoundariesWithDehydrateNewNeverSendAQueryTwice() {
        CompletableFuture<String> section = new CompletableFuture<>();
        client.prefetchQuery(QueryOptions.of(POSTS, () -> CompletableFuture.completedFuture(List.of("a"))));
        DehydratedState outer = Dehydration.dehydrateNew(client);
        RecordingSink sink = f.stream(html(body(hydrationBoundary(outer,
                suspense(p("..."), async(section, s -> {
                    client.setQueryData(QueryKey.of("user"), Map.of("name", s));
                    return hydrationBoundary(Dehydration.dehydrateNew(client), p(s));
                }))))));
        section.complete("ada");

        String html = sink.html();
        assertEquals(1, count(html, "\"queryHash\":\"[\\\"posts\\\"]\""), html);
        assertEquals(1, count(html, "\"queryHash\":\"[\\\"user\\\"]\""), html);
        Map<String, JsonNode> cache = StreamReplay.of(sink).queryCache();
        assertEquals("ada", cache.get(QueryKey.of("user").hash()).get("data").get("name").asText());
        assertEquals("a", cache.get(POSTS.hash()).get("data").get(0).asText());
    }

    @Test
    void concurrentRequestsNeverSeeEachOthersData() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        String[] pages = new String[2];
        Thread[] threads = new Thread[2];
        for (int i = 0; i < 2; i++) {
            int n = i;
            threads[i] = new Thread(() -> {
                QueryClient perRequest = QueryClient.create();
                CompletableFuture<String> data = new CompletableFuture<>();
                perRequest.prefetchQuery(QueryOptions.of(QueryKey.of("me"), () -> data));
                RecordingSink sink = new RecordingSink();
                f.renderer.stream(div(hydrationBoundary(Dehydration.dehydrate(perRequest,
                        DehydrateOptions.defaults().includePendingQueries(true)), p("user " + n))), sink);
                try {
                    start.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                data.complete("user-" + n + "-secret");
                pages[n] = sink.html();
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(pages[0].contains("user-0-secret") && !pages[0].contains("user-1-secret"));
        assertTrue(pages[1].contains("user-1-secret") && !pages[1].contains("user-0-secret"));
    }

    @Test
    void queryDataCannotInjectMarkup() {
        String payload = "</script><script>alert(1)</script><!--\u2028";
        client.setQueryData(POSTS, List.of(new Post(1, payload)));
        RecordingSink sink = f.stream(html(body(hydrationBoundary(Dehydration.dehydrate(client), p("ok")))));
        StreamReplay replay = StreamReplay.of(sink);
        assertEquals(payload, replay.queryCache().get(POSTS.hash()).get("data").get(0).get("title").asText());
        assertTrue(replay.document().select("script").isEmpty());
        assertFalse(sink.html().contains("\u2028"));
    }

    @Test
    void islandRendersServerHtmlWithItsPropsAndBringsTheRuntime() {
        DomContent page = html(head(clientRuntime()), body(
                island("counter", Map.of("start", 3, "label", "\"><script>x</script>"), button("3").withClass("count"))));
        RecordingSink sink = f.stream(page);
        Element island = StreamReplay.of(sink).shell().selectFirst("[data-arbor-island=counter]");
        assertEquals("3", island.selectFirst("button.count").text());
        JsonNode props = readProps(island);
        assertEquals(3, props.get("start").asInt());
        assertEquals("\"><script>x</script>", props.get("label").asText(), "props survive as data");
        assertTrue(StreamReplay.of(sink).shell().select("body script").isEmpty(), "and inject nothing");
        assertTrue(sink.chunks().get(0).indexOf("id=\"arbor-runtime\"") < sink.chunks().get(0).indexOf("<body>"),
                "the runtime sits where the page put it: in the head");
        assertEquals(1, count(sink.html(), "id=\"arbor-runtime\""));
    }

    @Test
    void islandWithoutARuntimeNodeStillGetsTheRuntimeInTheShell() {
        RecordingSink sink = f.stream(html(body(island("clock", null, span("12:00")))));
        assertEquals(1, count(sink.chunks().get(0), "id=\"arbor-runtime\""));
    }

    @Test
    void registryResolvesRegisteredQueriesOnly() {
        QueryRegistry registry = new QueryRegistry()
                .register("posts", key -> CompletableFuture.completedFuture(List.of("p")));
        assertTrue(registry.find(QueryKey.of("posts", 2)).isPresent());
        assertTrue(registry.find(QueryKey.of("secrets")).isEmpty());
        assertTrue(registry.find(QueryKey.of(42)).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.options(QueryKey.of("nope")));
        assertTrue(e.getMessage().contains("No query is registered"));
        assertThrows(IllegalArgumentException.class, () -> registry.register("posts", key -> null));
        assertEquals(List.of("p"), client.fetchQuery(registry.options(QueryKey.of("posts"))).toCompletableFuture().join());
    }

    private static JsonNode readProps(Element island) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(island.attr("data-props"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int count(String haystack, String needle) {
        return haystack.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }
}
