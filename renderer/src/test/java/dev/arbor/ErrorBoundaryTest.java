package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Failures go to the nearest error boundary; production shows digests only. */
class ErrorBoundaryTest {
    private final Fixtures f = new Fixtures();
    private final CompletableFuture<String> stock = new CompletableFuture<>();
    private final CompletableFuture<String> reviews = new CompletableFuture<>();

    private DomContent page() {
        return html(body(
                h1("Lamp"),
                errorBoundary(e -> p("Stock unavailable (" + e.digest() + ")").withClass("error"),
                        suspense(p("checking stock"), async(stock, s -> p(s).withId("stock")))),
                suspense(p("loading reviews"), async(reviews, r -> p(r).withId("reviews")))));
    }

    @Test
    void failedStageShowsInItsErrorBoundaryAndTheRestOfThePageArrives() {
        RecordingSink sink = f.stream(page());
        stock.completeExceptionally(new IllegalStateException("inventory db password=hunter2 refused"));
        reviews.complete("Great lamp");

        assertTrue(sink.isEnded());
        Document doc = StreamReplay.of(sink).document();
        assertEquals("Great lamp", doc.select("#reviews").text());
        assertTrue(doc.select("#stock").isEmpty());
        String digest = f.reported.keySet().iterator().next();
        assertEquals("Stock unavailable (" + digest + ")", doc.select(".error").text());
        assertEquals("inventory db password=hunter2 refused", f.reported.get(digest).getMessage(),
                "the server reports the full error under the digest");
        assertFalse(sink.html().contains("hunter2"), "production never sends the message");
        assertFalse(sink.html().contains("IllegalStateException"), "nor the type or a stack");
    }

    @Test
    void productionRedactsAndDevelopmentShowsTheMessageInTheDefaultView() {
        Supplier<DomContent> page = () -> div(suspense(p("..."), async(stock, s -> p(s))));
        RecordingSink prod = f.stream(page.get());
        Fixtures dev = new Fixtures(Mode.DEVELOPMENT);
        RecordingSink devSink = dev.stream(page.get());
        stock.completeExceptionally(new RuntimeException("secret detail"));

        Document prodDoc = StreamReplay.of(prod).document();
        assertFalse(prod.html().contains("secret detail"));
        String digest = prodDoc.select(".arbor-error").attr("data-digest");
        assertTrue(f.reported.containsKey(digest));
        assertTrue(prodDoc.select(".arbor-error").text().contains(digest));

        Document devDoc = StreamReplay.of(devSink).document();
        assertEquals("secret detail", devDoc.select(".arbor-error").first().ownText(), "then the details (DevelopmentErrorsTest)");
    }

    @Test
    void throwingComponentGoesToTheNearestErrorBoundary() {
        RecordingSink sink = f.stream(html(body(
                errorBoundary(e -> p("outer caught"),
                        div(errorBoundary(e -> p("inner caught").withClass("inner"),
                                p("partial output is dropped"),
                                component(() -> {
                                    throw new IllegalArgumentException("bad props");
                                })),
                                p("sibling survives").withClass("sibling"))))));

        Document doc = StreamReplay.of(sink).document();
        assertEquals("inner caught", doc.select(".inner").text());
        assertEquals("sibling survives", doc.select(".sibling").text());
        assertFalse(sink.html().contains("partial output"));
        assertFalse(sink.html().contains("outer caught"));
        assertEquals(1, f.reported.size());
    }

