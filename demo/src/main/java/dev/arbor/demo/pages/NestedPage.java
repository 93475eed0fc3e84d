package dev.arbor.demo.pages;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.suspense;
import static j2html.TagCreator.a;
import static j2html.TagCreator.article;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.li;
import static j2html.TagCreator.p;
import static j2html.TagCreator.span;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import dev.arbor.demo.Sources;
import dev.arbor.demo.Store;
import dev.arbor.demo.Store.Product;
import dev.arbor.demo.Store.Stock;
import dev.arbor.demo.Ui;
import dev.arbor.vertx.Head;
import dev.arbor.vertx.Page;
import j2html.tags.DomContent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /nested}: a boundary inside a boundary. The product card streams in with its own two
 * pending sections inside, which stream in after it (or inline, if they were ready first). All
 * three sources start together in the loader.
 */
public final class NestedPage {
    private NestedPage() {
    }

    /** Three stages started at once; the view nests their boundaries. */
    public record Data(CompletableFuture<Product> product, CompletableFuture<List<Stock>> stock,
            CompletableFuture<List<Product>> related) {
    }

    /**
     * @param sources where the data comes from
     * @return the page
     */
    public static Page<Data> page(Sources sources) {
        return Page.<Data>of(request -> {
            Duration slow = Duration.ofMillis(Math.max(0, request.queryParam("slow", 900)));
            Duration slower = Duration.ofMillis(Math.max(0, request.queryParam("slower", 2200)));
            return CompletableFuture.completedFuture(new Data(
                    sources.load("product", slow, () -> Store.product("alpine-tent").orElseThrow()),
                    sources.load("stock", slower, Store::stock),
                    sources.load("related", slower.plus(slower.minus(slow).dividedBy(2)),
                            () -> Store.boughtWith("alpine-tent"))));
        }, (request, data) -> div(
                Ui.pageHeader("Nested boundaries",
                        "The product card waits for the product; inside it, stock and related products wait for theirs."),
                suspense(div(Ui.skeletonLines(4)).withClass("card").withId("product-skeleton"),
                        async(data.product(), product -> article(
                                div(h2(product.name()), span(Store.money(product.priceCents())).withClass("price"))
                                        .withClass("product-head"),
                                p(product.summary()),
                                div(Ui.card("Stock by warehouse",
                                                suspense(Ui.skeletonLines(3),
                                                        async(data.stock(), NestedPage::stockTable))),
                                        Ui.card("Often bought together",
                                                suspense(ul(Ui.skeletonItems(3)).withClass("related"),
                                                        async(data.related(), NestedPage::related))))
                                        .withClass("grid two"))
                                .withClass("card product").withId("product")))))
                .head(Head.of("Nested boundaries · Trailhead"))
                .in(Ui.SITE);
    }

    private static DomContent stockTable(List<Stock> stock) {
        return Ui.scrolling(table(tbody(each(stock, s -> tr(td(s.warehouse()), td(String.valueOf(s.units())).withClass("num"),
                td(span(s.eta()).withClass("badge " + (s.units() == 0 ? "refunded" : s.units() < 10 ? "paid" : "shipped")))))))
                .withClass("table").withId("stock"));
    }

    private static DomContent related(List<Product> products) {
        return ul(each(products, p -> li(a(p.name()).withHref("/products/" + p.id()),
                span(Store.money(p.priceCents())).withClass("muted"))))
                .withClass("related").withId("related");
    }
}
