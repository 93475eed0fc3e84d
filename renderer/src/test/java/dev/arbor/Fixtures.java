package dev.arbor;

import dev.arbor.testing.ManualScheduler;
import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A renderer wired for tests: manual deadlines, errors captured instead of logged, and one buffer
 * pool shared by every test's renderer, to which {@link #stream} gives each chunk back at once: a
 * render that kept using an array it gave back would garble another test's output.
 */
final class Fixtures {
    /** Shared by all tests of the module, so that arrays pass from one render to the next. */
    static final BufferPool BUFFERS = BufferPool.create();

    final ManualScheduler scheduler = new ManualScheduler();
    final Map<String, Throwable> reported = new ConcurrentHashMap<>();
    final Renderer renderer;

    Fixtures() {
        this(Mode.PRODUCTION);
    }

    Fixtures(Mode mode) {
        renderer = Renderer.builder().mode(mode).scheduler(scheduler).errorReporter(reported::put)
                .bufferPool(BUFFERS).build();
    }

    RecordingSink stream(DomContent page) {
        RecordingSink sink = new RecordingSink();
        renderer.stream(page, releasing(sink));
        return sink;
    }

    /** @return a sink that copies each chunk into {@code sink}, then gives its array back to the pool */
    static RenderSink releasing(RecordingSink sink) {
        return new ReleasingSink(sink, BUFFERS);
    }

    String blocking(DomContent page) {
        return renderer.renderToString(page).toCompletableFuture().join();
    }

    /** Asserts that the replayed stream equals the blocking render of a fresh copy of the tree. */
    static void assertSameAsBlocking(Fixtures f, RecordingSink sink, Supplier<DomContent> page) {
        org.junit.jupiter.api.Assertions.assertTrue(sink.isEnded(), "the stream ended");
        String expected = StreamReplay.normalized(f.blocking(page.get()));
        org.junit.jupiter.api.Assertions.assertEquals(expected, StreamReplay.of(sink).normalizedDocument());
    }

    static List<String> texts(org.jsoup.select.Elements elements) {
        return elements.eachText();
    }
}
