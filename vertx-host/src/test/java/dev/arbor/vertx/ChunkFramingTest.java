package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reads the raw HTTP/1.1 chunked framing: one chunk per flush point of the renderer (the shell,
 * then each completed boundary), never one per element.
 */
@ExtendWith(VertxExtension.class)
class ChunkFramingTest {
    private HostFixture app;

    @BeforeEach
    void start(Vertx vertx) {
        app = HostFixture.start(vertx);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** Parses a chunked response as it arrives. */
    private static final class ChunkReader {
        private Buffer pending = Buffer.buffer();
        private boolean headersDone;
        final List<String> chunks = new ArrayList<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final List<Runnable> listeners = new ArrayList<>();

        synchronized void onData(Buffer data) {
            pending.appendBuffer(data);
            while (true) {
                String text = pending.toString(StandardCharsets.ISO_8859_1);
                if (!headersDone) {
                    int end = text.indexOf("\r\n\r\n");
                    if (end < 0) {
                        return;
                    }
                    headersDone = true;
                    pending = pending.getBuffer(end + 4, pending.length());
                    continue;
                }
                int lineEnd = text.indexOf("\r\n");
                if (lineEnd < 0) {
                    return;
                }
                int size = Integer.parseInt(text.substring(0, lineEnd).trim(), 16);
                if (pending.length() < lineEnd + 2 + size + 2) {
                    return;
                }
                if (size == 0) {
                    ended.complete(null);
                    return;
                }
                chunks.add(pending.getString(lineEnd + 2, lineEnd + 2 + size, "UTF-8"));
                pending = pending.getBuffer(lineEnd + 2 + size + 2, pending.length());
                listeners.forEach(Runnable::run);
            }
        }

        CompletableFuture<Integer> chunkContaining(String text) {
            CompletableFuture<Integer> found = new CompletableFuture<>();
            Runnable check = () -> {
                for (int i = 0; i < chunks.size(); i++) {
                    if (chunks.get(i).contains(text)) {
                        found.complete(i);
                    }
                }
            };
            synchronized (this) {
                listeners.add(check);
                check.run();
            }
            return found;
        }

        synchronized List<String> chunks() {
            return new ArrayList<>(chunks);
        }
    }

    @Test
    void oneChunkForTheShellAndOneForEachCompletedBoundary(Vertx vertx) {
        ChunkReader reader = new ChunkReader();
        NetSocket socket = StreamingResponse.join(vertx.createNetClient().connect(app.port(), "localhost")
                .toCompletionStage().toCompletableFuture());
        socket.handler(reader::onData);
        socket.write("GET /stream HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertEquals(0, StreamingResponse.join(reader.chunkContaining("Loading B")));
        String shell = reader.chunks().get(0);
        assertTrue(shell.startsWith("<!DOCTYPE html>") && shell.contains("</head>") && shell.contains("Loading A"),
                "the whole shell is one chunk: " + shell);

        app.gates.release("b", "two");
        int bChunk = StreamingResponse.join(reader.chunkContaining("Value B: two"));
        assertEquals(1, bChunk, "B's boundary came as the next single chunk: " + reader.chunks());
        assertFalse(reader.chunks().get(1).contains("Value A: "));

        app.gates.release("a", "one");
        StreamingResponse.join(reader.ended);
        List<String> chunks = reader.chunks();
        assertEquals(2, StreamingResponse.join(reader.chunkContaining("Value A: one")));
        assertTrue(chunks.size() <= 4, "a few writes, not one per element: " + chunks.size());
        assertTrue(String.join("", chunks).endsWith("</html>"));
        socket.close();
    }
}
