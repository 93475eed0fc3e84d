package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** TanStack Router's defer/Await: a boundary per await, values streamed to page scripts as JSON. */
class DeferredTest {
    private final Fixtures f = new Fixtures();

    record Review(String author, int stars, Instant at) {
    }

    @Test
    void awaitShowsItsFallbackThenStreamsContentAndTheValueAsJson() {
        CompletableFuture<List<Review>> reviews = new CompletableFuture<>();
        Deferred<List<Review>> deferred = defer("reviews", reviews);
        RecordingSink sink = f.stream(html(body(await(deferred, p("Loading reviews").withClass("skeleton"),
                list -> ul(each(list, r -> li(r.author() + ": " + r.stars())))))));
        assertEquals("Loading reviews", StreamReplay.of(sink).shell().select(".skeleton").text());

        reviews.complete(List.of(new Review("Ada", 5, Instant.parse("2026-11-21T10:00:00Z"))));

        StreamReplay replay = StreamReplay.of(sink);
        assertEquals("Ada: 5", replay.document().select("li").text());
        JsonNode value = replay.deferredValues().get("reviews");
        assertEquals("Ada", value.get(0).get("author").asText());
        assertEquals("2026-11-21T10:00:00Z", value.get(0).get("at").asText(), "java.time as ISO-8601");
        int content = sink.html().indexOf("<li>");
        int data = sink.html().indexOf("[\"d\",\"reviews\",");
        assertTrue(content < data, "the value follows the content it belongs to");
    }

    @Test
    void unnamedAwaitValuesStayOnTheServerAndNamedOnesAreSentOnce() {
        CompletableFuture<Integer> one = new CompletableFuture<>();
        CompletableFuture<Integer> two = new CompletableFuture<>();
        Deferred<Integer> first = defer("first", one);
        Deferred<Integer> second = defer(two);
        RecordingSink sink = f.stream(div(
                await(first, p("1"), n -> p("one " + n)),
                await(second, p("2"), n -> p("two " + n)),
                await(first, p("1 again"), n -> p("once more " + n))));
        two.complete(2);
        one.complete(1);
        StreamReplay replay = StreamReplay.of(sink);
        assertEquals(List.of("first"), List.copyOf(replay.deferredValues().keySet()), "only the named value");
        assertEquals(1, sink.html().split("\\[\"d\",\"first\"", -1).length - 1, "one key, sent once");
        assertFalse(sink.html().contains(",2]"), "the unnamed value is not in the output: " + sink.html());
        assertEquals(List.of("one 1", "two 2", "once more 1"), replay.document().select("p").eachText());
    }

    @Test
    void readyDeferredIsInlinedAndItsValueStillReachesTheClient() {
        RecordingSink sink = f.stream(html(body(await(defer("user", CompletableFuture.completedFuture("ada")),
                p("..."), u -> p("Hello " + u)))));
        assertEquals(1, sink.chunks().size());
        assertFalse(sink.html().contains("<template"), "no swap for inline content");
        assertFalse(sink.html().contains("..."), "no fallback");
        assertEquals("ada", StreamReplay.of(sink).deferredValues().get("user").asText());
    }

    @Test
    void rejectedDeferredGoesToItsErrorBoundaryAndRejectsTheClientPromiseWithTheDigestOnly() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(body(
                errorBoundary(e -> p("Could not load").withClass("error"),
                        await(defer("stock", stage), p("..."), s -> p(s))),
                p("rest of page").withClass("rest"))));
        stage.completeExceptionally(new IllegalStateException("warehouse API key expired"));

        StreamReplay replay = StreamReplay.of(sink);
        assertEquals("Could not load", replay.document().select(".error").text());
        assertEquals("rest of page", replay.document().select(".rest").text());
        JsonNode error = replay.deferredErrors().get("stock");
        assertTrue(f.reported.containsKey(error.get("digest").asText()));
        assertNull(error.get("message"));
        assertFalse(sink.html().contains("API key"));
    }

    @Test
    void valueThatCannotBeSerializedIsAClearErrorInItsBoundary() {
        Object unserializable = new Object();
        RecordingSink sink = f.stream(div(errorBoundary(e -> p("bad data").withClass("error"),
                await(defer("bad", CompletableFuture.completedFuture(unserializable)), p("..."), o -> p("x")))));
        assertEquals("bad data", StreamReplay.of(sink).document().select(".error").text());
        Throwable reported = f.reported.values().iterator().next();
        assertTrue(reported.getMessage().contains("cannot be serialized to JSON"), reported.getMessage());
    }

    @Test
    void blockingModeSendsTheValuesButNoInstructions() {
        CompletableFuture<Integer> late = new CompletableFuture<>();
        CompletableFuture<String> html = f.renderer.renderToString(html(body(
                await(defer("k", late), p("..."), n -> p("n=" + n))))).toCompletableFuture();
        late.complete(1);
        String doc = html.join();
        assertTrue(doc.startsWith("<!DOCTYPE html><html><body><p>n=1</p><script id=\"arbor-runtime\">"), doc);
        assertTrue(doc.endsWith("<script>$a([[\"d\",\"k\",1]])</script></body></html>"), "page scripts still get the value");
        assertFalse(doc.contains("..."), "no fallback");
        assertFalse(doc.contains("<template") || doc.contains("<!--$"), "no region and no swap");
        assertEquals("<!doctype html><html><head></head><body><p>n=1</p></body></html>",
                StreamReplay.settle(doc).outerHtml().replaceAll("\\s*\\n\\s*", ""));
    }

    @Test
    void deferredDataDroppedWithAFailedBoundaryIsNotCancelledForItsOtherAwait() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Deferred<String> shared = defer(stage);
        RecordingSink sink = f.stream(div(
                errorBoundary(e -> p("failed").withClass("error"),
                        await(shared, p("..."), s -> p(s)),
                        async(CompletableFuture.<String>failedFuture(new IllegalStateException("down")), s -> p(s))),
                await(shared, p("..."), s -> p("still " + s).withClass("other"))));
        assertFalse(stage.isCancelled(), "deferred data is made to be awaited elsewhere");
        stage.complete("here");
        Document doc = StreamReplay.of(sink).document();
        assertEquals("failed", doc.select(".error").text());
        assertEquals("still here", doc.select(".other").text());
    }
}
