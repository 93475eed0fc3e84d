package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** A render that overruns its deadline ends cleanly; a client that goes away cancels the work. */
class DeadlineAndAbortTest {
    private final Fixtures f = new Fixtures();
    private final CompletableFuture<String> fast = new CompletableFuture<>();
    private final CompletableFuture<String> slow = new CompletableFuture<>();
    private final CompletableFuture<String> slower = new CompletableFuture<>();

    private DomContent page() {
        return html(body(
                suspense(p("fast..."), async(fast, s -> p(s).withId("fast"))),
                errorBoundary(e -> p(e.isTimeout() ? "timed out" : "failed").withClass("error"),
                        suspense(p("slow..."), async(slow, s -> p(s)))),
                suspense(p("slower..."), async(slower, s -> p(s)))));
    }

    @Test
    void pendingBoundariesEndAsErrorsWhenTheDeadlinePasses() {
        RecordingSink sink = f.stream(page());
        fast.complete("in time");
        assertFalse(sink.isEnded());

        f.scheduler.fireAll();

        assertTrue(sink.isEnded(), "the stream ends when the deadline passes");
        assertTrue(slow.isCancelled() && slower.isCancelled(), "late work is cancelled");
        Document doc = StreamReplay.of(sink).document();
        assertEquals("in time", doc.select("#fast").text());
        assertEquals("timed out", doc.select(".error").text(), "through the error boundary");
        assertEquals(1, doc.select(".arbor-error").size(), "the default view where there is none");
        assertTrue(f.reported.values().stream().allMatch(e -> e instanceof RenderTimeoutException));
    }

    @Test
    void deadlineBeforeTheShellFailsTheRender() {
        RecordingSink sink = f.stream(html(body(async(slow, s -> h1(s)), suspense(p("..."), async(fast, s -> p(s))))));
        f.scheduler.fireAll();
        assertTrue(sink.chunks().isEmpty());
        assertInstanceOf(RenderTimeoutException.class, sink.failure());
        assertTrue(fast.isCancelled());
    }

    @Test
    void deadlineIsConfigurablePerRenderAndTimerIsFreedWhenTheRenderEnds() {
        Duration[] asked = new Duration[1];
        Renderer renderer = Renderer.builder().deadline(Duration.ofSeconds(3)).scheduler((delay, task) -> {
            asked[0] = delay;
            return f.scheduler.schedule(delay, task);
        }).errorReporter(f.reported::put).build();

        renderer.stream(page(), new RecordingSink());
        assertEquals(Duration.ofSeconds(3), asked[0]);

        RecordingSink sink = new RecordingSink();
        renderer.stream(div("static"), RenderOptions.builder().deadline(Duration.ofMillis(250)).build(), sink);
        assertEquals(Duration.ofMillis(250), asked[0]);
        assertTrue(sink.isEnded());
        assertEquals(1, f.scheduler.cancelled(), "the finished render cancelled its timer");
    }

    @Test
    void abortCancelsEveryPendingStageAndWritesNothingMore() {
        RecordingSink sink = new RecordingSink();
        RenderHandle handle = f.renderer.stream(page(), sink);
        fast.complete("arrived");
        int written = sink.chunks().size();

        handle.abort();

        assertTrue(slow.isCancelled());
        assertTrue(slower.isCancelled());
        assertEquals(written, sink.chunks().size());
        assertFalse(sink.isEnded(), "an aborted stream is not ended: the transport is gone");
        assertTrue(f.reported.isEmpty(), "a client going away is not an error");
        assertThrows(CancellationException.class, () -> handle.done().toCompletableFuture().join());
        assertEquals(0, f.scheduler.pending(), "the deadline timer is freed");
        handle.abort(); // idempotent
    }

    @Test
    void abortBeforeTheShellCancelsWorkOutsideBoundaries() {
        RecordingSink sink = new RecordingSink();
        RenderHandle handle = f.renderer.stream(html(body(async(slow, s -> h1(s)))), sink);
        handle.abort();
        assertTrue(slow.isCancelled());
        assertTrue(sink.chunks().isEmpty());
        assertNull(sink.failure(), "nothing to answer: the client is gone");
        assertThrows(CancellationException.class, () -> handle.shell().toCompletableFuture().join());
    }

    @Test
    void transportFailureAbortsTheRender() {
        RecordingSink sink = RecordingSink.holding();
        RenderHandle handle = f.renderer.stream(page(), sink);
        assertTrue(sink.failNext(new IOException("connection reset")));
        assertTrue(slow.isCancelled() && fast.isCancelled());
        fast.complete("too late");
        assertEquals(1, sink.chunks().size());
        assertThrows(CompletionException.class, () -> handle.done().toCompletableFuture().join());
    }

    @Test
    void afterTheDeadlineEveryAsyncNodeFailsAtOnceSoTheStreamCannotHang() {
        CompletableFuture<String> neverInFallback = new CompletableFuture<>();
        RecordingSink sink = f.stream(div(errorBoundary(
                e -> div(text("fallback with async: "), suspense(span("..."), async(neverInFallback, s -> span(s)))),
                suspense(p("..."), async(slow, s -> p(s))))));
        f.scheduler.fireAll();
        assertTrue(sink.isEnded());
        Document doc = StreamReplay.of(sink).document();
        assertEquals(1, doc.select(".arbor-error").size(), "the fallback's own late part failed at once");
        assertFalse(doc.text().contains("fallback with async"));
        assertFalse(neverInFallback.isDone(), "it was never waited on");
    }
}
