package dev.arbor.vertx;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.await;
import static dev.arbor.Arbor.defer;
import static dev.arbor.Arbor.errorBoundary;
import static dev.arbor.Arbor.hydrationBoundary;
import static dev.arbor.Arbor.suspense;
import static j2html.TagCreator.div;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.header;
import static j2html.TagCreator.main;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;

import dev.arbor.Deferred;
import dev.arbor.Mode;
import dev.arbor.Renderer;
import dev.arbor.query.Dehydration;
import dev.arbor.query.QueryClient;
import dev.arbor.query.QueryKey;
import dev.arbor.query.QueryOptions;
import dev.arbor.query.QueryDefinition;
import dev.arbor.query.QueryRegistry;
import dev.arbor.testing.Gates;
import dev.arbor.testing.ManualScheduler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A host on a real port with test pages whose data the test releases through {@link Gates}, a
 * manual scheduler for deadlines and a list of the errors reported.
 */
final class HostFixture implements AutoCloseable {
    /** The /stream page's data: one value known at once, two deferred. */
    static final class StreamData {
        final String quick;
        final Deferred<String> a;
        final Deferred<String> b;

        StreamData(String quick, Deferred<String> a, Deferred<String> b) {
            this.quick = quick;
            this.a = a;
            this.b = b;
        }
    }

    /** A reported error: digest and cause. */
    static final class Report {
        final String digest;
        final Throwable error;

        Report(String digest, Throwable error) {
            this.digest = digest;
            this.error = error;
        }
    }

    final Vertx vertx;
    final Gates gates = new Gates();
    final ManualScheduler scheduler = new ManualScheduler();
    final List<Report> reports = new CopyOnWriteArrayList<>();
    final HttpClient client;
    final ArborHost host;
    /** @return one load of the gate {@code name}, whose value the test releases it with */
    private CompletableFuture<String> gate(String name) {
        return gates.load(name);
    }

    /** The queries behind {@link ArborHost#QUERY_ENDPOINT}, their data behind gates. */
    final QueryRegistry queries = new QueryRegistry()
            .register(QueryDefinition.of("user", Long.class, id -> // typed: ["user", 7]
                    gate("user:" + id).thenApply(name -> Map.of("id", id, "name", name))))
            .register("gated", key -> gate("gated"))
            .register("throws", key -> {
                throw new IllegalStateException("secret thrown detail");
            })
            .register("opaque", key -> CompletableFuture.completedFuture(new Object())); // no JSON for it
    private final HttpServer server;

    private HostFixture(Vertx vertx, Mode mode, HttpServerOptions options, HttpClientOptions clientOptions,
            Consumer<ArborHost.Builder> config) {
        this.vertx = vertx;
        Renderer renderer = Renderer.builder()
                .mode(mode)
                .scheduler(scheduler)
                .errorReporter((digest, error) -> reports.add(new Report(digest, error)))
                .build();
        ArborHost.Builder builder = ArborHost.builder(renderer).head(Head.of("Test site").withStylesheet("/site.css"));
        config.accept(builder);
        this.host = builder.build();
        Router router = routes(vertx);
        this.server = StreamingResponse.join(vertx.createHttpServer(options).requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture());
        this.client = vertx.createHttpClient(clientOptions);
    }

    static HostFixture start(Vertx vertx) {
        return start(vertx, Mode.PRODUCTION, b -> { });
    }

    static HostFixture start(Vertx vertx, Mode mode, Consumer<ArborHost.Builder> config) {
        return new HostFixture(vertx, mode, new HttpServerOptions(), new HttpClientOptions(), config);
    }

    static HostFixture start(Vertx vertx, HttpServerOptions options, HttpClientOptions clientOptions) {
        return new HostFixture(vertx, Mode.PRODUCTION, options, clientOptions, b -> { });
    }

    int port() {
        return server.actualPort();
    }

    StreamingResponse get(String uri, String... headers) {
        return StreamingResponse.get(vertx, client, port(), uri, headers);
    }

    /** Sends a GET; completes when the headers arrive (with the shell, for a streamed page). */
    CompletableFuture<StreamingResponse> request(String uri, String... headers) {
        return StreamingResponse.send(vertx, client, port(), uri, b -> b.toString(), headers);
    }

