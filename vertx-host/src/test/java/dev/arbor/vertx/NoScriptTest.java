package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser with JavaScript off cannot show what streams after the shell (it sits in templates):
 * a streamed page's head sends it to the complete document of the same URL. Chromium with
 * JavaScript disabled follows it (the demo's NoScriptBrowserTest).
 */
@ExtendWith(VertxExtension.class)
class NoScriptTest {
    private HostFixture app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** The refresh's target, parsed from the shell as a browser without script parses the head. */
    private static String refreshTarget(String html) {
        Document doc = Jsoup.parse(html);
        Element noscript = doc.head().selectFirst("noscript");
        assertTrue(noscript != null, "a <noscript> in the head: " + doc.head());
        // jsoup, like a browser with scripting on, keeps <noscript> content as text: parse it as one without.
        Element meta = Jsoup.parseBodyFragment(noscript.html().isEmpty() ? noscript.text() : noscript.html())
                .selectFirst("meta[http-equiv=refresh]");
        assertTrue(meta != null, noscript.outerHtml());
        String content = meta.attr("content");
        assertTrue(content.startsWith("0; url="), content);
        return content.substring("0; url=".length());
    }

    @Test
    void aStreamedPageSendsBrowsersWithoutScriptToItsCompleteDocument(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse response = app.get("/stream?x=1&y=%C3%A9");
        String shell = response.awaitText("Loading B");

        assertEquals("?x=1&y=%C3%A9&arbor-render=document", refreshTarget(shell), "the same query, and the document");
        app.gates.release("a", "one");
        app.gates.release("b", "two");
        response.body();
    }

    @Test
    void theTargetIsOnlyAQuerySoItStaysOnThisPathAndQuotesCannotBreakOut(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse response = app.get("/stream?q='\"><x");
        String target = refreshTarget(response.awaitText("Loading B"));

        assertEquals("?q=%27%22%3E%3Cx&arbor-render=document", target);
        app.gates.release("a", "one");
        app.gates.release("b", "two");
        response.body();
    }

    @Test
    void aPathWithoutQueryGetsOne(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse response = app.get("/no-such-page");
        assertEquals(404, response.status());
        assertEquals("?arbor-render=document", refreshTarget(response.body()));
    }

    @Test
    void completeDocumentsAndErrorPagesHaveNoRefreshSoNothingLoops(Vertx vertx) {
        app = HostFixture.start(vertx);
        app.gates.release("a", "one");
        app.gates.release("b", "two");
        String complete = app.get("/stream?arbor-render=stream&arbor-render=document").body();
        assertTrue(complete.contains("Value B: two"), complete);
        assertTrue(Jsoup.parse(complete).select("noscript").isEmpty(), complete);

        StreamingResponse failed = app.get("/boom");
        assertEquals(500, failed.status());
        assertTrue(Jsoup.parse(failed.body()).select("noscript").isEmpty());
    }

    @Test
    void theRedirectCanBeTurnedOff(Vertx vertx) {
        app = HostFixture.start(vertx, dev.arbor.Mode.PRODUCTION, b -> b.noScriptRedirect(false));
        StreamingResponse response = app.get("/no-such-page");
        assertTrue(Jsoup.parse(response.body()).select("noscript").isEmpty());
    }
}
