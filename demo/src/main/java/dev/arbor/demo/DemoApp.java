package dev.arbor.demo;

import static j2html.TagCreator.a;
import static j2html.TagCreator.div;
import static j2html.TagCreator.p;

import dev.arbor.Renderer;
import dev.arbor.demo.pages.ClientDataPage;
import dev.arbor.demo.pages.ErrorsPage;
import dev.arbor.demo.pages.IndexPage;
import dev.arbor.demo.pages.NestedPage;
import dev.arbor.demo.pages.PostsPage;
import dev.arbor.demo.pages.ProductPages;
import dev.arbor.demo.pages.ShellPage;
import dev.arbor.demo.pages.SimplePages;
import dev.arbor.demo.pages.StreamingPage;
import dev.arbor.query.QueryRegistry;
import dev.arbor.vertx.ArborHost;
import dev.arbor.vertx.Assets;
import dev.arbor.vertx.Head;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The demo's host and routes, shared by {@link DemoMain} and the tests. */
public final class DemoApp {
    /** The site's CSS, icon and scripts (src/main/resources/webroot), under content-hashed URLs. */
    public static final Assets ASSETS = Assets.classpath("webroot");

    private DemoApp() {
    }

    /**
     * @param renderer the renderer (production or development mode)
     * @return the host: the site's head, its not-found and error pages
     */
    public static ArborHost host(Renderer renderer) {
        return host(renderer, null);
    }

    /**
     * @param renderer the renderer (production or development mode)
     * @param queries the queries the host runs again when an action invalidates them (single
     *     flight), from {@link #queries}; or {@code null}
     * @return the host: the site's head, its not-found and error pages
     */
    public static ArborHost host(Renderer renderer, QueryRegistry queries) {
        ArborHost.Builder builder = ArborHost.builder(renderer);
        if (queries != null) {
            builder.queries(queries);
        }
        // Every instance behind a load balancer signs forms with the same key, from the environment.
        String secret = System.getenv("ARBOR_CSRF_SECRET");
        if (secret != null && !secret.isBlank()) {
            builder.csrfSecret(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return builder
                .head(Head.of("Trailhead")
                        .withMeta("theme-color", "#0f766e")
                        .withStylesheet(ASSETS.url("app.css"))          // /assets/app.<hash>.css, cached for a year
                        .withLink("icon", ASSETS.url("favicon.svg")))
                .notFoundPage(SimplePages.notFound())
                .errorPage((request, error) -> Ui.frame(div(
                        Ui.pageHeader("Something went wrong", "This page could not be rendered."),
                        p(error.message().contains(error.digest()) ? "The error was logged on the server."
                                : error.message()).withClass("error-detail"),
                        p("Reference " + error.digest()).withClass("error-digest").withId("digest"),
                        p(a("Back to the examples").withHref("/").withClass("button")))))
                .build();
    }

    /**
     * @param vertx the Vert.x instance
     * @param host the host
     * @param sources where the pages' data comes from
     * @param queries the forum's queries, from {@link ForumQueries#of(Sources)}
     * @param metrics the registry behind {@code /metrics}, which the renderer records into
     * @return the router of one server instance
     */
    public static Router router(Vertx vertx, ArborHost host, Sources sources, ForumQueries queries,
            PrometheusMeterRegistry metrics) {
        return router(vertx, host, sources, queries, new Store.ReviewBook(), metrics);
    }

    /**
     * @param forum the forum's queries
     * @param reviews the reviews customers post
     * @return every query the browser may ask for by key: the refetch endpoint's, and the host's
     *     for the queries an action invalidates
     */
    public static QueryRegistry queries(ForumQueries forum, Store.ReviewBook reviews) {
        return forum.registry().register(ProductPages.reviewsQuery(reviews)).register(ProductPages.postedQuery(reviews));
    }

    /**
     * @param vertx the Vert.x instance
     * @param host the host
     * @param sources where the pages' data comes from
     * @param queries the forum's queries, from {@link ForumQueries#of(Sources)}
     * @param reviews the reviews customers post, shared by every server instance
     * @param metrics the registry behind {@code /metrics}, which the renderer records into
     * @return the router of one server instance
     */
    public static Router router(Vertx vertx, ArborHost host, Sources sources, ForumQueries queries,
            Store.ReviewBook reviews, PrometheusMeterRegistry metrics) {
        Router router = Router.router(vertx);
        // Prometheus scrapes Arbor's meters (time to shell, open streams, boundaries, errors) here.
        router.get("/metrics").handler(context -> context.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(metrics.scrape()));
        ASSETS.mount(router);
        router.route(ArborHost.QUERY_ENDPOINT).handler(host.queryEndpoint(queries(queries, reviews)));
        host.mount(router, "/", IndexPage.page());
        host.mount(router, "/streaming", StreamingPage.page(sources));
        host.mount(router, "/nested", NestedPage.page(sources));
        host.mount(router, "/errors", ErrorsPage.page(sources));
        host.mount(router, "/shell", ShellPage.page(sources));
        host.mount(router, "/client-data", ClientDataPage.page(sources));
        host.mount(router, "/posts", PostsPage.page(sources, queries));
        // GET shows the product; POST adds a review (303 back, or 422 with the form's errors)
        host.mount(router, "/products/:id", ProductPages.product(sources, reviews), ProductPages.addReview(reviews));
        host.mount(router, "/old-dashboard", SimplePages.oldDashboard());
        host.mount(router, "/broken", SimplePages.broken());
        router.route().handler(host.notFoundHandler());
        return router;
    }
}
