package dev.arbor.bench;

import dev.arbor.RenderHandle;
import dev.arbor.Renderer;
import dev.arbor.bench.page.ShopPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Heap per open stream (docs/benchmarks.md): opens N streams of {@link ShopPage} whose two
 * sections stay pending (shell sent, two boundaries waiting), measures the heap after a full GC,
 * then completes them all and measures again. Each stream builds its own tree, as a request
 * would; the product data is shared, as a cache would hand it out. Not a test.
 *
 * <pre>
 * java -Xmx4g -cp ... dev.arbor.bench.OpenStreams 2000 5000 10000
 * </pre>
 */
public final class OpenStreams {
    public static void main(String[] args) throws Exception {
        Renderer renderer = Renderer.builder().deadline(Duration.ofMinutes(10)).build();
        for (int i = 0; i < 200; i++) { // warm up: classes loaded, shell size hint settled
            open(renderer, 1).complete();
        }
        for (String arg : args.length == 0 ? new String[] {"2000", "5000", "10000"} : args) {
            int n = Integer.parseInt(arg);
            long base = usedAfterGc();
            Streams streams = open(renderer, n);
            long open = usedAfterGc();
            long shellBytes = streams.sinks.get(0).bytes;
            streams.complete();
            long pageBytes = streams.sinks.get(0).bytes;
            streams = null;
            long after = usedAfterGc();
            System.out.printf("N=%,d  shell sent %,d B (page %,d B)  baseline %,d KB  open %,d KB  "
                    + "per stream %,.1f KB  after close %,d KB (%+,d KB vs baseline)%n",
                    n, shellBytes, pageBytes, base >> 10, open >> 10, (open - base) / 1024.0 / n, after >> 10,
                    (after - base) >> 10);
        }
    }

    record Streams(List<CompletableFuture<List<ShopPage.Product>>> recs,
            List<CompletableFuture<List<ShopPage.Review>>> reviews, List<RenderHandle> handles, List<CountingSink> sinks) {
        void complete() {
            recs.forEach(f -> f.complete(ShopPage.RECOMMENDED));
            reviews.forEach(f -> f.complete(ShopPage.REVIEWS));
            handles.forEach(h -> h.done().toCompletableFuture().join());
            for (CountingSink s : sinks) {
                if (!s.ended) {
                    throw new IllegalStateException("a stream did not end");
                }
            }
        }
    }

    static Streams open(Renderer renderer, int n) {
        Streams s = new Streams(new ArrayList<>(n), new ArrayList<>(n), new ArrayList<>(n), new ArrayList<>(n));
        for (int i = 0; i < n; i++) {
            CompletableFuture<List<ShopPage.Product>> recs = new CompletableFuture<>();
            CompletableFuture<List<ShopPage.Review>> reviews = new CompletableFuture<>();
            CountingSink sink = new CountingSink(renderer.bufferPool()); // gives its chunks back, as the host does
            RenderHandle h = renderer.stream(ShopPage.streamed(recs, reviews), sink);
            h.shell().toCompletableFuture().join();
            s.recs.add(recs);
            s.reviews.add(reviews);
            s.handles.add(h);
            s.sinks.add(sink);
        }
        return s;
    }

    static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

}
