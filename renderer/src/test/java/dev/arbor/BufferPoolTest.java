package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A sink that gives chunks back makes the next render write into the same arrays, and only into its own bytes. */
class BufferPoolTest {

    private static DomContent page(int items) {
        return html(body(ul(each(IntStream.range(0, items).boxed().toList(), i -> li("item " + i + " & <more>")))));
    }

    /** Streams the page into a sink that names the pool and gives each chunk back, or keeps it. */
    private static ReleasingSink stream(Renderer renderer, DomContent page, BufferPool pool, boolean release) {
        RecordingSink copy = new RecordingSink();
        ReleasingSink sink = release ? new ReleasingSink(copy, pool) : ReleasingSink.keeping(copy, pool);
        renderer.stream(page, sink);
        assertTrue(copy.isEnded());
        return sink;
    }

    @Test
    void theNextRenderWritesIntoTheArrayTheSinkGaveBack() {
        BufferPool pool = BufferPool.create();
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        assertSame(pool, renderer.bufferPool());

        ReleasingSink first = stream(renderer, page(200), pool, true);
        ReleasingSink second = stream(renderer, page(200), pool, true);
        assertSame(first.arrays.get(0), second.arrays.get(0), "one array served both renders");
    }

    @Test
    void aShorterPageInAReusedArraySendsOnlyItsOwnBytes() {
        BufferPool pool = BufferPool.create();
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        stream(renderer, page(400), pool, true);

        RecordingSink shorter = new RecordingSink();
        renderer.stream(page(3), new ReleasingSink(shorter, pool));
        assertEquals(renderer.renderToString(page(3)).toCompletableFuture().join(), shorter.html());
    }

    @Test
    void anArrayNeverGivenBackCostsOnlyAnAllocation() {
        BufferPool pool = BufferPool.create();
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        ReleasingSink keeping = stream(renderer, page(200), pool, false);
        ReleasingSink next = stream(renderer, page(200), pool, true);
        assertNotSame(keeping.arrays.get(0), next.arrays.get(0), "the kept array is the sink's alone");
    }

    @Test
    void aSinkWithoutAPoolGetsArraysOfItsOwn() {
        BufferPool pool = BufferPool.create();
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        renderer.renderToString(page(200)).toCompletableFuture().join(); // the renderer's pool now holds an array
        long pooled = pool.retainedBytes();
        ReleasingSink keeping = stream(renderer, page(200), null, false);
        assertEquals(pooled, pool.retainedBytes(), "the chunk is not one of the pool's arrays");
        assertEquals(1, keeping.arrays.size());
    }

    @Test
    void aPoolOfNoBytesKeepsNothing() {
        BufferPool pool = BufferPool.create(0);
        Renderer renderer = Renderer.builder().bufferPool(pool).build();
        ReleasingSink first = stream(renderer, page(200), pool, true);
        assertEquals(0, pool.retainedBytes());
        ReleasingSink second = stream(renderer, page(200), pool, true);
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
