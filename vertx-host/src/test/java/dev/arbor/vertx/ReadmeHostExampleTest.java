package dev.arbor.vertx;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.Deferred;
import dev.arbor.Renderer;
import dev.arbor.query.QueryClient;
import dev.arbor.query.QueryDefinition;
import dev.arbor.query.QueryKey;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The root README's Vert.x example, compiled and served; fails when README.md drifts from it. */
@ExtendWith(VertxExtension.class)
class ReadmeHostExampleTest {
    record Product(String name, Deferred<List<String>> reviews) {
    }

    interface Catalog {
        CompletionStage<Optional<Product>> find(String id);
    }

    // README:host
    static Router shop(Vertx vertx, Catalog catalog) {
        Renderer renderer = Renderer.builder().scheduler(ArborHost.scheduler(vertx)).build();
        ArborHost host = ArborHost.builder(renderer).head(Head.of("Shop")).build();
        Page<Product> product = Page.of(
                req -> catalog.find(req.pathParam("id"))
                        .thenApply(found -> found.orElseThrow(Halt::notFound)),  // a real 404, before the shell
                (req, p) -> article(h1(p.name()),
                        errorBoundary(error -> p("Reviews are unavailable"),
                                await(p.reviews(), p("Loading reviews…"),
                                        list -> ul(each(list, r -> li(r)))))))
            .head(p -> Head.of(p.name()));                                       // decided before the shell
        Router router = Router.router(vertx);
        host.mount(router, "/products/:id", product);
        router.route().handler(host.notFoundHandler());
        return router;
    }
    // END

    // README:navigation
    static Router site(Vertx vertx, ArborHost host, Catalog catalog) {
        Layout<Void> site = Layout.of((req, outlet) -> div(
                        nav(a("Home").withHref("/"), a("Lamp").withHref("/products/lamp"))
                                .attr("data-arbor-nav", ""),                 // aria-current follows the page
                        main(outlet)))
            .key("site");                        // navigations between its pages keep it: its loader does not run
        Page<Void> home = Page.of(req -> h1("Welcome")).head(Head.of("Home")).in(site);
        Page<Product> product = Page.of(
                req -> catalog.find(req.pathParam("id")).thenApply(found -> found.orElseThrow(Halt::notFound)),
                (req, p) -> article(h1(p.name()), await(p.reviews(), p("Loading reviews…"),
                        list -> ul(each(list, r -> li(r))))))
            .head(p -> Head.of(p.name()))
            .in(site);
        Router router = Router.router(vertx);
        host.mount(router, "/", home);                // mount also serves the navigation script
        host.mount(router, "/products/:id", product);
        return router;
    }
    // END

    @Test
    void theNavigationExampleStreamsOnlyThePageBelowTheSharedLayout(Vertx vertx) throws Exception {
        CompletableFuture<List<String>> reviews = new CompletableFuture<>();
        Catalog catalog = id -> CompletableFuture.completedFuture(
                id.equals("lamp") ? Optional.of(new Product("Lamp", defer(reviews))) : Optional.empty());
        ArborHost host = ArborHost.builder(Renderer.builder().scheduler(ArborHost.scheduler(vertx)).build()).build();
        HttpServer server = vertx.createHttpServer().requestHandler(site(vertx, host, catalog)).listen(0)
                .toCompletionStage().toCompletableFuture().join();
        HttpClient client = vertx.createHttpClient();

        String home = StreamingResponse.get(vertx, client, server.actualPort(), "/").body();
        assertTrue(home.contains("<main><!--@site--><h1>Welcome</h1><!--/@--></main>"), home);
        StreamingResponse navigation = StreamingResponse.get(vertx, client, server.actualPort(), "/products/lamp",
                "Arbor-Navigate", "site");
        assertEquals("site", navigation.headers().get("Arbor-Outlet"));
        String shell = navigation.awaitText("Loading reviews…");
        assertTrue(shell.startsWith("h") && !shell.contains("<nav"), "the page's part alone, as frames: " + shell);
        reviews.complete(List.of("Bright and warm"));
        assertTrue(navigation.body().contains("<li>Bright and warm</li>"));
    }