    @Test
    void errorOutsideEveryBoundaryBeforeTheShellFailsTheRender() {
        CompletableFuture<DomContent> header = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink();
        RenderHandle handle = f.renderer.stream(html(body(async(header), suspense(p("x"), async(stock, s -> p(s))))), sink);
        IllegalStateException cause = new IllegalStateException("layout data missing");
        header.completeExceptionally(cause);

        assertTrue(sink.chunks().isEmpty(), "nothing was written: the host can still answer 500");
        assertSame(cause, sink.failure());
        CompletionException shellFailure = assertThrows(CompletionException.class,
                () -> handle.shell().toCompletableFuture().join());
        assertSame(cause, shellFailure.getCause());
        assertTrue(stock.isCancelled(), "the rest of the page's work is cancelled");
        CompletionException blocking = assertThrows(CompletionException.class,
                () -> f.renderer.renderToString(html(body(component(() -> {
                    throw cause;
                })))).toCompletableFuture().join());
        assertSame(cause, blocking.getCause());
    }

    @Test
    void errorBoundaryAlreadySentIsReplacedOnTheClient() {
        CompletableFuture<String> second = new CompletableFuture<>();
        Supplier<DomContent> page = () -> html(body(
                errorBoundary(e -> div("Recommendations failed").withClass("error"),
                        h2("Recommended"),
                        suspense(p("loading 1"), async(stock, s -> p(s).withClass("rec"))),
                        suspense(p("loading 2"), async(second, s -> p(s).withClass("rec")))),
                footer("end")));
        RecordingSink sink = f.stream(page.get());
        assertTrue(sink.chunks().get(0).contains("<!--$0--><h2>"), "a region that may still fail is marked");

        stock.complete("first arrived");
        assertEquals("first arrived", StreamReplay.of(sink).document().select(".rec").text());
        second.completeExceptionally(new RuntimeException("recommender down"));

        assertTrue(sink.isEnded());
        Document doc = StreamReplay.of(sink).document();
        assertEquals("Recommendations failed", doc.select(".error").text());
        assertTrue(doc.select(".rec, h2").isEmpty(), "the whole boundary region was replaced");
        assertEquals("end", doc.select("footer").text());
        assertEquals(2, StreamReplay.of(sink).boundaryInstructions(), "the first boundary, then the whole region");
        // the blocking render shows the same page
        CompletableFuture<String> s1 = CompletableFuture.completedFuture("first arrived");
        assertEquals(StreamReplay.normalized(f.blocking(html(body(
                        errorBoundary(e -> div("Recommendations failed").withClass("error"),
                                h2("Recommended"),
                                suspense(p("loading 1"), async(s1, s -> p(s).withClass("rec"))),
                                suspense(p("loading 2"), async(second, s -> p(s).withClass("rec")))),
                        footer("end"))))),
                StreamReplay.of(sink).normalizedDocument());
    }

    @Test
    void replacedRegionDropsItsPendingBoundaries() {
        CompletableFuture<String> late = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(body(errorBoundary(e -> p("failed").withClass("error"),
                suspense(p("a"), async(stock, s -> p(s))),
                suspense(p("b"), async(late, s -> p(s).withClass("late")))))));
        stock.completeExceptionally(new RuntimeException("boom"));
        assertTrue(late.isCancelled(), "work inside the failed region is cancelled");
        assertTrue(sink.isEnded(), "nothing is left to wait for");
        assertEquals(List.of("failed"), StreamReplay.of(sink).document().select("p").eachText());
    }

    @Test
    void errorInsideAnErrorFallbackShowsTheDefaultView() {
        RecordingSink sink = f.stream(div(errorBoundary(e -> {
            throw new IllegalStateException("fallback broke too");
        }, component(() -> {
            throw new IllegalStateException("first");
        }))));
        Document doc = StreamReplay.of(sink).document();
        assertEquals(1, doc.select(".arbor-error").size());
        assertEquals(2, f.reported.size());
    }

    @Test
    void errorInTheViewFunctionOfAStreamedNodeGoesToItsBoundary() {
        RecordingSink sink = f.stream(div(suspense(p("..."), async(stock, s -> {
            throw new IllegalArgumentException("cannot render " + s);
        }))));
        stock.complete("x");
        assertTrue(sink.isEnded());
        assertEquals(1, StreamReplay.of(sink).document().select(".arbor-error").size());
    }
}
