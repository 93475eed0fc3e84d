package dev.arbor.demo.pages;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.await;
import static dev.arbor.Arbor.defer;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.li;
import static j2html.TagCreator.p;
import static j2html.TagCreator.span;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.ul;

import dev.arbor.Deferred;
import dev.arbor.demo.Sources;
import dev.arbor.demo.Store;
import dev.arbor.demo.Store.Order;
import dev.arbor.demo.Ui;
import dev.arbor.vertx.Head;
import dev.arbor.vertx.Page;
import j2html.tags.DomContent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /shell}: an async server component outside every boundary. It fetches its own data, and
 * the shell waits for it, as in React: its content is in the first bytes, with no fallback.
 */
public final class ShellPage {
    private ShellPage() {
    }

    /** The deferred activity feed below the banner. */
    public record Data(Deferred<List<Order>> activity) {
    }

    /**
     * @param sources where the data comes from
     * @return the page
     */
    public static Page<Data> page(Sources sources) {
        return Page.<Data>of(request -> CompletableFuture.completedFuture(new Data(defer(sources.load("activity",
                        Duration.ofMillis(Math.max(0, request.queryParam("slower", 1500))), Store::recentOrders)))),
                (request, data) -> div(
                        Ui.pageHeader("An async component in the shell",
                                "The banner is a server component that awaits its own data; the shell waits for it."),
                        announcement(sources, Duration.ofMillis(Math.max(0, request.queryParam("slow", 300)))),
                        Ui.card("Live activity", await(data.activity(), ul(Ui.skeletonItems(3)).withClass("reviews"),
                                orders -> ul(each(orders, o -> li(div(o.customer().substring(0, 1)).withClass("avatar"),
                                        div(p(span(o.customer()).withClass("strong"), span(" ordered "),
                                                span(o.product())), p(o.time()).withClass("muted")).withClass("grow"))
                                        .withClass("review"))).withClass("reviews").withId("activity")))))
                .head(Head.of("Async component in the shell · Trailhead"))
                .in(Ui.SITE);
    }

    /** A server component: it starts its own fetch and renders when the data is there. */
    static DomContent announcement(Sources sources, Duration latency) {
        return async(sources.load("announcement", latency, () -> "Free express shipping on orders over €150 this week."),
                text -> div(strong("Announcement "), span(text)).withClass("banner").withId("announcement"));
    }
}
