package dev.arbor.demo.pages;

import static dev.arbor.Arbor.await;
import static dev.arbor.Arbor.defer;
import static dev.arbor.Arbor.errorBoundary;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.p;
import static j2html.TagCreator.span;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import dev.arbor.Deferred;
import dev.arbor.demo.Sources;
import dev.arbor.demo.Store;
import dev.arbor.demo.Store.Review;
import dev.arbor.demo.Store.ShippingRate;
import dev.arbor.demo.Store.Stock;
import dev.arbor.demo.Ui;
import dev.arbor.vertx.Head;
import dev.arbor.vertx.Page;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /errors}: the inventory source fails; its error boundary shows an error panel (a digest
 * only, in production) while shipping and reviews complete around it.
 */
public final class ErrorsPage {
    private ErrorsPage() {
    }

    /** Three deferred sections, one of which fails. */
    public record Data(Deferred<List<ShippingRate>> shipping, Deferred<List<Stock>> inventory,
            Deferred<List<Review>> reviews) {
    }

    /**
     * @param sources where the data comes from
     * @return the page
     */
    public static Page<Data> page(Sources sources) {
        return Page.<Data>of(request -> {
            Duration slow = Duration.ofMillis(Math.max(0, request.queryParam("slow", 800)));
            Duration slower = Duration.ofMillis(Math.max(0, request.queryParam("slower", 1600)));
            return CompletableFuture.completedFuture(new Data(
                    defer(sources.load("shipping", slow, Store::shippingRates)),
                    defer(sources.load("inventory", slow, () -> {
                        throw new IllegalStateException("Inventory service answered 503 (connection pool exhausted)");
                    })),
                    defer(sources.load("ratings", slower, Store::reviews))));
        }, (request, data) -> div(
                Ui.pageHeader("Error boundaries",
                        "The inventory service is down. Its section says so; everything else still arrives."),
                div(Ui.card("Shipping options", errorBoundary(error -> Ui.errorPanel("the shipping options", error),
                                await(data.shipping(), Ui.skeletonLines(3), rates -> Ui.scrolling(table(tbody(each(rates,
                                        r -> tr(td(r.carrier()), td(r.days()).withClass("muted"),
                                                td(r.priceCents() == 0 ? "Free" : Store.money(r.priceCents()))
                                                        .withClass("num")))))
                                        .withClass("table").withId("shipping"))))),
                        Ui.card("Inventory", div(errorBoundary(error -> Ui.errorPanel("the inventory", error),
                                await(data.inventory(), Ui.skeletonLines(3), stock -> ul(each(stock,
                                        s -> p(s.warehouse() + ": " + s.units())))))).withId("inventory")),
                        Ui.card("Ratings", errorBoundary(error -> Ui.errorPanel("the ratings", error),
                                await(data.reviews(), ul(Ui.skeletonItems(2)).withClass("reviews"),
                                        reviews -> ul(each(reviews, StreamingPage::review))
                                                .withClass("reviews").withId("ratings")))))
                        .withClass("grid three"),
                p(span("This line was in the shell, and the page completed despite the failure."))
                        .withClass("muted").withId("rest")))
                .head(Head.of("Error boundaries · Trailhead"))
                .in(Ui.SITE);
    }
}
