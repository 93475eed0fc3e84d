package dev.arbor.bench;

import dev.arbor.Renderer;
import dev.arbor.bench.page.ShopPage;
import dev.arbor.vertx.ArborHost;
import dev.arbor.vertx.ArborServer;
import dev.arbor.vertx.Head;
import dev.arbor.vertx.Page;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP benchmarks' server (docs/benchmarks.md), not a test: {@link ShopPage} streamed by the
 * Arbor host ({@code /arbor}), the same page rendered whole with j2html by a plain Vert.x handler
 * once its data is there ({@code /j2html}), the rendered page as a static file ({@code
 * /static}), and the heap in use after a full GC ({@code /heap}, for {@link OpenHttpStreams}). The data arrives after {@code ?a=} and {@code ?b=} milliseconds (default 20 and 50),
 * on Vert.x timers. One server instance per core, as ArborServer deploys by default.
 *
 * <pre>
 * java -cp ... dev.arbor.bench.HttpBenchServer 8089
 * </pre>
 */
public final class HttpBenchServer {
    /** How many data futures the renders cancelled (clients that went away): reported by /heap. */
    static final java.util.concurrent.atomic.AtomicInteger CANCELLED = new java.util.concurrent.atomic.AtomicInteger();

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        Path file = Files.createTempFile("arbor-bench", ".html");
        Files.writeString(file, "<!DOCTYPE html>" + ShopPage.whole().render(), StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        Vertx vertx = Vertx.vertx();
        ArborServer.deploy(vertx, ArborServer.options(port), v -> router(v, file)).toCompletionStage()
                .toCompletableFuture().join();
        System.out.println("listening on " + port + ": /arbor /j2html /static");
    }

    static Router router(Vertx vertx, Path file) {
        Renderer renderer = Renderer.builder().scheduler(ArborHost.scheduler(vertx)).build();
        ArborHost host = ArborHost.builder(renderer)
                .head(Head.of("Lamps & Lights — \"Aurora\" collection | Arbor Shop")
                        .withStylesheet("/assets/app.css?v=3&theme=light"))
                .build();
        Page<Void> page = Page.of(req -> ShopPage.hostBody(
                after(vertx, req.queryParam("a", 20), ShopPage.RECOMMENDED),
                after(vertx, req.queryParam("b", 50), ShopPage.REVIEWS)))
                .deadline(Duration.ofMinutes(10)); // OpenHttpStreams holds streams open for minutes
        Router router = Router.router(vertx);
        host.mount(router, "/arbor", page);
        router.get("/j2html").handler(ctx -> {
            long wait = Math.max(millis(ctx.queryParam("a"), 20), millis(ctx.queryParam("b"), 50));
            vertx.setTimer(wait, t -> whole(ctx));
        });
        String path = file.toString();
        router.get("/static").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .sendFile(path));
        router.get("/heap").handler(ctx -> ctx.response()
                .putHeader("X-Data-Cancelled", Integer.toString(CANCELLED.get())).end(Long.toString(usedAfterGc()))); // OpenHttpStreams
        return router;
    }

    /** @return the heap in use after full collections, in bytes */
    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static void whole(RoutingContext ctx) {
        if (ctx.response().closed()) {
            return;
        }
        String html = "<!DOCTYPE html>" + ShopPage.whole().render();
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end(Buffer.buffer(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static long millis(List<String> values, long otherwise) {
        return values.isEmpty() ? otherwise : Long.parseLong(values.get(0));
    }

    private static <T> CompletableFuture<T> after(Vertx vertx, long millis, T value) {
        CompletableFuture<T> f = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (e != null) {
                CANCELLED.incrementAndGet();
            }
        });
        vertx.setTimer(millis, t -> f.complete(value));
        return f;
    }
}
