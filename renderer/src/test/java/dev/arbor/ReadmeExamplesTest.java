package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.query.DehydrateOptions;
import dev.arbor.query.Dehydration;
import dev.arbor.query.QueryClient;
import dev.arbor.query.QueryKey;
import dev.arbor.query.QueryDefinition;
import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The README's examples, compiled and run. Every block between {@code // README:name} and
 * {@code // END} must appear verbatim in README.md; {@link #readmeShowsTheseExamplesVerbatim()}
 * fails when the two drift apart.
 */
class ReadmeExamplesTest {
    record Product(String name, int price) {
    }

    record Review(String author, String text) {
    }

    interface Shop {
        CompletionStage<Product> product(String id);

        CompletionStage<List<Review>> reviews(String id);

        CompletionStage<Integer> stock(String id);
    }

    // README:page
    static DomContent productPage(Product product, Deferred<List<Review>> reviews, CompletionStage<Integer> stock) {
        return html(
            head(title(product.name()), clientRuntime()),
            body(
                h1(product.name()),                                   // in the shell at once
                p(product.price() + " €"),
                errorBoundary(error -> p("Stock unavailable (" + error.digest() + ")"),
                    suspense(p("Checking stock…").withClass("skeleton"),
                        async(stock, n -> p(n + " left")))),        // streams when it resolves
                errorBoundary(error -> p("Reviews failed to load"),
                    await(reviews, div().withClass("skeleton"),      // a boundary of its own
                        list -> ul(each(list, r -> li(b(r.author()), text(": " + r.text()))))))));
    }
    // END

    // README:loader
    static DomContent load(Shop shop, String id) {
        Deferred<List<Review>> reviews = defer("reviews", shop.reviews(id)); // started now, awaited later
        return async(shop.product(id), product -> productPage(product, reviews, shop.stock(id)));
    }
    // END

    @Test
    void theProductPageStreams() {
        CompletableFuture<Product> product = new CompletableFuture<>();
        CompletableFuture<List<Review>> reviews = new CompletableFuture<>();
        CompletableFuture<Integer> stock = new CompletableFuture<>();
        Shop shop = new Shop() {
            public CompletionStage<Product> product(String id) {
                return product;
            }

            public CompletionStage<List<Review>> reviews(String id) {
                return reviews;
            }

            public CompletionStage<Integer> stock(String id) {
                return stock;
            }
        };
        Renderer renderer = Renderer.create();

        // README:stream
        RecordingSink sink = new RecordingSink();            // any RenderSink; the Vert.x host brings its own
        RenderHandle handle = renderer.stream(load(shop, "lamp"), RenderOptions.defaults(), sink);
        // END
        assertTrue(sink.chunks().isEmpty(), "the product is outside every boundary: the shell waits");
        product.complete(new Product("Lamp", 30));
        assertEquals(1, sink.chunks().size());
        reviews.complete(List.of(new Review("Ada", "Bright <and> warm")));
        stock.complete(3);
        assertTrue(handle.done().toCompletableFuture().isDone());

        // README:test
        StreamReplay replay = StreamReplay.of(sink);
        assertEquals("Checking stock…", replay.shell().select(".skeleton").first().text());
        assertEquals("3 left", replay.document().select("p").last().text());
        assertEquals("Ada", replay.deferredValues().get("reviews").get(0).get("author").asText());
        String complete = renderer.renderToString(load(shop, "lamp")).toCompletableFuture().join();
        assertEquals(StreamReplay.normalized(complete), replay.normalizedDocument());
        // END
    }

    // README:query
    record PostsQueries(QueryDefinition<Void, List<String>> posts, QueryDefinition<Long, List<String>> comments) {
        static PostsQueries of(PostsApi api) {
            return new PostsQueries(
                QueryDefinition.of("posts", api::posts),                         // key ["posts"]
                QueryDefinition.of("comments", Long.class, api::comments));      // key ["comments", 1]
        }
    }

    static DomContent postsPage(QueryClient queryClient, PostsQueries queries) {
        queryClient.prefetchQuery(queries.comments().options(1L));                 // not awaited
        return async(queryClient.ensureQueryData(queries.posts().options()), list -> // List<String>, no cast
            hydrationBoundary(
                Dehydration.dehydrate(queryClient, DehydrateOptions.defaults().includePendingQueries(true)),
                island("post-list", queries.posts().key().toJson(), ul(each(list, t -> li(t))))));
    }
    // END

    interface PostsApi {
        CompletionStage<List<String>> posts();

        CompletionStage<List<String>> comments(long postId);
    }

    @Test
    void thePostsPageHydratesAndStreamsThePendingQuery() {
        CompletableFuture<List<String>> comments = new CompletableFuture<>();
        AtomicInteger postFetches = new AtomicInteger();
        PostsApi api = new PostsApi() {
            public CompletionStage<List<String>> posts() {
                postFetches.incrementAndGet();
                return CompletableFuture.completedFuture(List.of("Hello"));
            }

            public CompletionStage<List<String>> comments(long postId) {
                return comments;
            }
        };
        PostsQueries queries = PostsQueries.of(api);
        QueryClient queryClient = QueryClient.create();
        queryClient.prefetchQuery(queries.posts().options()); // a loader fetched the posts already
        RecordingSink sink = new RecordingSink();
        Renderer.create().stream(html(body(postsPage(queryClient, queries))), sink);
        comments.complete(List.of("first!"));
        StreamReplay replay = StreamReplay.of(sink);
        assertEquals("Hello", replay.queryCache().get(QueryKey.of("posts").hash()).get("data").get(0).asText());
        assertEquals("first!", replay.queryCache().get(QueryKey.of("comments", 1).hash()).get("data").get(0).asText());
        assertEquals(2, sink.chunks().size());
        assertEquals(1, postFetches.get(), "ensureQueryData takes the cached posts: fetchQuery would fetch again");
    }

    @Test
    void readmeShowsTheseExamplesVerbatim() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path readme = root.resolve("README.md");
        if (!Files.exists(readme)) {
            readme = root.getParent().resolve("README.md");
        }
        String readmeText = Files.readString(readme);
        String source = Files.readString(root.resolve("src/test/java/dev/arbor/ReadmeExamplesTest.java"));
        int found = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?ms)^[ \\t]*// README:\\w+[ \\t]*\\n(.*?)^[ \\t]*// END[ \\t]*$").matcher(source);
        while (m.find()) {
            String block = m.group(1).stripTrailing().stripIndent().strip();
            assertTrue(readmeText.contains(block), "README.md lacks the example:\n" + block);
            found++;
        }
        assertEquals(5, found);
    }
}
