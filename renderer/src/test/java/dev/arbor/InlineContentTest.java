package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Boundaries and error boundaries write their content in their parent's buffer and keep it there
 * when it is complete at render time; content that must stand apart (pending, or failed) is moved
 * out, and a failure drops exactly the failed content. These pin the bytes around such content.
 */
class InlineContentTest {
    private final Fixtures f = new Fixtures();

    private static <T> CompletableFuture<T> ready(T value) {
        return CompletableFuture.completedFuture(value);
    }

    @Test
    void nestedReadyBoundariesAreWrittenInPlace() {
        DomContent page = div(p("a & b"),
                suspense(p("…"), span("1"), async(ready("x"), x -> div(em(x),
                        suspense(p("…"), async(ready("y <z>"), y -> b(y))), i("2")))),
                errorBoundary(e -> p("failed"), suspense(p("…"), text("3"))),
                p("end"));
        String expected = "<div><p>a &amp; b</p><span>1</span><div><em>x</em><b>y &lt;z&gt;</b><i>2</i></div>3<p>end</p></div>";
        assertEquals(expected, f.blocking(page));
        RecordingSink sink = f.stream(page);
        assertEquals(1, sink.chunks().size(), "all ready: one chunk");
        assertEquals(expected, sink.html());
    }

    @Test
    void aFailureInReadyContentDropsOnlyThatContent() {
        Supplier<DomContent> page = () -> div(p("before"),
                errorBoundary(e -> p("failed"),
                        span("dropped"),
                        suspense(p("…"), async(ready("v"), v -> div(span(v), suspense(p("…"), component(() -> {
                            throw new IllegalStateException("view broke");
                        })))))),
                suspense(p("…"), span("kept")),
                p("after"));
        String expected = "<div><p>before</p><p>failed</p><span>kept</span><p>after</p></div>";
        assertEquals(expected, f.blocking(page.get()));
        assertEquals(expected, f.stream(page.get()).html());
    }

    @Test
    void aFailureAfterPendingContentShowsTheErrorViewInPlace() {
        // the error boundary's content took a part (the pending boundary) before it failed: its
        // error view is in a buffer of its own, and must still reach the page
        CompletableFuture<String> pending = new CompletableFuture<>();
        Supplier<DomContent> page = () -> div(p("before"),
                errorBoundary(e -> p("failed"),
                        suspense(p("…"), async(pending, s -> p(s))),
                        suspense(p("…"), async(CompletableFuture.<String>failedFuture(new IllegalStateException("x")),
                                s -> p(s)))),
                p("after"));
        String expected = "<div><p>before</p><p>failed</p><p>after</p></div>";
        RecordingSink sink = f.stream(page.get());
        assertTrue(sink.isEnded(), "nothing left pending: the failure dropped the pending boundary");
        assertEquals(expected, sink.html());
        assertEquals(expected, f.blocking(page.get()));
    }

    @Test
    void aSuspenseThatCatchesShowsItsErrorInPlace() {
        String html = f.blocking(div(p("before"),
                suspense(p("…"), span("dropped"), component(() -> {
                    throw new IllegalStateException("boom");
                })),
                p("after")));
        assertTrue(html.startsWith("<div><p>before</p><div class=\"arbor-error\""), html);
        assertTrue(html.endsWith("</div><p>after</p></div>"), html);
        assertFalse(html.contains("dropped"), html);
    }

    @Test
    void readyContentAroundPendingContentStreamsInOrder() {
        CompletableFuture<String> slow = new CompletableFuture<>();
        Supplier<DomContent> page = () -> div(p("head"),
                suspense(p("outer…"), span("ready before"),
                        suspense(p("inner…"), async(slow, s -> b(s))),
                        span("ready after"),
                        suspense(p("…"), em("ready inside")),
                        errorBoundary(e -> p("failed"), suspense(p("eb…"), async(slow, s -> i(s))))),
                p("tail"));
        RecordingSink sink = f.stream(page.get());
        // the outer boundary waits for nothing of its own: the shell shows it, the inner fallbacks in it
        assertTrue(sink.html().startsWith("<div><p>head</p><span>ready before</span><!--$0--><p>inner…</p><!--/$-->"
                + "<span>ready after</span><em>ready inside</em><!--$1--><!--$2--><p>eb…</p><!--/$--><!--/$--><p>tail</p></div>"), sink.html());
        slow.complete("done");
        assertTrue(sink.isEnded());
        assertEquals("<div><p>head</p><span>ready before</span><b>done</b><span>ready after</span>"
                + "<em>ready inside</em><i>done</i><p>tail</p></div>", f.blocking(page.get()));
        Fixtures.assertSameAsBlocking(f, sink, page);
        assertEquals("done", StreamReplay.of(sink).document().select("b").text());
    }
}
