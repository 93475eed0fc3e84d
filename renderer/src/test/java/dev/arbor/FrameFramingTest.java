package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.internal.wire.Wire;
import dev.arbor.query.Dehydration;
import dev.arbor.query.QueryClient;
import dev.arbor.query.QueryKey;
import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The second framing of the protocol: frames for a running page carry what a document carries. */
class FrameFramingTest {
    private final Fixtures f = new Fixtures();
    private final RenderOptions frames = RenderOptions.builder().format(WireFormat.FRAMES).nonce("n0nce").build();

    @Test
    void theShellIsTheFirstFrameAndEachFlushAContentAndAnInstructionList() {
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink();
        f.renderer.stream(main(h1("Outlet"), suspense(p("a..."), async(a, s -> p(s))),
                suspense(p("b..."), async(b, s -> p(s)))), frames, sink);
        List<Wire.Frame> shell = Wire.readFrames(sink.chunks().get(0));
        assertEquals(1, shell.size(), "the shell alone: " + shell);
        assertEquals(new Wire.Frame('h', "<main><h1>Outlet</h1><!--$0--><p>a...</p><!--/$--><!--$1--><p>b...</p><!--/$--></main>"),
                shell.get(0));

        b.complete("B");
        assertEquals(List.of(new Wire.Frame('h', "<p>B</p>"), new Wire.Frame('i', "[1]")),
                Wire.readFrames(sink.chunks().get(1)));
        a.complete("Ünïcode 😀");
        assertEquals(List.of(new Wire.Frame('h', "<p>Ünïcode 😀</p>"), new Wire.Frame('i', "[0]")),
                Wire.readFrames(sink.chunks().get(2)), "lengths count UTF-16 code units");
        assertTrue(sink.isEnded());
        assertFalse(sink.html().contains("<script"), "no scripts, so no nonce either");
    }

    @Test
    void framesReplayToTheSameContentAsTheDocumentFraming() {
        QueryClient client = QueryClient.builder().build();
        client.setQueryData(QueryKey.of("posts"), List.of("first"));
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> keyed = new CompletableFuture<>();
        Supplier<DomContent> page = () -> main(
                hydrationBoundary(Dehydration.dehydrateNew(client), p("posts")),
                errorBoundary(e -> p("failed").withClass("error"),
                        suspense(p("..."), async(slow, s -> p(s))),
                        suspense(p("..."), async(CompletableFuture.<String>failedFuture(new IllegalStateException("x")), s -> p(s)))),
                await(defer("k", keyed), p("..."), s -> p("keyed " + s)));
        RecordingSink framed = new RecordingSink();
        f.renderer.stream(page.get(), frames, framed);
        slow.complete("slow data");
        keyed.complete("value");
        assertTrue(framed.isEnded());

        StreamReplay replay = StreamReplay.ofFrames(framed);
        String complete = f.renderer.renderToString(body(page.get())).toCompletableFuture().join();
        assertEquals(StreamReplay.normalized(complete), replay.normalizedDocument());
        assertEquals("value", replay.deferredValues().get("k").asText());
        assertEquals("first", replay.queryCache().get(QueryKey.of("posts").hash()).get("data").get(0).asText());
    }

    @Test
    void queryStateInTheShellComesBeforeIt() {
        QueryClient client = QueryClient.builder().build();
        client.setQueryData(QueryKey.of("posts"), List.of("first"));
        RecordingSink sink = new RecordingSink();
        f.renderer.stream(main(hydrationBoundary(Dehydration.dehydrate(client), p("posts"))), frames, sink);
        List<Wire.Frame> frameList = Wire.readFrames(sink.html());
        assertEquals('i', frameList.get(0).type(), "state first: " + frameList);
        assertEquals(new Wire.Frame('h', "<main><p>posts</p></main>"), frameList.get(1));
    }

    @Test
    void malformedFramesAreAClearError() {
        assertThrows(IllegalArgumentException.class, () -> Wire.readFrames("x3:abc"));
        assertThrows(IllegalArgumentException.class, () -> Wire.readFrames("h10:short"));
        assertThrows(IllegalArgumentException.class, () -> Wire.readFrames("h:abc"));
    }
}
