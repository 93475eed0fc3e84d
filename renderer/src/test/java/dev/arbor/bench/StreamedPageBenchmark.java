package dev.arbor.bench;

import dev.arbor.Renderer;
import dev.arbor.bench.page.ShopPage;
import j2html.tags.DomContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 12's page ({@link ShopPage}: 48 KB, 100 cards in the shell, two sections behind Suspense),
 * all data ready, in one run: Arbor streaming to bytes, Arbor's {@code renderToString}, and
 * j2html's own {@code render()} of the same markup. The tree is built at every call (a server
 * builds its page per request), for all three. Run with {@code -prof gc} for bytes per render;
 * the command is in docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamedPageBenchmark {
    private Renderer renderer;

    @Setup(Level.Trial)
    public void setup() {
        renderer = Renderer.create();
        String j2 = ShopPage.whole().render();
        String arbor = renderer.renderToString(readyPage()).toCompletableFuture().join();
        CountingSink sink = new CountingSink();
        renderer.stream(readyPage(), sink);
        if (!arbor.equals("<!DOCTYPE html>" + j2) || sink.bytes != arbor.getBytes(StandardCharsets.UTF_8).length) {
            throw new IllegalStateException("the variants render different documents");
        }
        System.out.printf("%n[page] %d bytes UTF-8, %d elements%n", sink.bytes, arbor.split("<[a-z]", -1).length - 2);
    }

    private static DomContent readyPage() {
        return ShopPage.streamed(CompletableFuture.completedFuture(ShopPage.RECOMMENDED),
                CompletableFuture.completedFuture(ShopPage.REVIEWS));
    }

    /** Into a sink that keeps its chunks: each render writes into a new array. */
    @Benchmark
    public long arborStream() {
        return ended(streamInto(readyPage(), new CountingSink()));
    }

    /**
     * Into a sink that gives each chunk's array back to the renderer's pool once it has sent it, as
     * the Vert.x host does: the next render writes into the same array.
     */
    @Benchmark
    public long arborStreamPooled() {
        return ended(streamInto(readyPage(), new CountingSink(renderer.bufferPool())));
    }

    private CountingSink streamInto(DomContent page, CountingSink sink) {
        renderer.stream(page, sink);
        return sink;
    }

    private static long ended(CountingSink sink) {
        if (!sink.ended) {
            throw new IllegalStateException("the stream did not end synchronously");
        }
        return sink.bytes;
    }

    @Benchmark
    public String arborRenderToString() {
        return renderer.renderToString(readyPage()).toCompletableFuture().join();
    }

    @Benchmark
    public String j2htmlRender() {
        return ShopPage.whole().render();
    }

    /**
     * As {@link #arborStream}, with both sections still pending when the shell goes out and their
     * data arriving right after it: the shell with two fallbacks, then one chunk with both
     * contents, as a server streams the page (and the render arms its deadline timer).
     */
    @Benchmark
    public long arborStreamPending() {
        return pending(new CountingSink());
    }

    /** As {@link #arborStreamPending}, into a sink that gives its chunks back, as the Vert.x host does. */
    @Benchmark
    public long arborStreamPendingPooled() {
        return pending(new CountingSink(renderer.bufferPool()));
    }

    private long pending(CountingSink sink) {
        CompletableFuture<List<ShopPage.Product>> recommended = new CompletableFuture<>();
        CompletableFuture<List<ShopPage.Review>> reviews = new CompletableFuture<>();
        renderer.stream(ShopPage.streamed(recommended, reviews), sink);
        recommended.complete(ShopPage.RECOMMENDED);
        reviews.complete(ShopPage.REVIEWS);
        return ended(sink);
    }

    /**
     * Not a comparison: builds the page as one j2html tree ({@code j2htmlRender}'s), so that
     * {@link #wholeTreeWalkOnly} minus this is j2html's walk of it.
     */
    @Benchmark
    public DomContent wholeTreeOnly() {
        return ShopPage.whole();
    }

    /**
     * Not a comparison: builds the same tree and walks it through j2html's
     * {@code render(HtmlBuilder)} into a builder that writes nothing: the floor under any renderer
     * that reads the tree as Arbor does, before a byte is escaped or encoded.
     */
    @Benchmark
    public long wholeTreeWalkOnly() throws java.io.IOException {
        DiscardingBuilder builder = new DiscardingBuilder();
        ShopPage.whole().render(builder, null);
        return builder.calls;
    }

    /**
     * Not a comparison: only builds the tree that the three others build and render, so that
     * (their allocation − this one's) is what rendering itself allocates.
     */
    @Benchmark
    public DomContent treeOnly() {
        return readyPage();
    }

    /**
     * Not a comparison: {@link #treeOnly} plus the two sections' subtrees that the page's views
     * build during the render, so that (stream − this one) is what rendering allocates apart from
     * building any tree (give or take this method's array of two).
     */
    @Benchmark
    public void treeAndSections(Blackhole bh) {
        bh.consume(readyPage());
        bh.consume(ShopPage.sections());
    }

}
