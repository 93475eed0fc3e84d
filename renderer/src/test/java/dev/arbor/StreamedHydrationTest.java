package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.query.DehydrateOptions;
import dev.arbor.query.Dehydration;
import dev.arbor.query.QueryClient;
import dev.arbor.query.QueryDefinition;
import dev.arbor.query.QueryKey;
import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Streamed hydration without prefetching (TanStack's {@code ReactQueryStreamedHydration}): the
 * queries server components fetch while rendering reach the client's cache when they settle, each
 * once, with no hydration boundary written by hand.
 */
class StreamedHydrationTest {
    private final Fixtures f = new Fixtures();
    private final QueryClient client = QueryClient.create();
    private final CompletableFuture<List<String>> posts = new CompletableFuture<>();
    private final CompletableFuture<Integer> stock = new CompletableFuture<>();
    private final CompletableFuture<String> secret = new CompletableFuture<>();
    private final QueryDefinition<Void, List<String>> postsQuery = QueryDefinition.of("posts", () -> posts);
    private final QueryDefinition<Void, Integer> stockQuery = QueryDefinition.of("stock", () -> stock);
    private final QueryDefinition<Void, String> secretQuery = QueryDefinition.of("secret", () -> secret);

    /** Server components that fetch what they show, and prefetch one query nobody awaits. */
    private DomContent page() {
        return html(body(
                h1("Shop"),
                suspense(p("loading posts"), async(client.fetchQuery(postsQuery.options()),
                        list -> ul(each(list, t -> li(t))))),
                suspense(p("checking stock"), component(() -> {
                    client.prefetchQuery(secretQuery.options());            // fetched while rendering, not awaited
                    return async(client.fetchQuery(stockQuery.options()), n -> p(n + " left"));
                }))));
    }

    private RecordingSink stream(DomContent page) {
        RecordingSink sink = new RecordingSink();
        f.renderer.stream(page, RenderOptions.builder()
                .streamQueries(client, DehydrateOptions.defaults().shouldRedactErrors(e -> true)).build(), sink);
        return sink;
    }

    private static int count(String html, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void everyQueryFetchedWhileRenderingReachesTheClientWhenItSettles() {
        RecordingSink sink = stream(page());
        assertEquals(1, sink.chunks().size(), "the shell");
        assertTrue(StreamReplay.of(sink).queryCache().isEmpty(), "nothing is sent before it settles");

        stock.complete(3);
        assertEquals(3, StreamReplay.of(sink).queryCache().get(QueryKey.of("stock").hash()).get("data").asInt());
        posts.complete(List.of("Hello", "Streaming"));
        assertFalse(sink.isEnded(), "a query fetched while rendering holds the stream open, awaited or not");

        secret.completeExceptionally(new IllegalStateException("vault password=hunter2"));
        assertTrue(sink.isEnded());
        var cache = StreamReplay.of(sink).queryCache();
        assertEquals("Streaming", cache.get(QueryKey.of("posts").hash()).get("data").get(1).asText());
        assertEquals("error", cache.get(QueryKey.of("secret").hash()).get("status").asText());
        assertEquals("redacted", cache.get(QueryKey.of("secret").hash()).get("error").get("message").asText());
        assertFalse(sink.html().contains("hunter2"), "errors are redacted as usual");
        for (String hash : List.of("[\"posts\"]", "[\"stock\"]", "[\"secret\"]")) {
            assertEquals(1, count(sink.html(), "\"queryHash\":\"" + hash.replace("\"", "\\\"") + "\""), "sent once: " + hash);
        }
        assertEquals("3 left", StreamReplay.of(sink).document().select("p").last().text());
    }

    @Test
    void queriesAlreadySettledGoWithTheShellAndThoseInABoundaryAreNotSentAgain() {
        stock.complete(7);
        client.fetchQuery(stockQuery.options());                          // a loader fetched it: settled
        posts.complete(List.of("Hello"));
        secret.complete("s");
        RecordingSink sink = stream(html(body(
                hydrationBoundary(Dehydration.dehydrateNew(client), p("by hand")),   // sends stock
                async(client.fetchQuery(postsQuery.options()), list -> p(list.get(0))))));

        assertTrue(sink.isEnded());
        assertEquals(1, sink.chunks().size(), "everything was ready: one chunk");
        var cache = StreamReplay.of(sink).queryCache();
        assertEquals(7, cache.get(QueryKey.of("stock").hash()).get("data").asInt());
        assertEquals("Hello", cache.get(QueryKey.of("posts").hash()).get("data").get(0).asText());
        assertEquals(1, count(sink.html(), "\"queryHash\":\"[\\\"stock\\\"]\""), "the boundary sent it; streaming did not");
    }

    @Test
    void withoutTheOptionNothingLeavesTheServer() {
        RecordingSink sink = new RecordingSink();
        f.renderer.stream(page(), sink);
        stock.complete(3);
        posts.complete(List.of("Hello"));
        secret.complete("s");
        assertTrue(sink.isEnded());
        assertTrue(StreamReplay.of(sink).queryCache().isEmpty());
        assertFalse(sink.html().contains("\"queryKey\":"), "no query state in the page");
    }

    @Test
    void aQueryStillPendingAtTheDeadlineEndsAsARedactedTimeout() {
        RecordingSink sink = stream(page());
        stock.complete(3);
        posts.complete(List.of("Hello"));
        f.scheduler.fireAll();
        assertTrue(sink.isEnded());
        var secretState = StreamReplay.of(sink).queryCache().get(QueryKey.of("secret").hash());
        assertEquals("error", secretState.get("status").asText());
        assertEquals("redacted", secretState.get("error").get("message").asText());
    }
}
