package dev.arbor;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.suspense;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import j2html.tags.DomContent;
import java.io.ByteArrayOutputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An open stream holds only what is still pending: once the shell went out, neither its tree
 * nor the buffer it was written from stays reachable from the render, although a boundary is
 * still waiting. (Weak references and full collections: nothing here depends on time.)
 */
class PendingStreamRetentionTest {

    /** Keeps the bytes as a copy, and a weak reference to each array the renderer handed over. */
    private static final class Sink implements RenderSink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WeakReference<byte[]> shellBuffer;

        @Override
        public CompletionStage<Void> write(byte[] chunk) {
            return write(chunk, 0, chunk.length);
        }

        @Override
        public CompletionStage<Void> write(byte[] utf8, int offset, int length) {
            if (shellBuffer == null) {
                shellBuffer = new WeakReference<>(utf8);
            }
            bytes.write(utf8, offset, length);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void end() {
        }

        @Override
        public void fail(RenderError error) {
            throw new AssertionError(error.cause());
        }
    }

    private static boolean collected(WeakReference<?> ref) {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
        }
        return ref.get() == null;
    }

    @Test
    void aSentShellLeavesNeitherItsTreeNorItsBufferReachableWhileABoundaryWaits() {
        CompletableFuture<List<String>> reviews = new CompletableFuture<>();
        Sink sink = new Sink();
        DomContent[] grid = {div(each(IntStream.range(0, 500).boxed().toList(), i -> p("card & " + i)))};
        WeakReference<DomContent> gridRef = new WeakReference<>(grid[0]);
        RenderHandle handle = Renderer.create().stream(html(body(grid[0],
                suspense(p("Loading…"), async(reviews, list -> ul(each(list, r -> li(r))))))), sink);
        grid[0] = null;

        assertTrue(handle.shell().toCompletableFuture().isDone(), "the shell went out");
        assertFalse(handle.done().toCompletableFuture().isDone(), "a boundary still waits");
        assertTrue(collected(gridRef), "the shell's tree is not reachable from the open stream");
        assertTrue(collected(sink.shellBuffer), "the shell's buffer is not kept by the renderer");

        reviews.complete(List.of("great <3"));
        handle.done().toCompletableFuture().join();
        String page = sink.bytes.toString(StandardCharsets.UTF_8);
        assertTrue(page.contains("<p>card &amp; 499</p>"), "the shell was sent whole");
        assertTrue(page.contains("<li>great &lt;3</li>"), "the pending boundary still renders its content");
    }
}
