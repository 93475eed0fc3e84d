package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import j2html.tags.DomContent;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Memory is a feature: once the shell is sent, an open stream keeps only what is still pending,
 * not the page's tree nor the shell's text.
 */
class ReleaseTest {
    private final Fixtures f = new Fixtures();

    @Test
    void anOpenStreamHoldsNeitherThePageTreeNorTheSentShell() {
        CompletableFuture<String> pending = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink();
        WeakReference<DomContent> tree = startWithBigShell(pending, sink);
        assertEquals(1, sink.chunks().size(), "the shell is out, a boundary still pending");

        for (int i = 0; i < 20 && tree.get() != null; i++) {
            System.gc();
        }
        assertTrue(tree.get() == null, "the page's tree is unreachable while its stream is open");

        pending.complete("late");
        assertTrue(sink.isEnded());
        assertTrue(sink.html().contains("late"));
    }

    private WeakReference<DomContent> startWithBigShell(CompletableFuture<String> pending, RecordingSink sink) {
        DomContent big = div(each(java.util.stream.IntStream.range(0, 2_000).boxed().toList(),
                i -> p("Product " + i + " & <friends>")));
        DomContent page = html(body(big, suspense(p("..."), async(pending, s -> p(s)))));
        f.renderer.stream(page, sink);
        return new WeakReference<>(big);
    }
}
