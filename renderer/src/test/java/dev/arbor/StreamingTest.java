package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The shell, out-of-order boundaries, nesting and inlining, as React's Fizz renderer behaves. */
class StreamingTest {
    private final Fixtures f = new Fixtures();
    private final CompletableFuture<String> a = new CompletableFuture<>();
    private final CompletableFuture<String> b = new CompletableFuture<>();

    private DomContent twoSections() {
        return html(head(title("Shop")), body(
                h1("Shop"),
                suspense(div("loading A").withClass("skeleton"), async(a, s -> section(s).withId("a"))),
                suspense(div("loading B").withClass("skeleton"), async(b, s -> section(s).withId("b"))),
                footer("end")));
    }

    @Test
    void shellGoesOutAtOnceWithFallbacksAndWithoutContent() {
        RecordingSink sink = f.stream(twoSections());

        assertEquals(1, sink.chunks().size(), "the shell went out before any data resolved");
        Document shell = StreamReplay.of(sink).shell();
        assertEquals(List.of("loading A", "loading B"), shell.select(".skeleton").eachText());
        assertTrue(shell.select("#a, #b").isEmpty(), "no content yet");
        assertEquals("end", shell.select("footer").text(), "everything outside the boundaries is in the shell");
        assertTrue(sink.chunks().get(0).startsWith("<!DOCTYPE html>"));
        assertFalse(sink.chunks().get(0).contains("</body>"), "the document stays open for later chunks");
        assertFalse(sink.isEnded());
    }

    @Test
    void boundariesStreamInCompletionOrder() {
        RecordingSink sink = f.stream(twoSections());

        b.complete("second first");
        assertEquals(2, sink.chunks().size());
        assertTrue(sink.chunks().get(1).contains("second first"));
        Document afterB = StreamReplay.of(sink).after(2);
        assertEquals("second first", afterB.select("#b").text());
        assertEquals(List.of("loading A"), afterB.select(".skeleton").eachText());
        assertFalse(sink.isEnded());

        a.complete("first last");
        assertEquals(3, sink.chunks().size());
        assertTrue(sink.chunks().get(2).contains("first last"));
        assertTrue(sink.chunks().get(2).endsWith("</body></html>"), "the last chunk closes the document");
        Fixtures.assertSameAsBlocking(f, sink, this::twoSections);
    }

    @Test
    void asyncNodeOutsideEveryBoundaryDelaysTheShell() {
        CompletableFuture<DomContent> header = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(body(async(header), suspense(p("wait"), async(a, s -> p(s))))));

