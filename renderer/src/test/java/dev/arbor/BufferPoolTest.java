package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A sink that gives chunks back makes the next render write into the same arrays, and only into its own bytes. */
class BufferPoolTest {

    /** Records each chunk's array and its bytes, and gives the array back at once. */
    private static final class Giving implements RenderSink {
        final BufferPool pool;
        final List<byte[]> arrays = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        boolean release = true;

        Giving(BufferPool pool) {
            this.pool = pool;
        }

        @Override
        public CompletionStage<Void> write(byte[] chunk) {
            return write(chunk, 0, chunk.length);
        }

        @Override
        public CompletionStage<Void> write(byte[] utf8, int offset, int length) {
            arrays.add(utf8);
            text.append(new String(utf8, offset, length, StandardCharsets.UTF_8));
            if (release) {
                pool.release(utf8);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public BufferPool bufferPool() {
            return pool;
        }

        @Override
        public void end() {
        }

        @Override
        public void fail(RenderError error) {
            throw new AssertionError(error.cause());
        }
    }

    private static DomContent page(int items) {
        return html(body(ul(each(IntStream.range(0, items).boxed().toList(), i -> li("item " + i + " & <more>")))));
    }

    @Test
    void theNextRenderWritesIntoTheArrayTheSinkGaveBack() {
        BufferPool pool = BufferPool.create();
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        assertSame(pool, renderer.bufferPool());

        Giving first = new Giving(pool);
        renderer.stream(page(200), first);
        Giving second = new Giving(pool);
        renderer.stream(page(200), second);

        assertSame(first.arrays.get(0), second.arrays.get(0), "one array served both renders");
        assertEquals(first.text.toString(), second.text.toString());
    }

    @Test
    void aShorterPageInAReusedArraySendsOnlyItsOwnBytes() {
        BufferPool pool = BufferPool.create();
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        renderer.stream(page(400), new Giving(pool));

        Giving shorter = new Giving(pool);
        renderer.stream(page(3), shorter);

        assertEquals(renderer.renderToString(page(3)).toCompletableFuture().join(), shorter.text.toString());
    }

    @Test
    void anArrayNeverGivenBackCostsOnlyAnAllocation() {
        BufferPool pool = BufferPool.create();
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        Giving keeping = new Giving(pool);
        keeping.release = false;
        renderer.stream(page(200), keeping);
        Giving next = new Giving(pool);
        renderer.stream(page(200), next);

        assertNotSame(keeping.arrays.get(0), next.arrays.get(0), "the kept array is the sink's alone");
        assertEquals(keeping.text.toString(), next.text.toString());
    }

    @Test
    void aSinkWithoutAPoolGetsArraysOfItsOwn() {
        BufferPool pool = BufferPool.create();
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        renderer.renderToString(page(200)).toCompletableFuture().join(); // the renderer's pool now holds an array
        RecordingSink plain = new RecordingSink();
        List<byte[]> arrays = new ArrayList<>();
        RenderSink keeping = new RenderSink() {
            @Override
            public CompletionStage<Void> write(byte[] chunk) {
                arrays.add(chunk);
                return plain.write(chunk);
            }

            @Override
            public CompletionStage<Void> write(byte[] utf8, int offset, int length) {
                arrays.add(utf8);
                return plain.write(java.util.Arrays.copyOfRange(utf8, offset, offset + length));
            }

            @Override
            public void end() {
                plain.end();
            }

            @Override
            public void fail(RenderError error) {
                plain.fail(error);
            }
        };
        long pooled = pool.retainedBytes();
        renderer.stream(page(200), keeping);
        assertEquals(pooled, pool.retainedBytes(), "the chunk is not one of the pool's arrays");
        assertEquals(1, arrays.size());
    }

    @Test
    void aPoolOfNoBytesKeepsNothing() {
        BufferPool pool = BufferPool.create(0);
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        Giving first = new Giving(pool);
        renderer.stream(page(200), first);
        assertEquals(0, pool.retainedBytes());
        Giving second = new Giving(pool);
        renderer.stream(page(200), second);
        assertNotSame(first.arrays.get(0), second.arrays.get(0));
    }

    @Test
    void thePoolKeepsNoMoreThanItsMaximum() {
        BufferPool pool = BufferPool.create(4096);
        for (int i = 0; i < 10; i++) {
            pool.release(new byte[1024]);
        }
        assertEquals(4096, pool.retainedBytes());
        pool.release(new byte[1000]); // not a size the pool serves
        pool.release(new byte[2 << 20]); // larger than any it keeps
        assertEquals(4096, pool.retainedBytes());
        assertThrows(IllegalArgumentException.class, () -> BufferPool.create(-1));
    }

    @Test
    void renderToStringGivesItsArrayBackOnceDecoded() {
        BufferPool pool = BufferPool.create();
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        String html = renderer.renderToString(page(200)).toCompletableFuture().join();
        assertTrue(pool.retainedBytes() >= html.length(), "the document's array is back in the pool");
        assertEquals(html, renderer.renderToString(page(200)).toCompletableFuture().join());
    }

    @Test
    void streamedBoundariesGiveTheirBuffersBackAndStillArriveWhole() {
        BufferPool pool = BufferPool.create();
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        CompletableFuture<List<Integer>> late = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink();
        renderer.stream(html(body(h1("shop"),
                suspense(p("loading"), async(late, items -> ul(each(items, i -> li("late item " + i + " <&>"))))))),
                new ReleasingSink(sink, pool));
        long afterShell = pool.retainedBytes();

        late.complete(IntStream.range(0, 300).boxed().toList()); // a content of several KB, grown in pooled arrays
        assertTrue(sink.isEnded());
        assertTrue(pool.retainedBytes() > afterShell, "the content's buffers and its chunk came back");
        assertEquals(300, StreamReplay.of(sink).document().select("li").size());
        assertTrue(StreamReplay.of(sink).normalizedDocument().contains("late item 299 &lt;&amp;&gt;"));
    }
}
