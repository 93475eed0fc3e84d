package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A page streams over HTTP: shell first, then each boundary as its data is released. */
@ExtendWith(VertxExtension.class)
class StreamingTest {
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
    void shellArrivesBeforeAnyDeferredDataIsReleased() {
        StreamingResponse response = app.get("/stream");

        String shell = response.awaitText("Loading B");
        assertEquals(200, response.status());
        assertTrue(shell.startsWith("<!DOCTYPE html>"), shell);
        assertTrue(shell.contains("<title>Stream 42</title>"), "head decided from loader data: " + shell);
        assertTrue(shell.contains("Total 42"), "quick data is in the shell");
        assertTrue(shell.contains("Loading A"));
        assertFalse(shell.contains("Value A: "), "nothing was released yet");
        assertFalse(app.gates.latest("a").isDone());
        assertFalse(response.bodyStage().isDone(), "the stream stays open while data is pending");

        app.gates.release("a", "one");
        app.gates.release("b", "two");
        String body = response.body();
        assertTrue(body.contains("Value A: one") && body.contains("Value B: two"), body);
        assertTrue(body.endsWith("</html>"), body);
    }

    @Test
    void boundariesArriveInCompletionOrder() {
        StreamingResponse response = app.get("/stream");
        response.awaitText("Loading B");

        app.gates.release("b", "second-declared");
        String afterB = response.awaitText("Value B: second-declared");
        assertFalse(afterB.contains("Value A: "), "A is still pending");
        assertFalse(response.bodyStage().isDone());

        app.gates.release("a", "first-declared");
        String body = response.body();
        assertTrue(body.indexOf("Value B: second-declared") < body.indexOf("Value A: first-declared"),
                "B completed first and was sent first: " + body);
    }

    @Test
    void dynamicPagesAreStreamedUncachedAndUnbuffered() {
        StreamingResponse response = app.get("/stream");
        response.awaitText("Loading B");

        assertEquals("text/html; charset=utf-8", response.headers().get("Content-Type"));
        assertEquals("no-store", response.headers().get("Cache-Control"));
        assertEquals("no", response.headers().get("X-Accel-Buffering"));
        assertEquals("chunked", response.headers().get("Transfer-Encoding"));
        assertNull(response.headers().get("Content-Length"));

        app.gates.release("a", "1");
        app.gates.release("b", "2");
        response.body();
    }

    @Test
    void everyInlineScriptCarriesTheNonceOfTheCspHeader() {
        StreamingResponse response = app.get("/stream");
        response.awaitText("Loading B");
        app.gates.release("a", "1");
        app.gates.release("b", "2");
        String body = response.body();

        String csp = response.headers().get("Content-Security-Policy");
        assertNotNull(csp);
        Matcher m = Pattern.compile("'nonce-([A-Za-z0-9+/=]+)'").matcher(csp);
        assertTrue(m.find(), csp);
        String nonce = m.group(1);

        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(body);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group(1).contains("nonce=\"" + nonce + "\""), "script without the nonce: " + scripts.group());
        }
        assertTrue(count >= 3, "the page script and the renderer's scripts: " + body);

        StreamingResponse other = app.get("/boundary-error");
        app.gates.release("c", "x");
        other.body();
        assertNotEquals(csp, other.headers().get("Content-Security-Policy"), "a fresh nonce per request");
    }

    @Test
    void noCspHeaderWhenDisabledButScriptsKeepTheirNonce(Vertx vertx) {
        app.close();
        app = HostFixture.start(vertx, dev.arbor.Mode.PRODUCTION, b -> b.contentSecurityPolicy(null));
        StreamingResponse response = app.get("/stream");
        response.awaitText("Loading B");
        app.gates.release("a", "1");
        app.gates.release("b", "2");
        String body = response.body();
        assertNull(response.headers().get("Content-Security-Policy"));
        assertTrue(body.contains("nonce=\""), body);
    }

    @Test
    void clientRuntimeIsInTheHeadSoPageScriptsCanReadDeferredValues(Vertx vertx) {
        String shell = app.get("/stream").awaitText("Loading B");
        int runtime = shell.indexOf("id=\"arbor-runtime\"");
        assertTrue(runtime > 0 && runtime < shell.indexOf("</head>"), shell);
        assertTrue(shell.indexOf("arbor.deferred('b')") > shell.indexOf("</head>"));
        app.gates.release("a", "1");
        app.gates.release("b", "2");

        app.close();
        app = HostFixture.start(vertx, dev.arbor.Mode.PRODUCTION, b -> b.clientRuntimeInHead(false));
        String lean = app.get("/stream").awaitText("Loading B");
        assertTrue(lean.indexOf("arbor-runtime") > lean.indexOf("</main>"),
                "not in the head: after the page, at the end of a shell with pending regions: " + lean);
        app.gates.release("a", "1");
        app.gates.release("b", "2");
    }

    @Test
    void errorAfterTheShellStaysInsideItsBoundary() {
        StreamingResponse response = app.get("/boundary-error");
        String shell = response.awaitText("Loading C");
        assertTrue(shell.contains("The rest"));

        app.gates.fail("c", new IllegalStateException("backend down"));
        String body = response.body();
        assertEquals(200, response.status(), "the status was sent with the shell");
        assertTrue(body.contains("Failed: Something went wrong"), body);
        assertFalse(body.contains("backend down"), "production mode shows a digest only");
        assertEquals(1, app.reports.size());
        assertTrue(body.contains(app.reports.get(0).digest), "the page shows the reported digest");
        assertTrue(body.endsWith("</html>"));
    }
}
