package dev.arbor.demo.pages;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.await;
import static dev.arbor.Arbor.defer;
import static dev.arbor.Arbor.errorBoundary;
import static dev.arbor.Arbor.island;
import static j2html.TagCreator.button;
import static j2html.TagCreator.a;
import static j2html.TagCreator.article;
import static j2html.TagCreator.aside;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.p;
import static j2html.TagCreator.script;
import static j2html.TagCreator.span;
import static j2html.TagCreator.ul;

import dev.arbor.Deferred;
import dev.arbor.demo.Sources;
import dev.arbor.demo.Store;
import dev.arbor.demo.Store.Category;
import dev.arbor.demo.Store.Product;
import dev.arbor.demo.DemoApp;
import dev.arbor.demo.Store.Review;
import dev.arbor.demo.Store.ReviewBook;
import dev.arbor.demo.Ui;
import dev.arbor.query.QueryDefinition;
import dev.arbor.query.QueryKey;
import dev.arbor.vertx.Action;
import dev.arbor.vertx.ActionResult;
import dev.arbor.vertx.FormData;
import dev.arbor.vertx.Forms;
import dev.arbor.vertx.Halt;
import dev.arbor.vertx.Head;
import dev.arbor.vertx.Layout;
import dev.arbor.vertx.Page;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /products/:id}: nested routes. The shop layout loads the categories while the page loads
 * the product, in parallel; the title and description come from the product; an unknown id
 * answers 404 before the shell. A form posts a review to the same address ({@link #addReview}):
 * 303 back to the product, or 422 with the form filled in and its errors; the review count is an
 * island that reads the {@code ["reviews", id]} query from the browser's cache.
 */
public final class ProductPages {
    private ProductPages() {
    }

    /** The product now, its reviews later. */
    public record ProductData(Product product, Deferred<List<Review>> reviews) {
    }

    /**
     * @param reviews the reviews customers posted
     * @return the query of how many reviews customers posted, {@code ["reviews-posted"]}: the shop
     *     layout's island reads it, and posting a review invalidates it
     */
    public static QueryDefinition<Void, Integer> postedQuery(ReviewBook reviews) {
        return QueryDefinition.of("reviews-posted", () -> CompletableFuture.completedFuture(reviews.postedCount()));
    }

    /**
     * @param sources where the data comes from
     * @param reviews the reviews customers posted, counted in the sidebar
     * @return the shop's layout, inside the site's frame
     */
    public static Layout<List<Category>> shop(Sources sources, ReviewBook reviews) {
        QueryDefinition<Void, Integer> posted = postedQuery(reviews);
        return Layout.<List<Category>>of(
                        request -> {
                            request.streamQueries(); // the count reaches the browser's cache when it settles
                            return sources.load("categories", Duration.ofMillis(80), Store::categories);
                        },
                        (request, categories, outlet) -> div(
                                aside(h2("Categories"), nav(each(categories, c -> div(span(c.name()),
                                                span(String.valueOf(c.productCount())).withClass("count"))
                                                .withClass("category").attr("data-slug", c.slug()))),
                                        h2("Products"), nav(each(Store.products(), p -> a(p.name())
                                                .withHref("/products/" + p.id())
                                                .condAttr(request.path().equals("/products/" + p.id()), "aria-current", "page")))
                                                .attr("data-arbor-nav", ""),
                                        // kept by navigations between products: a review posted on any
                                        // page reaches it through the host's query registry
                                        async(request.queryClient().fetchQuery(posted.options()), n -> island(
                                                "posted-count", Map.of("key", posted.key().toJson()),
                                                p(span(n + " posted by customers").withClass("posted-count"))
                                                        .withClass("muted")))).withClass("sidebar"),
                                div(outlet).withClass("content")).withClass("shop"))
                .head(Head.of("Shop · Trailhead"))
                .key("shop")          // the same for every product: navigations between products keep it
                .in(Ui.SITE);
    }

    /**
     * @param sources where the data comes from
     * @return the product page with the catalog's reviews only, inside the shop's layout
     */
    public static Page<ProductData> product(Sources sources) {
        return product(sources, new ReviewBook());
    }

    /**
     * @param reviews the reviews customers posted
     * @return the query of a product's reviews, {@code ["reviews", id]}, read by the count island
     */
    public static QueryDefinition<String, List<Review>> reviewsQuery(ReviewBook reviews) {
        return QueryDefinition.of("reviews", String.class,
                id -> CompletableFuture.completedFuture(reviews.reviewsOf(id)));
    }

    /**
     * @param sources where the data comes from
     * @param reviews the reviews customers posted
     * @return the product page, inside the shop's layout
     */
    public static Page<ProductData> product(Sources sources, ReviewBook reviews) {
        QueryDefinition<String, List<Review>> reviewsQuery = reviewsQuery(reviews);
        return Page.<ProductData>of(request -> {
            String id = request.pathParam("id");
            request.streamQueries(); // the count's query reaches the browser's cache when it settles
            // Both start now; the reviews stream later, the product decides the status and the head.
            CompletableFuture<List<Review>> list = sources.load("product-reviews",
                    Duration.ofMillis(Math.max(0, request.queryParam("slow", 1000))), () -> reviews.reviewsOf(id));
            return sources.load("product", Duration.ofMillis(120), () -> Store.product(id).orElseThrow(Halt::notFound))
                    .whenComplete((p, error) -> {
                        if (error != null) {
                            list.cancel(false);
                        }
                    })
                    .thenApply(p -> new ProductData(p, defer(list)));
        }, (request, data) -> article(
                div(h1(data.product().name()), span(Store.money(data.product().priceCents())).withClass("price"))
                        .withClass("product-head"),
                // a div, not a p: the island is a div, which would close a p early and leave it behind
                div(span(data.product().category()).withClass("badge shipped"),
                        span(String.format(Locale.ROOT, " %.1f ★ · ", data.product().rating())).withClass("muted"),
                        async(request.queryClient().fetchQuery(reviewsQuery.options(data.product().id())),
                                list -> island("review-count",
                                        Map.of("key", reviewsQuery.key(data.product().id()).toJson()),
                                        span(list.size() + " reviews").withClass("muted review-count"))))
                        .withClass("product-meta"),
                p(data.product().summary()).withClass("lead"),
                Ui.card("Reviews", errorBoundary(error -> Ui.errorPanel("the reviews", error),
                        await(data.reviews(), ul(Ui.skeletonItems(2)).withClass("reviews"),
                                list -> ul(each(list, StreamingPage::review)).withClass("reviews")
                                        .withId("product-reviews")))).withId("reviews"),
                Ui.card("Write a review", Forms.form(request, "/products/" + data.product().id(),
                        Forms.input(request, "author", "Your name"),
                        Forms.select(request, "stars", "Stars", STARS),
                        Forms.textarea(request, "text", "Your review"),
                        button("Post review").withType("submit").withClass("button"))
                        .withClass("review-form").withId("review-form")
                        // reviews.js adds the review to this query at once, before the server answers
                        .attr("data-optimistic-key", reviewsQuery.key(data.product().id()).hash())),
                script().withSrc(DemoApp.ASSETS.url("reviews.js")).attr("nonce", request.nonce()))
                .withClass("card product").withId("product"))
                .head(data -> Head.of(data.product().name() + " · Trailhead")
                        .withMeta("description", data.product().summary())
                        .withProperty("og:title", data.product().name()))
                .in(shop(sources, reviews));
    }

    private static final Map<String, String> STARS = stars();

    private static Map<String, String> stars() {
        Map<String, String> stars = new LinkedHashMap<>();
        for (int n = 5; n >= 1; n--) {
            stars.put(String.valueOf(n), "★".repeat(n) + " (" + n + ")");
        }
        return stars;
    }

    /**
     * Adds a review: a name of 1 to 40 characters, 1 to 5 stars, a text of 3 to 500 characters.
     * Answers 303 back to the product's reviews, or 422 with the values and errors (to the client
 * runtime, in the same response: the product page again, which reads the invalidated query); an unknown
     * product is a 404. Names the product's reviews query as stale.
     *
     * @param reviews where reviews go
     * @return the action
     */
    public static Action addReview(ReviewBook reviews) {
        return Action.of(request -> {
            String id = request.pathParam("id");
            Product product = Store.product(id).orElseThrow(Halt::notFound);
            FormData form = request.form();
            String author = form.get("author", "").strip();
            String text = form.get("text", "").strip();
            String stars = form.get("stars", "");
            Map<String, String> errors = new LinkedHashMap<>();
            if (author.isEmpty() || author.length() > 40) {
                errors.put("author", "Enter your name (up to 40 characters).");
            }
            if (!STARS.containsKey(stars)) {
                errors.put("stars", "Choose from 1 to 5 stars.");
            }
            if (text.length() < 3 || text.length() > 500) {
                errors.put("text", "Write your review in 3 to 500 characters.");
            }
            if (!errors.isEmpty()) {
                return ActionResult.invalid(form, errors);
            }
            reviews.add(id, new Review(author, Integer.parseInt(stars), product.name(), text));
            return ActionResult.redirect("/products/" + id + "#reviews")
                    .invalidate(QueryKey.of("reviews", id), QueryKey.of("reviews-posted"));
        });
    }
}
