package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a page decides about its own response before the shell: head scripts, status, caching. */
@ExtendWith(VertxExtension.class)
class PageResponseTest {
    private HostFixture app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void headScriptsCarryTheNonceOfTheResponsesPolicyAndComeAfterTheRuntime(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse response = app.get("/scripted");
        Document doc = Jsoup.parse(response.body());
        String csp = response.headers().get("Content-Security-Policy");

        List<Element> scripts = doc.head().select("script");
        Element module = doc.head().selectFirst("script[src=/app.js]");
        Element classic = doc.head().selectFirst("script[src=/legacy.js]");
        assertEquals("module", module.attr("type"));
        assertEquals("", classic.attr("type"));
        for (Element script : List.of(module, classic)) {
            assertTrue(csp.contains("'nonce-" + script.attr("nonce") + "'"), csp + " / " + script);
        }
        List<String> sources = scripts.stream().map(s -> s.attr("src")).collect(Collectors.toList());
        assertEquals(4, sources.size(), sources.toString());
        assertEquals("", sources.get(0), "the runtime first");
        assertTrue(sources.get(1).matches("/_arbor/navigation\\.[0-9a-f]{12}\\.js"), "then the navigation script: " + sources);
        assertEquals(List.of("/app.js", "/legacy.js"), sources.subList(2, 4));
        Element navigation = scripts.get(1);
        assertTrue(csp.contains("'nonce-" + navigation.attr("nonce") + "'") && navigation.hasAttr("defer"));

        // served by the host, under its content's hash: cached for good
        StreamingResponse script = app.get(sources.get(1));
        assertEquals(200, script.status());
        assertEquals("public, max-age=31536000, immutable", script.headers().get("Cache-Control"));
        assertTrue(script.headers().get("Content-Type").startsWith("text/javascript"));
        assertTrue(script.body().startsWith("(()=>{"), "the compiled navigation script");
    }

    @Test
    void aLoaderSetsTheStatusOfAStreamedPage(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse response = app.get("/unprocessable");
        assertEquals(422, response.status());
        response.awaitText("Loading hint"); // still streamed
        assertEquals("no-store", response.headers().get("Cache-Control"), "the default stays");
        app.gates.release("hint", "use an @");
        assertTrue(response.body().contains("Hint: use an @"));
    }

    @Test
    void theStatusHoldsForTheCompleteDocumentToo(Vertx vertx) {
        app = HostFixture.start(vertx);
        app.gates.release("hint", "use an @");
        StreamingResponse response = app.get("/unprocessable?arbor-render=document");
        assertEquals(422, response.status());
        assertTrue(response.body().contains("Hint: use an @"));
    }

    @Test
    void aPageSetsItsOwnCacheControl(Vertx vertx) {
        app = HostFixture.start(vertx);
        assertEquals("public, max-age=60", app.get("/cached").headers().get("Cache-Control"));
        assertEquals("public, max-age=60", app.get("/cached?arbor-render=document").headers().get("Cache-Control"));
        assertEquals("no-store", app.get("/boom").headers().get("Cache-Control"), "error pages never cache");
    }

    @Test
    void afterTheShellTheStatusCanNoLongerChangeAndThePartFailsInItsBoundary(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse response = app.get("/late-status");
        app.gates.release("late", "gone");
        String body = response.body();
        assertEquals(200, response.status());
        assertTrue(body.contains("Late: IllegalStateException"), body);
    }

    @Test
    void statusesWithoutABodyRedirectsAndBrokenHeaderValuesAreRefused(Vertx vertx) {
        app = HostFixture.start(vertx);
        String body = app.get("/refused-values").body();
        assertTrue(body.contains(String.join(",", "IllegalArgumentException", "IllegalArgumentException",
                "IllegalArgumentException", "IllegalArgumentException", "IllegalArgumentException")), body);
    }

    /** Sends a HEAD request as raw bytes and reads the whole answer, until the server closes. */
    private String head(String path) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", app.port())) {
            socket.setSoTimeout((int) StreamingResponse.TIMEOUT_SECONDS * 1000);
            socket.getOutputStream().write(("HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void headAnswersLikeGetWithoutABodyAndStopsTheRenderAtItsShell(Vertx vertx) throws Exception {
        app = HostFixture.start(vertx);
        String answer = head("/stream");

        assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
        assertTrue(answer.contains("content-type: text/html; charset=utf-8\r\n"), answer);
        assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("\r\ncontent-security-policy: "), answer);
        assertTrue(answer.endsWith("\r\n\r\n"), "no body: " + answer);
        assertTrue(StreamingResponse.join(app.gates.latest("a").handle((v, e) -> e)) instanceof java.util.concurrent.CancellationException,
                "what the page still waited for is cancelled");
        assertTrue(app.reports.isEmpty(), app.reports.toString());
    }

    @Test
    void headGetsTheStatusALoaderDecides(Vertx vertx) throws Exception {
        app = HostFixture.start(vertx);
        assertTrue(head("/missing").startsWith("HTTP/1.1 404 "));
        String moved = head("/moved");
        assertTrue(moved.startsWith("HTTP/1.1 302 ") && moved.contains("location: /stream\r\n"), moved);
        assertTrue(head("/unprocessable").startsWith("HTTP/1.1 422 "));
        assertTrue(head("/no-such-page").startsWith("HTTP/1.1 404 "));
        assertTrue(head("/stream?arbor-render=document").startsWith("HTTP/1.1 200 "), "no wait for the whole document");
    }
}
