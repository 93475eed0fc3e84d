package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.ManualScheduler;
import dev.arbor.testing.RecordingSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A renderer's listener hears every render's shell, boundaries, end, aborts, deadlines and errors. */
class RenderListenerTest {
    /** Records events by name; durations are checked for sign only (timing belongs in benchmarks). */
    static final class Events implements RenderListener {
        final List<String> names = new ArrayList<>();

        private void add(String name, Duration d) {
            assertFalse(d.isNegative(), name);
            names.add(name);
        }

        public void renderStarted() {
            names.add("started");
        }

        public void shellSent(Duration t) {
            add("shell", t);
        }

        public void renderCompleted(Duration t) {
            add("completed", t);
        }

        public void renderAborted(Duration t) {
            add("aborted", t);
        }

        public void renderFailed(Duration t, Throwable cause) {
            add("failed:" + cause.getMessage(), t);
        }

        public void boundaryStreamed(Duration t) {
            add("streamed", t);
        }

        public void boundaryInlined() {
            names.add("inlined");
        }

        public void deadlinePassed() {
            names.add("deadline");
        }

        public void errorReported(String digest, Throwable error) {
            names.add("error:" + digest);
        }
    }

    private final Events events = new Events();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Renderer renderer = Renderer.builder().listener(events).scheduler(scheduler)
            .digest(error -> "d1").errorReporter((digest, error) -> { }).build();
    private final CompletableFuture<String> slow = new CompletableFuture<>();
    private final CompletableFuture<String> slower = new CompletableFuture<>();

    private j2html.tags.DomContent page() {
        return page(slow, slower);
    }

    private static j2html.tags.DomContent page(CompletableFuture<String> slow, CompletableFuture<String> slower) {
        return html(body(
                suspense(p("…"), async(CompletableFuture.completedFuture("ready"), v -> p(v))),   // inline
                suspense(p("…"), async(slow, v -> p(v))),
                suspense(p("…"), async(slower, v -> p(v)))));
    }

    @Test
    void aStreamIsHeardFromStartToEndWithEachBoundary() {
        RecordingSink sink = new RecordingSink();
        renderer.stream(page(), sink);
        assertEquals(List.of("started", "inlined", "shell"), events.names);
        slow.complete("a");
        slower.complete("b");
        assertTrue(sink.isEnded());
        assertEquals(List.of("started", "inlined", "shell", "streamed", "streamed", "completed"), events.names);
    }

    @Test
    void anAbortAFailureAndADeadlineAreHeardOnce() {
        RenderHandle handle = renderer.stream(page(), new RecordingSink());
        handle.abort();
        assertEquals("aborted", events.names.get(events.names.size() - 1));

        events.names.clear();
        renderer.stream(html(body(async(CompletableFuture.failedFuture(new IllegalStateException("down")),
                v -> p("never")))), new RecordingSink());
        assertEquals(List.of("started", "error:d1", "failed:down"), events.names);

        events.names.clear();
        RecordingSink late = new RecordingSink();
        renderer.stream(page(new CompletableFuture<>(), new CompletableFuture<>()), late);  // the aborted ones are cancelled
        scheduler.fireAll();                                  // two parts still pending at the deadline
        assertTrue(late.isEnded());
        assertEquals(1, events.names.stream().filter("deadline"::equals).count());
        assertEquals(List.of("started", "inlined", "shell", "deadline", "error:d1", "error:d1", "completed"),
                events.names.stream().filter(n -> !n.equals("streamed")).toList());
    }

    @Test
    void aListenerThatThrowsNeverBreaksAPage() {
        Renderer broken = Renderer.builder().listener(new RenderListener() {
            @Override
            public void shellSent(Duration timeToShell) {
                throw new IllegalStateException("metrics backend down");
            }
        }).build();
        RecordingSink sink = new RecordingSink();
        broken.stream(page(), sink);
        slow.complete("a");
        slower.complete("b");
        assertTrue(sink.isEnded());
        assertTrue(sink.html().contains("<p>b</p>"));
    }
}