    Router routes(Vertx vertx) {
        Router router = Router.router(vertx);

        host.mount(router, "/stream", Page.of(
                req -> CompletableFuture.completedFuture(new StreamData("42",
                        defer("a", gate("a")), defer("b", gate("b")))),
                (req, data) -> main(
                        h1("Total " + data.quick),
                        section(await(data.a, p("Loading A").withClass("skeleton"), v -> p("Value A: " + v).withId("a"))),
                        section(await(data.b, p("Loading B").withClass("skeleton"), v -> p("Value B: " + v).withId("b"))),
                        req.script("arbor.deferred('b').then(function (v) { document.body.dataset.b = v; });")))
                .head(data -> Head.of("Stream " + data.quick)));

        // a page in a keyed layout, for navigations (Arbor-Navigate: site)
        Layout<Void> site = Layout.of((req, outlet) -> div(header("Site"), main(outlet))).key("site");
        host.mount(router, "/site/stream", Page.of(
                req -> CompletableFuture.completedFuture(new StreamData("7",
                        defer("na", gate("na")), defer("nb", gate("nb")))),
                (req, data) -> div(
                        h1("Total " + data.quick),
                        section(await(data.a, p("Loading A").withClass("skeleton"), v -> p("Value A: " + v).withId("a"))),
                        section(await(data.b, p("Loading B").withClass("skeleton"), v -> p("Value B: " + v).withId("b")))))
                .head(data -> Head.of("Stream " + data.quick))
                .in(site));

        host.mount(router, "/prefetch", Page.of(req -> {
            QueryClient queries = req.queryClient();
            queries.prefetchQuery(QueryOptions.of(QueryKey.of("slow"), () -> gate("query")));
            // The host's options, as pages use them: errors are reported under a digest.
            return main(hydrationBoundary(Dehydration.dehydrate(queries, req.dehydrateOptions()
                    .includePendingQueries(true)), h1("Prefetched")));
        }));

        Layout<String> shop = Layout.of(req -> gate("layout"),
                        (req, name, outlet) -> div(header(h1(name)), main(outlet)).withId("shop"))
                .head(name -> Head.of(name).withMeta("description", "The shop").withStylesheet("/shop.css"));
        host.mount(router, "/shop/:id", Page.of(
                        Loader.ofFuture(req -> Future.fromCompletionStage(gate("page"))
                                .map(v -> req.pathParam("id") + ":" + v)),
                        (req, product) -> p("Product " + product).withId("product"))
                .head(product -> Head.of("Product " + product).withProperty("og:title", product))
                .in(shop));

        host.mount(router, "/missing", Page.of(req -> {
            throw Halt.notFound();
        }, (req, none) -> p("never")));
        host.mount(router, "/missing-late", Page.of(
                req -> gate("missing").thenApply(v -> {
                    throw Halt.notFound();
                }), (req, none) -> p("never")));
        host.mount(router, "/moved", Page.of(
                req -> CompletableFuture.failedFuture(Halt.redirect("/stream")), (req, none) -> p("never")));
        host.mount(router, "/posted", Page.of(
                req -> CompletableFuture.failedFuture(Halt.seeOther("/done")), (req, none) -> p("never")));
        host.mount(router, "/scripted", Page.of(req -> p("Scripted").withId("scripted"))
                .head(Head.of("Scripted").withModuleScript("/app.js").withScript("/legacy.js")));
        host.mount(router, "/unprocessable", Page.of(req -> {
            req.status(422); // a form whose values need fixing, decided by the loader
            return CompletableFuture.completedFuture("bad email");
        }, (req, problem) -> main(p("Please fix: " + problem),
                await(defer(gate("hint")), p("Loading hint"), hint -> p("Hint: " + hint).withId("hint")))));
        host.mount(router, "/cached", Page.of(req -> {
            req.cacheControl("public, max-age=60");
            return p("The same for everyone");
        }));
        host.mount(router, "/late-status", Page.of(req -> main(
                errorBoundary(error -> p("Late: " + error.cause().getClass().getSimpleName()).withId("late"),
                        suspense(p("Loading late"), async(gate("late"), v -> {
                            req.status(410); // after the shell: too late
                            return p(v);
                        }))))));
        host.mount(router, "/refused-values", Page.of(req -> p(String.join(",",
                refused(() -> req.status(302)), refused(() -> req.status(204)), refused(() -> req.status(99)),
                refused(() -> req.cacheControl("max-age=1\r\nSet-Cookie: x")), refused(() -> req.cacheControl(" "))))
                .withId("refused")));
        host.mount(router, "/search", Page.of( // reads a query parameter in its loader, as pages do
                req -> gate("search").thenApply(v -> req.queryParam("q") + ":" + v),
                (req, found) -> p("Found " + found).withId("found")));
        router.get("/plain-handler-fails").handler(context -> {
            throw new IllegalStateException("secret handler detail");
        });
        host.mount(router, "/boom", Page.of(req -> {
            throw new IllegalStateException("secret detail");
        }, (req, none) -> p("never")));
        host.mount(router, "/boom-view", Page.of(req -> {
            throw new IllegalStateException("secret view detail");
        }));
        host.mount(router, "/boom-shell", Page.of(req -> main(
                p("Before"),
                async(gate("shell"), v -> p("Shell " + v)))));
        host.mount(router, "/boundary-error", Page.of(req -> main(
                errorBoundary(error -> p("Failed: " + error.message()).withId("failed"),
                        await(defer(gate("c")), p("Loading C"), v -> p("Value C: " + v))),
                p("The rest").withId("rest"))));
        host.mount(router, "/hang", Page.of(req -> gate("hang"), (req, v) -> p(v)));
        host.mount(router, "/short", Page.of(
                req -> CompletableFuture.completedFuture("x"),
                (req, v) -> main(await(defer(gate("d")), p("Loading D"), d -> p("Value D: " + d))))
                .deadline(Duration.ofSeconds(3)));

        router.route(ArborHost.QUERY_ENDPOINT).handler(host.queryEndpoint(queries));

        router.route().handler(host.notFoundHandler());
        return router;
    }

    /** The simple name of what {@code action} throws, or "accepted". */
    private static String refused(Runnable action) {
        try {
            action.run();
            return "accepted";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
