package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With HTTP compression on, every chunk still reaches the client when it is written. */
@ExtendWith(VertxExtension.class)
class CompressionTest {
    private HostFixture app;

    @BeforeEach
    void start(Vertx vertx) {
        // The client does not decompress: the test inflates the raw bytes itself, piece by piece.
        app = HostFixture.start(vertx, ArborServer.options(0), new HttpClientOptions().setDecompressionSupported(false));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void compressedShellArrivesBeforeTheDataResolves() {
        StreamingResponse response = StreamingResponse.get(app.vertx, app.client, app.port(), "/stream", new GunzipDecoder(),
                "Accept-Encoding", "gzip");
        assertEquals("gzip", response.headers().get("Content-Encoding"));

        String shell = response.awaitText("Loading B");
        assertTrue(shell.contains("Total 42"));
        assertFalse(app.gates.latest("a").isDone(), "the shell was readable before any data was released");

        app.gates.release("b", "two");
        String afterB = response.awaitText("Value B: two");
        assertFalse(afterB.contains("Value A: "), "B's chunk was readable on its own");

        app.gates.release("a", "one");
        String body = response.body();
        assertTrue(body.endsWith("</html>"), body);
        assertTrue(body.indexOf("Value B: two") < body.indexOf("Value A: one"));
    }

    @Test
    void aCompressedNavigationStreamsItsFramesAsTheyAreWritten() {
        StreamingResponse response = StreamingResponse.get(app.vertx, app.client, app.port(), "/site/stream", new GunzipDecoder(),
                "Accept-Encoding", "gzip", "Arbor-Navigate", "site");
        assertEquals("gzip", response.headers().get("Content-Encoding"));
        assertEquals("site", response.headers().get("Arbor-Outlet"));

        String shell = response.awaitText("Loading B");
        assertTrue(shell.startsWith("h") && shell.contains("Total 7") && !shell.contains("<header>"), shell);
        app.gates.release("nb", "two");
        String afterB = response.awaitText("Value B: two");
        assertFalse(afterB.contains("Value A: "), "B's frames were readable on their own");
        app.gates.release("na", "one");
        assertTrue(response.body().endsWith("]"), "the last frame is an instruction list");
    }
}
