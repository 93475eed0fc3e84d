package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.Mode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Crawlers, and clients that ask for it, get the complete document in one piece. */
@ExtendWith(VertxExtension.class)
class CrawlerTest {
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

    private HostFixture app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private StreamingResponse completeDocument(CompletableFuture<StreamingResponse> pending) {
        StreamingResponse.join(app.gates.requested("a"));
        StreamingResponse.join(app.gates.requested("b"));
        assertFalse(pending.isDone(), "nothing is sent before the whole document is ready");
        app.gates.release("b", "two");
        app.gates.release("a", "one");
        StreamingResponse response = StreamingResponse.join(pending);
        String body = response.body();
        assertEquals(200, response.status());
        assertEquals(String.valueOf(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                response.headers().get("Content-Length"), "one piece, with its length");
        assertNull(response.headers().get("Transfer-Encoding"));
        assertTrue(body.contains("<title>Stream 42</title>"));
        assertTrue(body.contains("Value A: one") && body.contains("Value B: two"), body);
        assertTrue(body.indexOf("Value A: one") < body.indexOf("Value B: two"), "document order, not completion order");
        assertFalse(body.contains("Loading A"), "no fallbacks");
        assertFalse(body.contains("<template"), "no streaming instructions");
        assertEquals("no-store", response.headers().get("Cache-Control"));
        return response;
    }

    @Test
    void aCrawlerThatGoesAwayCancelsTheWorkOfItsCompleteDocument(Vertx vertx) throws Exception {
        app = HostFixture.start(vertx);
        try (java.net.Socket socket = new java.net.Socket("localhost", app.port())) {
            socket.getOutputStream().write(("GET /stream HTTP/1.1\r\nHost: localhost\r\nUser-Agent: " + GOOGLEBOT
                    + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StreamingResponse.join(app.gates.requested("a"));
            StreamingResponse.join(app.gates.requested("b"));
        }
        CompletableFuture<Void> cancelled = CompletableFuture.allOf(
                app.gates.latest("a").handle((v, e) -> e instanceof java.util.concurrent.CancellationException ? null : fail(e)),
                app.gates.latest("b").handle((v, e) -> e instanceof java.util.concurrent.CancellationException ? null : fail(e)));
        StreamingResponse.join(cancelled);
        assertTrue(app.reports.isEmpty(), "a client going away is no error: " + app.reports);
    }

    @Test
    void aFailureBeforeTheCompleteDocumentIsReportedOnceUnderTheDigestThePageShows(Vertx vertx) {
        app = HostFixture.start(vertx);
        var pending = app.request("/boom-shell", "User-Agent", GOOGLEBOT);
        StreamingResponse.join(app.gates.requested("shell"));
        app.gates.fail("shell", new IllegalStateException("shell source down"));
        StreamingResponse response = StreamingResponse.join(pending);
        String body = response.body();
        assertEquals(500, response.status());
        assertEquals(1, app.reports.size(), "reported once: " + app.reports);
        assertTrue(body.contains(app.reports.get(0).digest), body);
    }

    private static Void fail(Throwable e) {
        throw new AssertionError("expected the stage to be cancelled, it ended with " + e);
    }

    @Test
    void crawlersGetTheCompleteDocument(Vertx vertx) {
        app = HostFixture.start(vertx);
        completeDocument(app.request("/stream", "User-Agent", GOOGLEBOT));
    }

    @Test
    void anyClientCanAskWithTheQueryParameter(Vertx vertx) {
        app = HostFixture.start(vertx);
        completeDocument(app.request("/stream?arbor-render=document", "User-Agent", BROWSER));
    }

    @Test
    void anyClientCanAskWithTheHeader(Vertx vertx) {
        app = HostFixture.start(vertx);
        completeDocument(app.request("/stream", "User-Agent", BROWSER, "Arbor-Render", "document"));
    }

    @Test
    void browsersGetTheStream(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse response = app.get("/stream", "User-Agent", BROWSER);
        assertTrue(response.awaitText("Loading A").contains("Loading B"));
        app.gates.release("a", "1");
        app.gates.release("b", "2");
        response.body();
    }

    @Test
    void theCrawlerListIsConfigurable(Vertx vertx) {
        app = HostFixture.start(vertx, Mode.PRODUCTION, b -> b.crawlers(Pattern.compile("ArborBot")));
        completeDocument(app.request("/stream", "User-Agent", "ArborBot/1.0"));

        StreamingResponse google = app.get("/stream", "User-Agent", GOOGLEBOT);
        assertTrue(google.awaitText("Total 42").contains("<!DOCTYPE html>"), "Googlebot is no longer on the list");
        google.body();
    }

    @Test
    void theDefaultListKnowsTheCommonCrawlers() {
        Pattern crawlers = Pattern.compile(ArborHost.CRAWLERS, Pattern.CASE_INSENSITIVE);
        for (String agent : new String[] {GOOGLEBOT,
                "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
                "Twitterbot/1.0", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
                "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
                "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)"}) {
            assertTrue(crawlers.matcher(agent).find(), agent);
        }
        assertFalse(crawlers.matcher(BROWSER).find());
    }
}