        assertTrue(sink.chunks().isEmpty(), "nothing outside a boundary may be missing from the shell");
        header.complete(header("Welcome"));
        assertEquals(1, sink.chunks().size());
        assertTrue(sink.chunks().get(0).contains("<header>Welcome</header>"));
        assertTrue(sink.chunks().get(0).contains("wait"));
    }

    @Test
    void boundaryCompleteWhenItsParentIsFlushedIsInlinedWithoutFallbackOrScript() {
        CompletableFuture<DomContent> slowShell = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(body(async(slowShell), suspense(p("never shown"), async(a, s -> p(s))))));

        a.complete("ready before the shell");
        slowShell.complete(h1("title"));

        assertEquals(1, sink.chunks().size(), "one chunk, the whole page");
        String html = sink.chunks().get(0);
        assertTrue(html.contains("<p>ready before the shell</p>"));
        assertFalse(html.contains("never shown"));
        assertFalse(html.contains("<template"));
        assertFalse(html.contains("<script"));
        assertTrue(sink.isEnded());
    }

    @Test
    void readyDataRendersLikePlainJ2html() {
        DomContent page = html(body(suspense(p("x"), async(CompletableFuture.completedFuture("now"), s -> p(s)))));
        RecordingSink sink = f.stream(page);
        assertEquals(List.of("<!DOCTYPE html><html><body><p>now</p></body></html>"), sink.chunks());
    }

    @Test
    void nestedBoundaryInsideStreamedContentStreamsOnItsOwn() {
        CompletableFuture<String> inner = new CompletableFuture<>();
        RecordingSink sink = f.stream(nested(inner));

        a.complete("outer");
        assertEquals(2, sink.chunks().size());
        Document mid = StreamReplay.of(sink).document();
        assertEquals("outer", mid.select("#outer h2").text());
        assertEquals("inner loading", mid.select("#outer .skeleton").text(), "the inner fallback came with the outer content");

        inner.complete("inner");
        assertEquals(3, sink.chunks().size());
        Fixtures.assertSameAsBlocking(f, sink, () -> nested(inner));
    }

    @Test
    void nestedBoundaryCompleteBeforeItsParentIsSentGoesInline() {
        CompletableFuture<String> inner = new CompletableFuture<>();
        RecordingSink sink = f.stream(nested(inner));

        inner.complete("inner first");
        assertEquals(1, sink.chunks().size(), "the inner boundary waits for its parent");
        a.complete("outer");
        assertEquals(2, sink.chunks().size());
        StreamReplay replay = StreamReplay.of(sink);
        assertEquals(1, replay.boundaryInstructions(), "one swap: the inner content rode inline");
        assertFalse(sink.chunks().get(1).contains("inner loading"));
        Fixtures.assertSameAsBlocking(f, sink, () -> nested(inner));
    }

    private DomContent nested(CompletableFuture<String> inner) {
        return html(body(suspense(p("outer loading").withClass("skeleton"),
                async(a, s -> div(h2(s),
                        suspense(p("inner loading").withClass("skeleton"), async(inner, t -> p(t).withClass("inner"))))
                        .withId("outer")))));
    }

    @Test
    void asyncComponentsNestAtAnyDepth() {
        CompletableFuture<String> l1 = new CompletableFuture<>();
        CompletableFuture<String> l2 = new CompletableFuture<>();
        CompletableFuture<String> l3 = new CompletableFuture<>();
        java.util.function.Supplier<DomContent> page = () -> html(body(suspense(p("..."),
                async(l1, x -> div(text(x), async(l2, y -> div(text(y), async(l3, z -> span(z)))))))));
        RecordingSink sink = f.stream(page.get());
        l3.complete("three");
        l1.complete("one");
        assertEquals(1, sink.chunks().size());
        l2.complete("two");
        assertEquals(2, sink.chunks().size());
        Fixtures.assertSameAsBlocking(f, sink, page);
    }

    @Test
    void boundariesInsideTablesAndListsSwapInPlace() {
        CompletableFuture<List<String>> rows = new CompletableFuture<>();
        CompletableFuture<List<String>> items = new CompletableFuture<>();
        java.util.function.Supplier<DomContent> page = () -> html(body(
                table(tbody(tr(td("head")),
                        suspense(tr(td("loading rows")).withClass("skeleton"),
                                async(rows, list -> each(list, r -> tr(td(r))))),
                        tr(td("foot")))),
                ul(li("first"), suspense(li("loading items").withClass("skeleton"),
                        async(items, list -> each(list, i -> li(i)))), li("last"))));
        RecordingSink sink = f.stream(page.get());
        Document shell = StreamReplay.of(sink).shell();
        assertEquals(List.of("head", "loading rows", "foot"), shell.select("tbody td").eachText());
        assertEquals(List.of("first", "loading items", "last"), shell.select("ul li").eachText());

        items.complete(List.of("i1", "i2"));
        rows.complete(List.of("r1", "r2"));
        Document done = StreamReplay.of(sink).document();
        assertEquals(List.of("head", "r1", "r2", "foot"), done.select("tbody > tr > td").eachText());
        assertEquals(List.of("first", "i1", "i2", "last"), done.select("ul > li").eachText());
        Fixtures.assertSameAsBlocking(f, sink, page);
    }

    @Test
    void boundariesCompletedWhileTheClientIsSlowGoOutInOneChunk() {
        RecordingSink sink = RecordingSink.holding();
        f.renderer.stream(twoSections(), sink);
        assertEquals(1, sink.chunks().size());

        a.complete("A");
        b.complete("B");
        assertEquals(1, sink.chunks().size(), "nothing is written before the shell is accepted");
        assertTrue(sink.acceptNext());
        assertEquals(2, sink.chunks().size(), "both boundaries in one chunk");
        assertTrue(sink.chunks().get(1).contains("$a([0,1])"), "both swaps in one instruction list: " + sink.chunks().get(1));
        assertTrue(sink.acceptNext());
        assertTrue(sink.isEnded());
    }

    @Test
    void stagesMayCompleteOnAnyThread() throws Exception {
        RecordingSink sink = f.stream(twoSections());
        Thread t1 = new Thread(() -> a.complete("from thread 1"));
        Thread t2 = new Thread(() -> b.complete("from thread 2"));
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        sink.whenEnded().toCompletableFuture().join();
        Fixtures.assertSameAsBlocking(f, sink, this::twoSections);
    }

    record Product(String name, int price) {
    }

    @Test
    void componentsArePlainMethodsWithRecordProps() {
        RecordingSink sink = f.stream(div(card(new Product("Lamp", 30)), card(new Product("Desk", 120))));
        assertEquals("<div><article><h3>Lamp</h3><p>30 €</p></article><article><h3>Desk</h3><p>120 €</p></article></div>",
                sink.html());
    }

    private static DomContent card(Product product) {
        return article(h3(product.name()), p(product.price() + " €"));
    }

    @Test
    void blockingRenderAwaitsEverythingAndHasNoFallbacksOrScripts() {
        CompletableFuture<String> html = f.renderer.renderToString(twoSections()).toCompletableFuture();
        a.complete("A");
        assertFalse(html.isDone());
        b.complete("B");
        String doc = html.join();
        assertFalse(doc.contains("loading"));
        assertFalse(doc.contains("<script"));
        assertFalse(doc.contains("<template"));
        assertTrue(doc.endsWith("<footer>end</footer></body></html>"));
    }

    @Test
    void arborNodesRefuseJ2htmlsOwnRender() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> div(async(a, s -> p(s))).render());
        assertTrue(e.getMessage().contains("dev.arbor.Renderer"));
    }
}