    @Test
    void theExampleServesAStreamingPageAndARealNotFound(Vertx vertx) throws Exception {
        CompletableFuture<List<String>> reviews = new CompletableFuture<>();
        Catalog catalog = id -> CompletableFuture.completedFuture(
                id.equals("lamp") ? Optional.of(new Product("Lamp", defer("reviews", reviews))) : Optional.empty());
        HttpServer server = vertx.createHttpServer().requestHandler(shop(vertx, catalog)).listen(0)
                .toCompletionStage().toCompletableFuture().join();
        HttpClient client = vertx.createHttpClient();

        StreamingResponse page = StreamingResponse.get(vertx, client, server.actualPort(), "/products/lamp");
        assertEquals(200, page.status());
        String shell = page.awaitText("Loading reviews…");
        assertTrue(shell.contains("<title>Lamp"), shell);
        reviews.complete(List.of("Bright and warm"));
        assertTrue(page.body().contains("<li>Bright and warm</li>"));

        assertEquals(404, StreamingResponse.get(vertx, client, server.actualPort(), "/products/unicorn").status());
    }

    @Test
    void theTesterServesAPageWithoutASocket() {
        CompletableFuture<Product> product = new CompletableFuture<>();
        CompletableFuture<List<String>> reviews = new CompletableFuture<>();
        Product lamp = new Product("Lamp", defer(reviews));
        String review = "Bright and warm";
        ArborHost host = ArborHost.builder(Renderer.builder().scheduler((delay, task) -> () -> { }).build())
                .head(Head.of("Shop")).build();
        Page<Product> productPage = Page.of(req -> product,
                (req, p) -> article(h1(p.name()), await(p.reviews(), p("Loading reviews…"),
                        list -> ul(each(list, r -> li(r))))))
            .head(p -> Head.of(p.name() + " · Shop"));

        // README:tester
        PageTester tester = PageTester.of(host);                    // your ArborHost, with a test's renderer
        PageTester.Response response = tester.request(productPage, "/products/lamp?tab=reviews")
                .route("/products/:id")                             // path parameters from the mounted path
                .header("User-Agent", "Mozilla/5.0")
                .send();                                            // the loaders start now
        product.complete(lamp);                                     // ... the shell is decided
        assertEquals(200, response.status());
        assertEquals("no-store", response.header("Cache-Control"));
        assertEquals("Lamp · Shop", response.replay().shell().title());
        reviews.complete(List.of(review));                          // ... a deferred part streams
        assertTrue(response.isEnded());
        assertEquals(2, response.chunks().size());
        // END
    }

    record User(String name) {
    }

    @Test
    void theStreamedQueriesExampleSendsTheQueryWithoutABoundary() {
        CompletableFuture<User> ada = new CompletableFuture<>();
        QueryDefinition<Long, User> user = QueryDefinition.of("user", Long.class, userId -> ada);
        long id = 7;
        java.util.function.Supplier<j2html.tags.DomContent> skeleton = () -> p("…");
        java.util.function.Function<User, j2html.tags.DomContent> profileView = u -> h2(u.name());

        // README:streamed
        Page<Void> account = Page.of(req -> {
            req.streamQueries();                                           // this page's queries stream by themselves
            QueryClient client = req.queryClient();
            return suspense(skeleton.get(), async(client.fetchQuery(user.options(id)), u -> profileView.apply(u)));
        });
        // END

        ArborHost host = ArborHost.builder(Renderer.builder().scheduler((delay, task) -> () -> { }).build()).build();
        PageTester.Response response = PageTester.of(host).get(account, "/account");
        ada.complete(new User("Ada"));
        assertEquals("Ada", response.replay().queryCache().get(QueryKey.of("user", 7).hash()).get("data").get("name").asText());
        assertEquals("Ada", response.replay().document().select("h2").text());
    }

    @Test
    void readmeShowsTheExampleVerbatim() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        String readme = Files.readString(module.getParent().resolve("README.md"));
        String source = Files.readString(module.resolve("src/test/java/dev/arbor/vertx/ReadmeHostExampleTest.java"));
        Matcher m = Pattern.compile("(?ms)^[ \\t]*// README:\\w+[ \\t]*\\n(.*?)^[ \\t]*// END[ \\t]*$").matcher(source);
        int found = 0;
        while (m.find()) {
            String block = m.group(1).stripTrailing().stripIndent().strip();
            assertTrue(readme.contains(block), "README.md lacks the example:\n" + block);
            found++;
        }
        assertEquals(4, found);
    }
}
