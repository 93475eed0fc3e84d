package dev.arbor.demo.pages;

import static dev.arbor.Arbor.await;
import static dev.arbor.Arbor.defer;
import static dev.arbor.Arbor.errorBoundary;
import static j2html.TagCreator.a;
import static j2html.TagCreator.article;
import static j2html.TagCreator.aside;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.p;
import static j2html.TagCreator.span;
import static j2html.TagCreator.ul;

import dev.arbor.Deferred;
import dev.arbor.demo.Sources;
import dev.arbor.demo.Store;
import dev.arbor.demo.Store.Category;
import dev.arbor.demo.Store.Product;
import dev.arbor.demo.Store.Review;
import dev.arbor.demo.Ui;
import dev.arbor.vertx.Halt;
import dev.arbor.vertx.Head;
import dev.arbor.vertx.Layout;
import dev.arbor.vertx.Page;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /products/:id}: nested routes. The shop layout loads the categories while the page loads
 * the product, in parallel; the title and description come from the product; an unknown id
 * answers 404 before the shell.
 */
public final class ProductPages {
    private ProductPages() {
    }

    /** The product now, its reviews later. */
    public record ProductData(Product product, Deferred<List<Review>> reviews) {
    }

    /**
     * @param sources where the data comes from
     * @return the shop's layout, inside the site's frame
     */
    public static Layout<List<Category>> shop(Sources sources) {
        return Layout.<List<Category>>of(
                        request -> sources.load("categories", Duration.ofMillis(80), Store::categories),
                        (request, categories, outlet) -> div(
                                aside(h2("Categories"), nav(each(categories, c -> div(span(c.name()),
                                                span(String.valueOf(c.productCount())).withClass("count"))
                                                .withClass("category").attr("data-slug", c.slug()))),
                                        h2("Products"), nav(each(Store.products(), p -> a(p.name())
                                                .withHref("/products/" + p.id())
                                                .condAttr(request.path().equals("/products/" + p.id()), "aria-current", "page")))
                                                .attr("data-arbor-nav", "")).withClass("sidebar"),
                                div(outlet).withClass("content")).withClass("shop"))
                .head(Head.of("Shop · Trailhead"))
                .key("shop")          // the same for every product: navigations between products keep it
                .in(Ui.SITE);
    }

    /**
     * @param sources where the data comes from
     * @return the product page, inside the shop's layout
     */
    public static Page<ProductData> product(Sources sources) {
        return Page.<ProductData>of(request -> {
            String id = request.pathParam("id");
            // Both start now; the reviews stream later, the product decides the status and the head.
            CompletableFuture<List<Review>> reviews = sources.load("product-reviews",
                    Duration.ofMillis(Math.max(0, request.queryParam("slow", 1000))), () -> Store.reviewsOf(id));
            return sources.load("product", Duration.ofMillis(120), () -> Store.product(id).orElseThrow(Halt::notFound))
                    .whenComplete((p, error) -> {
                        if (error != null) {
                            reviews.cancel(false);
                        }
                    })
                    .thenApply(p -> new ProductData(p, defer(reviews)));
        }, (request, data) -> article(
                div(h1(data.product().name()), span(Store.money(data.product().priceCents())).withClass("price"))
                        .withClass("product-head"),
                p(span(data.product().category()).withClass("badge shipped"),
                        span(String.format(Locale.ROOT, " %.1f ★ · %d reviews", data.product().rating(),
                                data.product().reviewCount())).withClass("muted")),
                p(data.product().summary()).withClass("lead"),
                Ui.card("Reviews", errorBoundary(error -> Ui.errorPanel("the reviews", error),
                        await(data.reviews(), ul(Ui.skeletonItems(2)).withClass("reviews"),
                                reviews -> ul(each(reviews, StreamingPage::review)).withClass("reviews")
                                        .withId("product-reviews")))))
                .withClass("card product").withId("product"))
                .head(data -> Head.of(data.product().name() + " · Trailhead")
                        .withMeta("description", data.product().summary())
                        .withProperty("og:title", data.product().name()))
                .in(shop(sources));
    }
}
