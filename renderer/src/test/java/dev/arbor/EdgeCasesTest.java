package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Cases a review of the core found: each failed before its fix. */
class EdgeCasesTest {
    private final Fixtures f = new Fixtures();

    @Test
    void workInAFallbackThatWasSwappedOutCannotFailTheContentThatReplacedIt() {
        CompletableFuture<String> fallbackData = new CompletableFuture<>();
        CompletableFuture<String> content = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(body(errorBoundary(e -> p("E failed").withId("err"),
                suspense(div(suspense(p("inner fallback"), async(fallbackData, s -> p(s)))),
                        async(content, c -> p(c).withId("content")))))));

        content.complete("real content");
        assertTrue(sink.isEnded(), "nothing visible is left to wait for");
        assertTrue(fallbackData.isCancelled(), "the old fallback's work is dropped");
        fallbackData.completeExceptionally(new RuntimeException("fallback data failed"));

        Document doc = StreamReplay.of(sink).document();
        assertEquals("real content", doc.select("#content").text());
        assertTrue(doc.select("#err").isEmpty());
    }

    @Test
    void aStageSharedWithAFailedRegionLivesOnForTheRestOfThePage() {
        CompletableFuture<String> shared = new CompletableFuture<>();
        CompletableFuture<String> other = new CompletableFuture<>();
        CompletableFuture<String> plain = new CompletableFuture<>();
        Deferred<String> user = defer("user", shared);
        RecordingSink sink = f.stream(html(body(
                errorBoundary(e -> p("sidebar failed").withClass("error"),
                        suspense(p("..."), async(other, s -> p(s))),
                        await(user, p("..."), u -> p(u).withId("a")),
                        suspense(p("..."), async(plain, s -> p(s).withId("c")))),
                await(user, p("..."), u -> p(u).withId("b")),
                suspense(p("..."), async(plain, s -> p(s).withId("d"))))));

        other.completeExceptionally(new RuntimeException("sidebar"));
        assertFalse(shared.isCancelled(), "awaited outside the failed region too");
        assertFalse(plain.isCancelled(), "a plain stage awaited elsewhere too");
        shared.complete("Ada");
        plain.complete("also here");

        StreamReplay replay = StreamReplay.of(sink);
        assertEquals("Ada", replay.document().select("#b").text());
        assertEquals("also here", replay.document().select("#d").text());
        assertEquals("sidebar failed", replay.document().select(".error").text());
        assertEquals("Ada", replay.deferredValues().get("user").asText());
        assertTrue(replay.deferredErrors().isEmpty());
    }

    @Test
    void anErrorViewWithAsyncPartsReachesASlowClient() {
        CompletableFuture<String> gate = new CompletableFuture<>();
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> errorData = new CompletableFuture<>();
        RecordingSink sink = RecordingSink.holding();
        f.renderer.stream(html(body(suspense(p("outer loading"),
                async(gate, g -> div(errorBoundary(e -> async(errorData, s -> p(s).withId("error-view")),
                        suspense(p("inner loading"), async(slow, s -> p(s))))))))), sink);
        gate.complete("go");           // the outer boundary completes while the shell is still held
        slow.completeExceptionally(new RuntimeException("boom"));
        while (sink.acceptNext()) {
            // a slow client catches up
        }
        assertFalse(sink.isEnded(), "the error view's data is still to come");

        errorData.complete("error view data");
        while (sink.acceptNext()) {
            // and again
        }
        assertTrue(sink.isEnded());
        assertEquals("error view data", StreamReplay.of(sink).document().select("#error-view").text());
    }

    @Test
    void nestedErrorBoundariesFailingOneAfterTheOtherStillEndTheStream() {
        CompletableFuture<String> f1 = new CompletableFuture<>();
        CompletableFuture<String> f2 = new CompletableFuture<>();
        CompletableFuture<String> f3 = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(body(errorBoundary(e -> p("outer failed").withId("outer"),
                suspense(p("l1"), async(f1, s -> p(s))),
                errorBoundary(e -> async(f3, s -> p(s).withId("inner-error")),
                        suspense(p("l2"), async(f2, s -> p(s))))))));
        f2.completeExceptionally(new RuntimeException("inner"));
        f1.completeExceptionally(new RuntimeException("outer"));

        assertTrue(sink.isEnded(), "the inner error view went with the region that held it");
        assertTrue(f3.isCancelled());
        assertEquals("outer failed", StreamReplay.of(sink).document().select("#outer").text());
    }

    @Test
    void keysStartingWithADollarAreReservedAndUnnamedValuesAreNeverSent() {
        assertThrows(IllegalArgumentException.class, () -> defer("$d0", new CompletableFuture<>()));
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(body(await(defer(a), p("..."), s -> p(s)),
                await(defer("d0", b), p("..."), s -> p(s)))));
        b.complete("named");
        a.complete("unnamed");
        assertEquals(List.of("d0"), List.copyOf(StreamReplay.of(sink).deferredValues().keySet()));
        assertFalse(sink.html().contains("unnamed\""), "the unnamed value stays on the server");
    }

    @Test
    void twoDeferredValuesWithOneKeyAreAClearError() {
        RecordingSink sink = f.stream(html(body(
                await(defer("user", CompletableFuture.completedFuture("a")), p("..."), s -> p(s)),
                errorBoundary(e -> p("duplicate key").withClass("error"),
                        await(defer("user", CompletableFuture.completedFuture("b")), p("..."), s -> p(s))))));
        assertEquals("duplicate key", StreamReplay.of(sink).document().select(".error").text());
        assertTrue(f.reported.values().iterator().next().getMessage().contains("share the key 'user'"));
    }
}
