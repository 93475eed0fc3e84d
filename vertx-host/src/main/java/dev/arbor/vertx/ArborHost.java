package dev.arbor.vertx;

import static j2html.TagCreator.div;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.p;

import dev.arbor.Deadlines;
import dev.arbor.Mode;
import dev.arbor.RenderError;
import dev.arbor.Renderer;
import dev.arbor.Scheduler;
import dev.arbor.query.DehydrateOptions;
import dev.arbor.query.QueryRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import j2html.tags.DomContent;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Serves Arbor pages with Vert.x Web. Configure one per application (it is immutable and holds
 * no per-request state, so every verticle instance may share it) and hand its handlers to a
 * {@link Router}:
 *
 * <pre>{@code
 * Renderer renderer = Renderer.builder().scheduler(ArborHost.scheduler(vertx)).build();
 * ArborHost host = ArborHost.builder(renderer).head(Head.empty().withStylesheet("/app.css")).build();
 *
 * Router router = Router.router(vertx);
 * host.mount(router, "/products/:id", productPage);
 * router.route().handler(host.notFoundHandler());
 * }</pre>
 *
 * <p>For each request the host:
 * <ol>
 *   <li>starts the loaders of the page and of all its layouts at once and waits for all of them;
 *       a {@link Halt} answers 404 or a redirect, any other failure a 500 error page (digest only
 *       in production; the full error goes to the renderer's {@link dev.arbor.ErrorReporter});</li>
 *   <li>decides the {@link Head} from their data and builds the document;</li>
 *   <li>streams it: a chunked response with one write per flush point of the renderer, sent on
 *       the request's event loop, with backpressure from {@code writeQueueFull}/{@code drainHandler},
 *       {@code Cache-Control: no-store} and {@code X-Accel-Buffering: no} so that proxies pass each
 *       chunk on. With compression on, each chunk is flushed through the compressor when written.
 *       A failure before the shell is still answered with a status (500, 404, redirect); after it,
 *       errors stay inside their boundaries;</li>
 *   <li>aborts the render when the client goes away (pending stages are cancelled; nothing is
 *       logged) and ends the stream cleanly when the page's deadline passes.</li>
 * </ol>
 *
 * <p><b>Complete documents.</b> Crawlers (user agents matching {@link #CRAWLERS}, configurable)
 * get the whole document in one piece, rendered with {@link Renderer#renderToString}: no
 * fallbacks, no swap instructions, and a {@code Content-Length}. Any client may ask for the same with the
 * request header {@code Arbor-Render: document} or the query parameter
 * {@code ?arbor-render=document}.
 *
 * <p><b>Browsers without JavaScript.</b> The head of every streamed page holds a
 * {@code <noscript>} refresh to the same URL with {@code arbor-render=document} added, so that a
 * browser with JavaScript off, which cannot show what streams after the shell, gets the complete
 * document instead ({@link Builder#noScriptRedirect(boolean)} turns it off).
 *
 * <p><b>CSP.</b> Every request gets a fresh nonce that Arbor puts on every inline script it writes
 * ({@link PageRequest#nonce()} gives it to page code); the response carries a matching
 * {@code Content-Security-Policy} header unless {@link Builder#contentSecurityPolicy(String)} is
 * given {@code null}.
 *
 * <p><b>Client navigation.</b> Streamed pages load the navigation script (with the nonce, from the
 * content-hashed URL {@link #installClientNavigation(Router)} serves), which turns same-origin link
 * clicks into navigation requests: the same URL with an {@code Arbor-Navigate} header naming the
 * {@linkplain Layout#key keyed layouts} the page shows. The host keeps the layouts both pages share
 * (their loaders do not run) and streams the rest in the frame framing; a navigation that shares
 * no layout is declined ({@code 204}, {@code Arbor-Reload: 1}) and the client loads the document.
 * Preloads are navigations marked {@code Arbor-Preload: 1}. Every page response says
 * {@code Vary: Arbor-Navigate}.
 *
 * <p><b>Queries.</b> {@link PageRequest#queryClient()} is the request's own query cache for
 * server components to prefetch into and dehydrate from, with {@link #dehydrateOptions()};
 * {@link #queryEndpoint(QueryRegistry)} answers {@code arbor.refetch(key)} from the browser.
 */
public final class ArborHost {
    /**
     * User agents that get the complete document instead of a stream, matched case-insensitively
     * anywhere in the {@code User-Agent} header. After Next.js's {@code htmlLimitedBots} list, plus
     * Googlebot and Lighthouse: crawlers and link previewers that read the first HTML they get.
     */
    public static final String CRAWLERS = "Googlebot|Google-InspectionTool|Mediapartners-Google|AdsBot-Google"
            + "|Chrome-Lighthouse|Slurp|DuckDuckBot|baiduspider|yandex|sogou|bitlybot|tumblr|vkShare"
            + "|quora link preview|redditbot|ia_archiver|Bingbot|BingPreview|applebot|facebookexternalhit"
            + "|facebookcatalog|Twitterbot|LinkedInBot|Slackbot|Discordbot|WhatsApp|SkypeUriPreview|Yeti";

    /**
     * The default policy: scripts run only with this response's nonce (and what they load, through
     * {@code 'strict-dynamic'}). {@code {nonce}} stands for the request's nonce.
     */
    public static final String DEFAULT_CSP =
            "script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'";

    /**
     * The request header and query parameter that ask for the complete document, with the value
     * {@code document}: {@code Arbor-Render: document} or {@code ?arbor-render=document}.
     */
    public static final String RENDER_PARAMETER = "arbor-render";

    /**
     * Where the client runtime sends {@code arbor.refetch(key)} unless page script sets
     * {@code arbor.endpoint}: mount {@link #queryEndpoint(QueryRegistry)} here.
     */
    public static final String QUERY_ENDPOINT = "/_arbor/query";

    /**
     * Renders the body of the page that answers 500 when a render fails before its shell.
     */
    @FunctionalInterface
    public interface ErrorPage {
        /**
         * @param request the request that failed
         * @param error the error; show {@link RenderError#message()} (a digest only in production)
         * @return the content of {@code <body>}
         */
        DomContent render(PageRequest request, RenderError error);
    }

    private final HostConfig config;
    /** The routers that serve the navigation script already. */
    private final java.util.Set<Router> navigationRouters =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    private ArborHost(Builder b) {
        Renderer renderer = b.renderer;
        boolean production = renderer.mode() == Mode.PRODUCTION;
        this.config = new HostConfig(
                renderer,
                b.head,
                b.lang,
                b.deadline != null ? b.deadline : renderer.deadline(),
                b.crawlers,
                b.csp,
                b.notFoundPage != null ? b.notFoundPage : Page.of(request -> div(
                        h1("Page not found"), p("There is nothing at " + request.path() + ".")))
                        .head(Head.of("Page not found")),
                b.errorPage != null ? b.errorPage
                        : (request, error) -> div(h1("Something went wrong"), p(error.message())),
                b.clientRuntimeInHead,
                b.noScriptRedirect,
                DehydrateOptions.defaults()
                        .shouldRedactErrors(error -> production)
                        .errorDigest(error -> renderer.report(error).digest()),
                b.clientNavigation,
                new Csrf(b.csrf, b.csrfSecret, b.trustedOrigins, b.secureCookies),
                b.maxFormSize,
                b.queries,
                new Mounts());
    }

    /** @return the host's settings, for {@link PageTester} */
    HostConfig config() {
        return config;
    }

    /**
     * @param renderer renders the pages; give it {@link #scheduler(Vertx)} for its deadlines
     * @return a builder with the defaults
     */
    public static Builder builder(Renderer renderer) {
        return new Builder(renderer);
    }

    /**
     * A {@link Scheduler} on Vert.x timers, for {@link Renderer.Builder#scheduler}.
     *
     * @param vertx the Vert.x instance
     * @return the scheduler
     */
    public static Scheduler scheduler(Vertx vertx) {
        Objects.requireNonNull(vertx, "vertx");
        return (delay, task) -> {
            long id = vertx.setTimer(Math.max(1, delay.toMillis()), timer -> task.run());
            return () -> vertx.cancelTimer(id);
        };
    }

    /**
     * A handler that serves {@code page}: put it on any Vert.x Web route.
     *
     * @param page the page
     * @return the handler
     */
    public Handler<RoutingContext> handler(Page<?> page) {
        Objects.requireNonNull(page, "page");
        return context -> {
            checkQuery(context);
            new PageExchange(config, new VertxTransport(context), page, 200).start();
        };
    }

    /**
     * Decodes the query before any work starts: a malformed one ({@code ?x=%ZZ}) fails the route
     * with a 400 here, so that no loader runs and no page meets it later.
     */
    private static void checkQuery(RoutingContext context) {
        context.queryParams();
    }

    /**
     * Serves {@code page} for GET and HEAD requests on {@code path}. A HEAD request gets the status
     * and headers a GET would get (its loaders run, a {@link Halt} answers 404 or its redirect)
     * and no body: the render stops once its shell is decided, and its pending work is cancelled.
     *
     * @param router the router
     * @param path the path, with Vert.x Web's {@code :param} placeholders
     * @param page the page
     * @return Vert.x Web's route, to configure further
     */
    public io.vertx.ext.web.Route mount(Router router, String path, Page<?> page) {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(path, "path");
        installErrorHandlers(router);
        if (config.clientNavigation()) {
            installClientNavigation(router);
        }
        io.vertx.ext.web.Route route = router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(handler(page));
        config.mounts().add(router, route, path, page); // an action's redirect here is served in its response
        return route;
    }

    /**
     * Serves {@code page} for GET and HEAD and runs {@code action} for POST on {@code path}: a
     * form on the page posts to its own address. See {@link #actionHandler(Page, Action)}.
     *
     * @param router the router
     * @param path the path, with Vert.x Web's {@code :param} placeholders
     * @param page the page, rendered again with {@code 422} when the action finds the form invalid
     * @param action the action
     * @return Vert.x Web's route of the action, to configure further ({@code .method(HttpMethod.PUT)})
     */
    public io.vertx.ext.web.Route mount(Router router, String path, Page<?> page, Action action) {
        mount(router, path, page);
        io.vertx.ext.web.Route route = router.route(path).method(HttpMethod.POST)
                .handler(actionHandler(page, action, router));
        otherMethodsNotAllowed(router, path, route, "GET, HEAD");
        return route;
    }

    /**
     * Runs {@code action} for POST on a path of its own, which shows no page: GET and HEAD answer
     * {@code 405} with {@code Allow: POST}. Mount the page that shows the form elsewhere with
     * {@link #mount(Router, String, Page)}, or use {@link #mount(Router, String, Page, Action)} for
     * one path.
     *
     * @param router the router
     * @param path the path, with Vert.x Web's {@code :param} placeholders
     * @param page the page rendered with {@code 422} when the action finds the form invalid (it
     *     sees this route's path parameters)
     * @param action the action
     * @return Vert.x Web's route of the action, to configure further
     */
    public io.vertx.ext.web.Route action(Router router, String path, Page<?> page, Action action) {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(path, "path");
        installErrorHandlers(router);
        Handler<RoutingContext> handler = actionHandler(page, action, router);
        router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(handler); // 405, Allow: POST
        io.vertx.ext.web.Route route = router.route(path).method(HttpMethod.POST).handler(handler);
        otherMethodsNotAllowed(router, path, route, null);
        return route;
    }

    /**
     * Answers any other method on an action's path with {@code 405} and an {@code Allow} header
     * that lists what the path takes (the action route's methods, as configured then), before a
     * catch-all route (a not-found handler) could answer 404 for a path that exists.
     */
    private static void otherMethodsNotAllowed(Router router, String path, io.vertx.ext.web.Route action,
            String pageMethods) {
        io.vertx.ext.web.Route[] self = new io.vertx.ext.web.Route[1];
        self[0] = router.route(path).handler(context -> {
            HttpMethod method = context.request().method();
            for (io.vertx.ext.web.Route other : router.getRoutes()) {
                if (other != self[0] && other.methods() != null && Mounts.takes(other, method, context.normalizedPath())) {
                    context.next(); // a route the app added for this method, before or after
                    return;
                }
            }
            String allowed = action.methods().stream().map(HttpMethod::name).sorted()
                    .collect(java.util.stream.Collectors.joining(", "));
            context.response().setStatusCode(405)
                    .putHeader(HttpHeaders.ALLOW, pageMethods == null ? allowed : pageMethods + ", " + allowed)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(context.request().method() == HttpMethod.HEAD ? "" : "This address does not take "
                            + context.request().method().name() + ".");
        });
    }

    /**
     * A handler that runs {@code action}: put it on a route for POST (or another unsafe method).
     * For each request the host:
     * <ol>
     *   <li>answers {@code 405} ({@code Allow: POST}) to GET, HEAD and OPTIONS;</li>
     *   <li>refuses with {@code 403} a request from another site ({@code Sec-Fetch-Site} other than
     *       {@code same-origin}/{@code none}, or an {@code Origin} that is not this site nor one of
     *       {@link Builder#trustedOrigins}) unless CSRF protection is off;</li>
     *   <li>reads the body itself (no {@code BodyHandler} needed; one that ran before is used):
     *       {@code application/x-www-form-urlencoded} or {@code multipart/form-data} up to
     *       {@link Builder#maxFormSize} ({@code 413} over it, {@code 400} when malformed,
     *       {@code 415} for another type);</li>
     *   <li>refuses with {@code 403} a form whose CSRF token ({@link Forms#form} adds it) is missing
     *       or does not match the request's cookie;</li>
     *   <li>runs the action and answers its {@link ActionResult}: {@code 303} to its location, the
     *       page again with {@code 422} and its {@link Submission}, or the failure's status with the
     *       error page. An exception answers {@code 500}, reported under a digest like a render's
     *       error (production shows the digest only); a {@link Halt} answers its redirect or 404.
     *       A form the client runtime posted ({@code Arbor-Navigate}) is answered in its frames
     *       instead: the page a redirect leads to, when a page is {@linkplain #mount mounted} on its
     *       path, streamed in the same response (single flight), and the {@code 422} page as a
     *       navigation (README, "Actions").</li>
     * </ol>
     *
     * @param page the page rendered with {@code 422} for an {@link ActionResult.Invalid}
     * @param action the action
     * @return the handler
     */
    public Handler<RoutingContext> actionHandler(Page<?> page, Action action) {
        return actionHandler(page, action, null);
    }

    /**
     * @param router the router the handler is on, whose mounted pages a redirect may be served by
     *     in the action's response; {@code null} when unknown (a 303 then)
     */
    private Handler<RoutingContext> actionHandler(Page<?> page, Action action, Router router) {
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(action, "action");
        return context -> {
            checkQuery(context);
            ActionExchange.of(config, context, page, action, router).start();
        };
    }

    /**
     * Makes {@code router} answer what no route handled without flooding the log. Vert.x Web
     * otherwise logs every such request as a multi-line "Unhandled exception in router":
     * <ul>
     *   <li>a malformed request (a bad {@code %}-escape in the path or query, no {@code Host}
     *       header, a method no route takes, a body too large) answers its 4xx (400, 404, 405,
     *       406, 413, 414, 415, 431) at once, and is logged as one short line at debug level;</li>
     *   <li>a route handler's failure answers 500 and is reported under a digest through the
     *       renderer's {@link dev.arbor.ErrorReporter}, except a client that went away (a static
     *       file it stopped reading, say): nothing is logged for that.</li>
     * </ul>
     * {@link #mount} does it for the router it mounts on; set your own
     * {@link Router#errorHandler(int, Handler) error handlers} after it to replace these.
     *
     * @param router the router
     * @return the router
     */
    public Router installErrorHandlers(Router router) {
        RouterFailures.install(Objects.requireNonNull(router, "router"), this);
        return router;
    }

    /**
     * Serves the client runtime's navigation script at its content-hashed URL,
     * {@code /_arbor/navigation.<hash>.js}, cached for good. {@link #mount} does it for the router
     * it mounts on; call it for a router whose pages are put on routes with {@link #handler(Page)}.
     * Installing it twice on one router adds nothing.
     *
     * @param router the router
     * @return the router
     */
    public Router installClientNavigation(Router router) {
        Objects.requireNonNull(router, "router");
        synchronized (navigationRouters) {
            if (navigationRouters.add(router)) {
                router.get(NavigationScript.PATH).handler(NavigationScript.handler());
            }
        }
        return router;
    }

    /**
     * Answers 404 with the not-found page: put it on the router's last route,
     * {@code router.route().handler(host.notFoundHandler())}.
     *
     * @return the handler
     */
    public Handler<RoutingContext> notFoundHandler() {
        return context -> {
            checkQuery(context);
            new PageExchange(config, new VertxTransport(context), config.notFoundPage(), 404).start();
        };
    }

    /**
     * The refetch endpoint behind the client runtime's {@code arbor.refetch(key)}: mount it with
     * {@code router.route(ArborHost.QUERY_ENDPOINT).handler(host.queryEndpoint(queries))}.
     *
     * <p>It reads the key from {@code GET ?key=<JSON array>} or from a {@code POST} body
     * {@code {"key": [...]}}, runs the query registered under the key's first part with a query
     * client of its own (nothing is cached or shared between requests) and answers {@code 200}
     * with the query's dehydrated state, as {@link dev.arbor.query.DehydratedState#toJson()}:
     * {@code {"queries":[{"queryKey":[...],"queryHash":"...","state":{...},"dehydratedAt":...}]}}.
     * A query that fails is still a {@code 200}, whose state has {@code "status":"error"} and the
     * error as {@link #dehydrateOptions()} give it (redacted in production, with the digest under
     * which the full error was reported); the client keeps the data it had.
     *
     * <p>Other answers carry {@code {"error":"..."}}: {@code 400} for a missing or malformed key,
     * {@code 404} for a key whose name is not registered (only registered queries can be reached),
     * {@code 405} for other methods, {@code 413} for a body over 16 KB, {@code 500} (with a digest)
     * when the data cannot be serialized and {@code 504} (with a digest) when the query has not
     * settled by the host's deadline. Every answer is {@code application/json} with
     * {@code Cache-Control: no-store}.
     *
     * @param registry the queries the client may run
     * @return the handler
     */
    public Handler<RoutingContext> queryEndpoint(QueryRegistry registry) {
        return new QueryEndpoint(config, Objects.requireNonNull(registry, "registry"));
    }

    /**
     * How this host's queries reach the client: every error redacted in production (its class and
     * message shown in development), each with a digest under which the full error goes to the
     * renderer's {@link dev.arbor.ErrorReporter}. TanStack's filter otherwise (successful
     * queries); add {@code includePendingQueries(true)} to stream prefetches still under way.
     *
     * @return the options
     */
    public DehydrateOptions dehydrateOptions() {
        return config.dehydrateOptions();
    }

    /** @return the renderer */
    public Renderer renderer() {
        return config.renderer();
    }

    /** Builds an {@link ArborHost}. */
    public static final class Builder {
        private final Renderer renderer;
        private Head head = Head.empty();
        private String lang = "en";
        private Duration deadline;
        private Pattern crawlers = Pattern.compile(CRAWLERS, Pattern.CASE_INSENSITIVE);
        private String csp = DEFAULT_CSP;
        private Page<?> notFoundPage;
        private ErrorPage errorPage;
        private boolean clientRuntimeInHead = true;
        private boolean noScriptRedirect = true;
        private boolean clientNavigation = true;
        private boolean csrf = true;
        private byte[] csrfSecret;
        private java.util.Set<String> trustedOrigins = java.util.Set.of();
        private Boolean secureCookies;
        private long maxFormSize = 1024 * 1024;
        private QueryRegistry queries;

        private Builder(Renderer renderer) {
            this.renderer = Objects.requireNonNull(renderer, "renderer");
        }

        /**
         * @param head the head every page starts from (stylesheets, icons, a default title); the
         *     layouts' and pages' heads are merged over it
         * @return this builder
         */
        public Builder head(Head head) {
            this.head = Objects.requireNonNull(head, "head");
            return this;
        }

        /**
         * @param lang the document's language, {@code <html lang>}; {@code en} by default
         * @return this builder
         */
        public Builder lang(String lang) {
            this.lang = Objects.requireNonNull(lang, "lang");
            return this;
        }

        /**
         * @param deadline how long a response may take, loaders included, when its page sets none;
         *     the renderer's deadline (10 s by default) otherwise
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            this.deadline = Deadlines.requirePositive(deadline);
            return this;
        }

        /**
         * @param crawlers user agents that get the complete document (matched with {@code find});
         *     {@code null} for none. {@link #CRAWLERS} by default
         * @return this builder
         */
        public Builder crawlers(Pattern crawlers) {
            this.crawlers = crawlers;
            return this;
        }

        /**
         * @param policy the {@code Content-Security-Policy} header, where {@code {nonce}} stands for
         *     the request's nonce; {@code null} to send none (scripts still carry the nonce).
         *     {@link #DEFAULT_CSP} by default
         * @return this builder
         */
        public Builder contentSecurityPolicy(String policy) {
            if (policy != null && !policy.contains("{nonce}")) {
                throw new IllegalArgumentException("A policy must allow the nonce: 'nonce-{nonce}'");
            }
            this.csp = policy;
            return this;
        }

        /**
         * @param page answers 404, for {@link Halt#notFound()} and {@link #notFoundHandler()}; it
         *     may have layouts and loaders like any page
         * @return this builder
         */
        public Builder notFoundPage(Page<?> page) {
            this.notFoundPage = Objects.requireNonNull(page, "page");
            return this;
        }

        /**
         * @param page renders the 500 page's body when a render fails before its shell
         * @return this builder
         */
        public Builder errorPage(ErrorPage page) {
            this.errorPage = Objects.requireNonNull(page, "page");
            return this;
        }

        /**
         * @param inHead true (the default) to put Arbor's client runtime in every streamed page's
         *     {@code <head>}, so that page scripts can use {@code arbor.deferred(key)} from the
         *     start; false to let the renderer send it only before the first instruction that
         *     needs it (about 1 KB less for pages without page scripts)
         * @return this builder
         */
        public Builder clientRuntimeInHead(boolean inHead) {
            this.clientRuntimeInHead = inHead;
            return this;
        }

        /**
         * @param redirect true (the default) to send browsers without JavaScript from a streamed
         *     page to its complete document: every streamed page's head holds
         *     {@code <noscript><meta http-equiv="refresh" content="0; url=...?arbor-render=document"></noscript>},
         *     since the content that streams after the shell sits in templates that only script
         *     can show. Such a browser drops the stream (its work is cancelled) and loads the same
         *     URL with {@code arbor-render=document} added. False to leave streamed pages as they are.
         * @return this builder
         */
        public Builder noScriptRedirect(boolean redirect) {
            this.noScriptRedirect = redirect;
            return this;
        }

        /**
         * @param navigation true (the default) to make streamed pages navigate without document
         *     loads: their head loads the navigation script (with the runtime, so only when
         *     {@link #clientRuntimeInHead(boolean)} is on), which fetches the next page as a
         *     navigation and preloads links on intent (README, "Client navigation"); false for
         *     plain links
         * @return this builder
         */
        public Builder clientNavigation(boolean navigation) {
            this.clientNavigation = navigation;
            return this;
        }

        /**
         * @param secret the key that signs CSRF tokens, at least 32 bytes, from configuration (an
         *     environment variable, a secret store). Give every instance behind a load balancer the
         *     same one: a form rendered by one instance is accepted by all. Without it the host uses
         *     a random key for this process, and logs one warning: forms then fail (403) across
         *     instances and restarts
         * @return this builder
         */
        public Builder csrfSecret(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length < 32) {
                throw new IllegalArgumentException("A CSRF secret needs at least 32 bytes");
            }
            this.csrfSecret = secret.clone();
            return this;
        }

        /**
         * @param on true (the default) to check the origin and the CSRF token of every action;
         *     false only where something else protects them (an API behind its own authentication)
         * @return this builder
         */
        public Builder csrfProtection(boolean on) {
            this.csrf = on;
            return this;
        }

        /**
         * @param origins other origins whose pages may post to actions, such as
         *     {@code https://shop.example.com}; none by default (only this site's own origin)
         * @return this builder
         */
        public Builder trustedOrigins(String... origins) {
            this.trustedOrigins = java.util.Set.of(origins);
            return this;
        }

        /**
         * @param secure true when the site is served over HTTPS by a proxy that terminates TLS (the
         *     CSRF cookie is then {@code __Host-arbor-csrf}, {@code Secure}, and the expected origin
         *     {@code https://}); by default, whether the connection itself is TLS
         * @return this builder
         */
        public Builder secureCookies(boolean secure) {
            this.secureCookies = secure;
            return this;
        }

        /**
         * @param bytes the largest form body an action reads (files of a multipart form included,
         *     held in memory); larger ones answer 413. 1 MiB by default
         * @return this builder
         */
        public Builder maxFormSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("A form size limit must be positive");
            }
            this.maxFormSize = bytes;
            return this;
        }

        /**
         * The queries this host can run by key: when an action answers a form the client runtime
         * sent and {@linkplain ActionResult#invalidate invalidates} a query, the query runs again
         * and its fresh state travels in the same response, to the client's cache and the islands
         * that read it, even when the page the action leads to does not fetch it itself (an island
         * in a layout that the navigation keeps). Usually the registry behind
         * {@link #queryEndpoint(QueryRegistry)}. Without it, only the queries that the page fetches
         * reach the client.
         *
         * @param registry the queries
         * @return this builder
         */
        public Builder queries(QueryRegistry registry) {
            this.queries = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** @return the host */
        public ArborHost build() {
            return new ArborHost(this);
        }
    }
}
