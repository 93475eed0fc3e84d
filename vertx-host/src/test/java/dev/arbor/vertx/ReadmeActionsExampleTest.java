package dev.arbor.vertx;

import static j2html.TagCreator.article;
import static j2html.TagCreator.button;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.li;
import static j2html.TagCreator.ul;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.Renderer;
import dev.arbor.query.QueryKey;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The READMEs' action and CSRF examples, compiled and served; fails when a README drifts from them. */
@ExtendWith(VertxExtension.class)
class ReadmeActionsExampleTest {
    record Product(String id, String name, List<String> reviews) {
    }

    /** A catalog in memory, safe for every event loop. */
    static final class Catalog {
        final List<String> reviews = new CopyOnWriteArrayList<>();

        CompletionStage<Product> find(String id) {
            return CompletableFuture.completedFuture(new Product(id, "Lamp", List.copyOf(reviews)));
        }

        CompletionStage<Void> addReview(String id, String review) {
            reviews.add(review);
            return CompletableFuture.completedFuture(null);
        }
    }

    static Router shop(Vertx vertx, ArborHost host, Catalog catalog) {
        Router router = Router.router(vertx);
        // README:actions
        Page<Product> productPage = Page.of(
                req -> catalog.find(req.pathParam("id")),
                (req, p) -> article(h1(p.name()),
                        ul(each(p.reviews(), r -> li(r))),
                        Forms.form(req, "/products/" + p.id(),                 // the CSRF token, the error summary
                                Forms.input(req, "author", "Your name"),        // filled in again on a 422
                                Forms.textarea(req, "text", "Your review"),
                                button("Post review").withType("submit"))));
        Action addReview = req -> {
            FormData form = req.form();                                         // parsed by the host, CSRF checked
            Map<String, String> errors = new LinkedHashMap<>();
            if (form.get("author", "").isBlank()) {
                errors.put("author", "Enter your name.");
            }
            if (form.get("text", "").length() < 3) {
                errors.put("text", "Write at least 3 characters.");
            }
            if (!errors.isEmpty()) {
                return CompletableFuture.completedFuture(ActionResult.invalid(form, errors)); // 422: the page again
            }
            String id = req.pathParam("id");
            return catalog.addReview(id, form.get("author") + ": " + form.get("text"))
                    .thenApply(saved -> ActionResult.redirect("/products/" + id)             // 303, then a GET
                            .invalidate(QueryKey.of("reviews", id)));
        };
        host.mount(router, "/products/:id", productPage, addReview);            // GET: the page; POST: the action
        // END
        return router;
    }

    static ArborHost host(Renderer renderer, byte[] secretFromConfig) {
        // README:csrf
        ArborHost host = ArborHost.builder(renderer)
                .csrfSecret(secretFromConfig)                    // 32+ bytes, the same on every instance
                .trustedOrigins("https://www.example.com")       // other origins whose pages may post here
                .maxFormSize(256 * 1024)                         // bigger forms answer 413
                .build();
        // END
        return host;
    }

    @Test
    void theExampleAnswers422ThenPostsTheReview(Vertx vertx) throws Exception {
        Catalog catalog = new Catalog();
        Renderer renderer = Renderer.builder().scheduler(ArborHost.scheduler(vertx)).build();
        ArborHost host = host(renderer, "a secret of thirty-two bytes, at least".getBytes(StandardCharsets.UTF_8));
        HttpServer server = vertx.createHttpServer().requestHandler(shop(vertx, host, catalog)).listen(0)
                .toCompletionStage().toCompletableFuture().join();
        try {
            int port = server.actualPort();
            ActionTest.Token token = ActionTest.token(port, "/products/lamp");

            String invalid = ActionTest.raw(port, ActionTest.post("/products/lamp", token.cookie(),
                    "application/x-www-form-urlencoded", ActionTest.form("_csrf", token.field(), "author", "Ada", "text", "x")));
            assertTrue(invalid.startsWith("HTTP/1.1 422 "), invalid);
            assertTrue(invalid.contains("Write at least 3 characters."), invalid);
            assertTrue(invalid.contains("value=\"Ada\""), invalid);

            String posted = ActionTest.raw(port, ActionTest.post("/products/lamp", token.cookie(),
                    "application/x-www-form-urlencoded", ActionTest.form("_csrf", token.field(), "author", "Ada", "text", "Bright")));
            assertTrue(posted.startsWith("HTTP/1.1 303 "), posted);
            assertEquals(List.of("Ada: Bright"), catalog.reviews);
            String page = ActionTest.raw(port, "GET /products/lamp HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(page.contains("<li>Ada: Bright</li>"), page);
        } finally {
            server.close();
        }
    }

    @Test
    void theReadmesShowTheExamplesVerbatim() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        String readme = Files.readString(module.getParent().resolve("README.md"));
        String hostReadme = Files.readString(module.resolve("README.md"));
        String source = Files.readString(module.resolve("src/test/java/dev/arbor/vertx/ReadmeActionsExampleTest.java"));
        Matcher m = Pattern.compile("(?ms)^[ \\t]*// README:(\\w+)[ \\t]*\\n(.*?)^[ \\t]*// END[ \\t]*$").matcher(source);
        int found = 0;
        while (m.find()) {
            String block = m.group(2).stripTrailing().stripIndent().strip();
            String where = m.group(1).equals("actions") ? readme : hostReadme;
            assertTrue(where.contains(block), (where == readme ? "README.md" : "vertx-host/README.md")
                    + " lacks the example:\n" + block);
            found++;
        }
        assertEquals(2, found);
    }
}
