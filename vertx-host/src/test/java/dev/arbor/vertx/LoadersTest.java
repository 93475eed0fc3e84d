package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nested routes: layout and page loaders run in parallel; the head comes from their data. */
@ExtendWith(VertxExtension.class)
class LoadersTest {
    private HostFixture app;

    @BeforeEach
    void start(Vertx vertx) {
        app = HostFixture.start(vertx);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void layoutAndPageLoadersStartTogetherBeforeEitherCompletes() {
        var pending = app.request("/shop/7");
        // Both loaders were asked for their data while neither has completed: they run in parallel.
        StreamingResponse.join(app.gates.requested("layout"));
        StreamingResponse.join(app.gates.requested("page"));

        app.gates.release("page", "lamp");
        assertFalse(app.gates.latest("layout").isDone());
        app.gates.release("layout", "Acme");

        StreamingResponse response = StreamingResponse.join(pending);
        Document doc = Jsoup.parse(response.body());
        assertEquals(200, response.status());
        assertEquals("Product 7:lamp", doc.select("#shop > main > #product").text(), "the page sits in the layout's outlet");
        assertEquals("Acme", doc.select("#shop > header > h1").text());
    }

    @Test
    void headIsDecidedFromLoaderDataBeforeTheShell() {
        var pending = app.request("/shop/7");
        app.gates.release("page", "lamp");
        app.gates.release("layout", "Acme");
        String html = StreamingResponse.join(pending).body();
        Document doc = Jsoup.parse(html);

        assertEquals("Product 7:lamp", doc.title(), "the innermost title wins");
        assertEquals("The shop", doc.select("head meta[name=description]").attr("content"), "the layout's meta stays");
        assertEquals("7:lamp", doc.select("head meta[property=og:title]").attr("content"));
        assertEquals(2, doc.select("head link[rel=stylesheet]").size(), "the host's and the layout's stylesheets");
        assertEquals("utf-8", doc.select("head meta[charset]").attr("charset"));
        assertEquals("en", doc.select("html").attr("lang"));
        assertTrue(html.indexOf("<title>") < html.indexOf("<body"), "the head precedes the body, never streamed into it");
        assertEquals(1, doc.select("title").size());
    }

    @Test
    void oneFailingLoaderAnswersAtOnceAndCancelsTheOthers() {
        var pending = app.request("/shop/7");
        StreamingResponse.join(app.gates.requested("layout"));
        app.gates.fail("page", Halt.notFound());

        StreamingResponse response = StreamingResponse.join(pending);
        assertEquals(404, response.status(), "answered while the layout's loader was still pending");
        response.body();
        assertTrue(app.gates.latest("layout").isCancelled(), "the layout's pending loader was cancelled");
    }
}
