package dev.arbor;

import dev.arbor.testing.ManualScheduler;
import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** A renderer wired for tests: manual deadlines, errors captured instead of logged. */
final class Fixtures {
    final ManualScheduler scheduler = new ManualScheduler();
    final Map<String, Throwable> reported = new ConcurrentHashMap<>();
    final Renderer renderer;

    Fixtures() {
        this(Mode.PRODUCTION);
    }

    Fixtures(Mode mode) {
        renderer = Renderer.builder().mode(mode).scheduler(scheduler).errorReporter(reported::put).build();
    }

    RecordingSink stream(DomContent page) {
        RecordingSink sink = new RecordingSink();
        renderer.stream(page, sink);
        return sink;
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
