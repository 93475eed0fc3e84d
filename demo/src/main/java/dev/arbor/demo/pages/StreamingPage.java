package dev.arbor.demo.pages;

import static dev.arbor.Arbor.await;
import static dev.arbor.Arbor.defer;
import static dev.arbor.Arbor.errorBoundary;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.li;
import static j2html.TagCreator.p;
import static j2html.TagCreator.span;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import dev.arbor.Deferred;
import dev.arbor.demo.Sources;
import dev.arbor.demo.Store;
import dev.arbor.demo.Store.Kpis;
import dev.arbor.demo.Store.Order;
import dev.arbor.demo.Store.Review;
import dev.arbor.demo.Ui;
import dev.arbor.vertx.Head;
import dev.arbor.vertx.Page;
import j2html.tags.DomContent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /streaming}: quick data in the shell, two deferred sections whose sources take
 * {@code slow} and {@code slower} milliseconds (query parameters), streamed in completion order.
 */
public final class StreamingPage {
    private StreamingPage() {
    }

    /** The loader's data: figures now, orders and reviews later. */
    public record Dashboard(Kpis kpis, Deferred<List<Order>> orders, Deferred<List<Review>> reviews) {
    }

    /**
     * @param sources where the data comes from
     * @return the page
     */
    public static Page<Dashboard> page(Sources sources) {
        return Page.<Dashboard>of(request -> {
            Duration slow = Duration.ofMillis(Math.max(0, request.queryParam("slow", 1200)));
            Duration slower = Duration.ofMillis(Math.max(0, request.queryParam("slower", 2600)));
            return CompletableFuture.completedFuture(new Dashboard(Store.kpis(),
                    defer(sources.load("orders", slow, Store::recentOrders)), // no page script reads them:
                    defer(sources.load("reviews", slower, Store::reviews)))); // they stay on the server
        }, (request, data) -> div(
                Ui.pageHeader("Today at " + Store.STORE_NAME,
                        "Figures are in the shell. Orders and reviews stream in when their sources answer."),
                div(kpi("Revenue", Store.money(data.kpis().revenueCents())),
                        kpi("Orders", String.valueOf(data.kpis().orders())),
                        kpi("Visitors", String.format(Locale.ROOT, "%,d", data.kpis().visitors())),
                        kpi("Conversion", data.kpis().conversion() + " %"))
                        .withClass("kpis").withId("kpis"),
                div(Ui.card("Recent orders", errorBoundary(error -> Ui.errorPanel("the orders", error),
                                Ui.scrolling(table(thead(tr(th("Order"), th("Customer"), th("Product"), th("Total"),
                                                th("Status"))),
                                        tbody(await(data.orders(), Ui.skeletonRows(5, 5),
                                                orders -> each(orders, StreamingPage::orderRow))))
                                        .withClass("table").withId("orders")))),
                        Ui.card("Latest reviews", errorBoundary(error -> Ui.errorPanel("the reviews", error),
                                ul(await(data.reviews(), Ui.skeletonItems(3),
                                        reviews -> each(reviews, StreamingPage::review)))
                                        .withClass("reviews").withId("reviews"))))
                        .withClass("grid two")))
                .head(data -> Head.of("Dashboard · Trailhead")
                        .withMeta("description", "Today's orders and reviews at " + Store.STORE_NAME + "."))
                .in(Ui.SITE);
    }

    private static DomContent kpi(String label, String value) {
        return div(span(label).withClass("kpi-label"), span(value).withClass("kpi-value")).withClass("kpi");
    }

    static DomContent orderRow(Order order) {
        return tr(td(order.id()).withClass("mono"), td(order.customer()), td(order.product()),
                td(Store.money(order.totalCents())).withClass("num"),
                td(span(order.status()).withClass("badge " + order.status().toLowerCase(Locale.ROOT))))
                .withClass("order");
    }

    static DomContent review(Review review) {
        return li(div(review.author().substring(0, 1)).withClass("avatar"),
                div(p(span(review.author()).withClass("strong"), span(Ui.stars(review.stars())).withClass("stars")),
                        p(review.text()), p(review.product()).withClass("muted")).withClass("grow"))
                .withClass("review");
    }
}
