package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Development mode shows where and why a render failed; production shows a digest only. */
class DevelopmentErrorsTest {
    private final CompletableFuture<List<String>> feed = new CompletableFuture<>();
    private final CompletableFuture<String> stock = new CompletableFuture<>();
    private final List<RenderError> seenByFallbacks = new ArrayList<>();

    private DomContent page() {
        return html(body(
                main(
                        suspense(p("loading"), component(() -> {
                            throw new IllegalStateException("bad <script>alert(1)</script> data");
                        }))).withId("feed"),
                section(errorBoundary(error -> {
                            seenByFallbacks.add(error);
                            return p("Stock unavailable").withClass("stock-error");
                        },
                        suspense(p("checking"), async(stock, s -> p(s))))).withClass("stock card"),
                div(suspense(p("…"), async(feed, list -> ul(each(list, item -> li(component(() -> {
                    if (item.isEmpty()) {
                        throw new IllegalArgumentException("an empty item");
                    }
                    return text(item);
                })))).withClass("items")))).withId("list")));
    }

    private static RecordingSink stream(Mode mode, DomContent page) {
        RecordingSink sink = new RecordingSink();
        Renderer.builder().mode(mode).errorReporter((digest, error) -> { }).build().stream(page, sink);
        return sink;
    }

    @Test
    void theDefaultErrorViewShowsTheExceptionItsStackAndWhereItHappenedEscaped() {
        RecordingSink sink = stream(Mode.DEVELOPMENT, page());
        Element view = StreamReplay.of(sink).shell().selectFirst("#feed .arbor-error");

        Element details = view.selectFirst("details.arbor-error-details");
        assertEquals("java.lang.IllegalStateException: bad <script>alert(1)</script> data",
                details.selectFirst("summary").text());
        assertEquals("in html › body › main#feed › suspense › component", details.selectFirst(".arbor-error-path").text());
        String stack = details.selectFirst("pre.arbor-error-stack").text();
        assertTrue(stack.startsWith("java.lang.IllegalStateException: bad <script>"), stack);
        assertTrue(stack.contains("dev.arbor.DevelopmentErrorsTest.lambda$page$"), stack);
        assertFalse(sink.html().contains("<script>alert(1)"), "escaped");
        assertEquals(details.attr("data-digest"), view.attr("data-digest"));
    }

    @Test
    void anErrorBoundaryThatFailsAfterTheShellShowsItsFallbackThenTheDetails() {
        RecordingSink sink = stream(Mode.DEVELOPMENT, page());
        stock.completeExceptionally(new IllegalStateException("inventory down"));

        Document doc = StreamReplay.of(sink).document();
        Element card = doc.selectFirst("section.stock");
        assertEquals("Stock unavailable", card.selectFirst(".stock-error").text());
        assertEquals("in html › body › section.stock › errorBoundary › suspense › async",
                card.selectFirst("details .arbor-error-path").text());
        assertEquals("html › body › section.stock › errorBoundary › suspense › async",
                seenByFallbacks.get(0).componentPath().orElseThrow(), "fallbacks get the path too");
    }

    @Test
    void aViewThatThrowsAfterItsDataArrivedIsPlacedInsideTheAsyncNode() {
        RecordingSink sink = stream(Mode.DEVELOPMENT, page());
        feed.complete(List.of("tent", ""));

        Element details = StreamReplay.of(sink).document().selectFirst("#list details");
        assertEquals("in html › body › div#list › suspense › async › ul.items › li › component",
                details.selectFirst(".arbor-error-path").text());
        assertTrue(details.selectFirst("summary").text().endsWith("IllegalArgumentException: an empty item"));
    }

    @Test
    void productionShowsADigestOnly() {
        RecordingSink sink = stream(Mode.PRODUCTION, page());
        stock.completeExceptionally(new IllegalStateException("inventory down"));
        feed.complete(List.of(""));

        String html = sink.html();
        assertTrue(StreamReplay.of(sink).document().select("details").isEmpty());
        for (String secret : List.of("IllegalStateException", "inventory down", "alert(1)", "at dev.arbor", "main#feed")) {
            assertFalse(html.contains(secret), secret);
        }
        assertTrue(seenByFallbacks.get(0).componentPath().isEmpty(), "not even tracked");
        assertEquals("", errorDetails(seenByFallbacks.get(0)).render());
    }
}
