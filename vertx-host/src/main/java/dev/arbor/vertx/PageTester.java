package dev.arbor.vertx;

import dev.arbor.testing.StreamReplay;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.net.RFC3986;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Runs a {@link Page} through an {@link ArborHost} without a server or a socket, as Javalin's
 * {@code JavalinTest} or Spring's {@code MockMvc} do: its layouts, loaders, head, status, redirects,
 * not-found and error pages, CSP and complete documents for crawlers all behave exactly as served,
 * because the request goes through the same exchange as a real one. Only the transport differs:
 * the response is recorded in memory, and everything runs on the thread that completes a future,
 * so a test decides the order in which data arrives by completing futures by hand and reads the
 * result at once.
 *
 * <pre>{@code
 * PageTester tester = PageTester.of(host);
 * PageTester.Response response = tester.request(productPage, "/products/lamp").pathParam("id", "lamp").send();
 * product.complete(lamp);                                        // the loader's data, by hand
 * assertEquals(200, response.status());
 * assertEquals("Lamp", response.replay().shell().title());
 * reviews.complete(List.of(review));                             // a deferred part streams
 * assertTrue(response.isEnded());
 * assertEquals("Ada", response.replay().document().select(".review b").text());
 * }</pre>
 *
 * <p>Give the host's renderer a scheduler the test controls (or one that never fires) so that no
 * deadline passes by itself. Pages that use {@link PageRequest#vertx()} need
 * {@link #withVertx(Vertx)}; {@link PageRequest#routingContext()} has no answer here. Needs jsoup on
 * the test classpath for {@link Response#replay()}.
 */
public final class PageTester {
    private final ArborHost host;
    private final Vertx vertx;

    private PageTester(ArborHost host, Vertx vertx) {
        this.host = host;
        this.vertx = vertx;
    }

    /**
     * @param host the host, configured as in production (or with a test's renderer)
     * @return a tester of that host's pages
     */
    public static PageTester of(ArborHost host) {
        return new PageTester(Objects.requireNonNull(host, "host"), null);
    }

    /**
     * @param vertx what {@link PageRequest#vertx()} answers, for pages that set timers or use clients
     * @return a copy with that Vert.x instance
     */
    public PageTester withVertx(Vertx vertx) {
        return new PageTester(host, Objects.requireNonNull(vertx, "vertx"));
    }

    /**
     * A GET request for {@code page}, without path parameters.
     *
     * @param page the page, as mounted
     * @param uri the request's path and query, such as {@code /streaming?slow=10}
     * @return the response, live: it grows as the test completes futures
     */
    public Response get(Page<?> page, String uri) {
        return request(page, uri).send();
    }

    /**
     * A request for {@code page}, to refine before {@link Request#send() sending} it.
     *
     * @param page the page, as mounted
     * @param uri the request's path and query
     * @return the request
     */
    public Request request(Page<?> page, String uri) {
        return new Request(Objects.requireNonNull(page, "page"), 200, Objects.requireNonNull(uri, "uri"));
    }

    /**
     * A form posted to {@code action}, to refine before {@link Request#send() sending} it, as
     * {@link ArborHost#actionHandler(Page, Action)} serves it: the CSRF checks run (the request
     * carries a valid CSRF cookie and token, as a browser does after loading the form; add an
     * {@code Origin} header to test a foreign one), then the action, and its result is answered:
     * a 303 ({@link Response#location()}), {@code page} again with 422, or a failure. With an
     * {@code Arbor-Navigate} header, as the client runtime posts, the answer is in frames: the 422
     * page, or the page a redirect leads to when the host has a page {@linkplain ArborHost#mount
     * mounted} on its path (single flight; a 303 otherwise).
     *
     * @param page the page that shows the form, rendered again for a 422
     * @param action the action
     * @param uri the request's path and query
     * @param form the submitted fields (without the CSRF token, which the tester adds)
     * @return the request
     */
    public Request post(Page<?> page, Action action, String uri, FormData form) {
        Request request = new Request(Objects.requireNonNull(page, "page"), 200, Objects.requireNonNull(uri, "uri"));
        request.method = HttpMethod.POST;
        request.action = Objects.requireNonNull(action, "action");
        Csrf csrf = host.config().csrf();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        form.names().forEach(name -> fields.put(name, form.getAll(name)));
        if (csrf.enabled()) {
            String token = csrf.newToken();
            fields.put(Csrf.FIELD, List.of(token));
            request.header("Cookie", Csrf.PLAIN_COOKIE + "=" + token + "; " + Csrf.SECURE_COOKIE + "=" + token);
        }
        request.form = FormData.of(fields, form.files());
        return request;
    }

    /**
     * A request no route took: the host's not-found page, as {@link ArborHost#notFoundHandler()}
     * answers it.
     *
     * @param uri the request's path and query
     * @return the response
     */
    public Response notFound(String uri) {
        return new Request(host.config().notFoundPage(), 404, Objects.requireNonNull(uri, "uri")).send();
    }

    /** A request being made: its path parameters, headers and method. */
    public final class Request {
        private final Page<?> page;
        private final int status;
        private final String uri;
        private final Map<String, String> pathParams = new LinkedHashMap<>();
        private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        private HttpMethod method = HttpMethod.GET;
        private Action action;
        private FormData form;

        private Request(Page<?> page, int status, String uri) {
            this.page = page;
            this.status = status;
            this.uri = uri;
        }

        /**
         * @param name a path parameter ({@code id} for {@code /products/:id})
         * @param value its decoded value
         * @return this request
         */
        public Request pathParam(String name, String value) {
            pathParams.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Takes the path parameters from the uri by a route pattern, as Vert.x Web matches it:
         * {@code /products/:id} against {@code /products/lamp} gives {@code id = lamp}.
         *
         * @param pattern the path the page is mounted at, with {@code :name} segments
         * @return this request
         * @throws IllegalArgumentException when the uri's path does not match the pattern
         */
        public Request route(String pattern) {
            String[] want = Objects.requireNonNull(pattern, "pattern").split("/", -1);
            // matched as a server's router matches it: on the normalized path
            String[] got = RFC3986.normalizePath(new QueryStringDecoder(uri).rawPath()).split("/", -1);
            if (want.length != got.length) {
                throw new IllegalArgumentException(uri + " does not match " + pattern);
            }
            for (int i = 0; i < want.length; i++) {
                if (want[i].startsWith(":") && !got[i].isEmpty()) {
                    // decoded as Vert.x Web decodes it: a '+' in a path stays a '+'
                    pathParam(want[i].substring(1), RFC3986.decodeURIComponent(got[i], false));
                } else if (!want[i].equals(got[i])) {
                    throw new IllegalArgumentException(uri + " does not match " + pattern);
                }
            }
            return this;
        }

        /**
         * @param name a request header ({@code User-Agent}, {@code Arbor-Render}, ...)
         * @param value its value
         * @return this request
         */
        public Request header(String name, String value) {
            headers.add(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @return this request as a HEAD request: the status and headers a GET gets, no body */
        public Request head() {
            method = HttpMethod.HEAD;
            return this;
        }

        /**
         * Serves the request: the loaders start now; the response grows as their futures complete.
         *
         * @return the response
         */
        public Response send() {
            Recorded transport = new Recorded(this);
            if (action != null) {
                new ActionExchange(host.config(), transport, (limit, done) -> done.accept(form, null), page, action)
                        .start();
                return transport.response;
            }
            new PageExchange(host.config(), transport, page, status).start();
            return transport.response;
        }
    }

    /**
     * What a client would have received so far. Thread-safe to read; it changes while futures
     * complete.
     */
    public static final class Response {
        private final Recorded transport;

        private Response(Recorded transport) {
            this.transport = transport;
        }

        /** @return the status, or 0 while the head is not decided (loaders or the shell pending) */
        public int status() {
            synchronized (transport) {
                return transport.headWritten ? transport.status : 0;
            }
        }

        /**
         * @param name a response header, in any case
         * @return its value once the head was sent, or {@code null}
         */
        public String header(String name) {
            synchronized (transport) {
                return transport.headWritten ? transport.headers.get(name) : null;
            }
        }

        /** @return a copy of the response's headers once the head was sent; empty before */
        public Map<String, String> headers() {
            Map<String, String> copy = new LinkedHashMap<>();
            synchronized (transport) {
                if (transport.headWritten) {
                    transport.headers.forEach(e -> copy.put(e.getKey(), e.getValue()));
                }
            }
            return copy;
        }

        /** @return the {@code Location} of a redirect, or {@code null} */
        public String location() {
            return header("Location");
        }

        /** @return the body's chunks so far, as UTF-8 text: one per write (a complete document is one) */
        public List<String> chunks() {
            synchronized (transport) {
                return List.copyOf(transport.chunks);
            }
        }

        /** @return the body so far */
        public String body() {
            return String.join("", chunks());
        }

        /** @return whether the response ended (the stream is complete) */
        public boolean isEnded() {
            synchronized (transport) {
                return transport.ended;
            }
        }

        /** @return whether the response was broken off after its head (a failure after the shell) */
        public boolean isReset() {
            synchronized (transport) {
                return transport.reset;
            }
        }

        /**
         * Replays the body so far as the client runtime would ({@link StreamReplay}): the shell,
         * the document after every chunk, deferred values and the query cache.
         *
         * @return the replay
         */
        public StreamReplay replay() {
            return StreamReplay.of(chunks());
        }

        /** The client goes away: the render is aborted and its pending work cancelled, as on a server. */
        public void abort() {
            transport.gone();
        }
    }

    /** A transport that records the response, and runs the exchange on the completing thread. */
    private final class Recorded implements Transport {
        final Response response = new Response(this);
        private final Request request;
        private final QueryStringDecoder decoder;
        private final Executor executor = new Trampoline();
        private Runnable onGone;
        private boolean gone;
        int status = 200;
        final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        final List<String> chunks = new ArrayList<>();
        boolean headWritten;
        boolean ended;
        boolean reset;

        Recorded(Request request) {
            this.request = request;
            this.decoder = new QueryStringDecoder(request.uri);
        }

        @Override
        public String pathParam(String name) {
            return request.pathParams.get(name);
        }

        @Override
        public List<String> queryParams(String name) {
            return decoder.parameters().getOrDefault(name, List.of());
        }

        @Override
        public String query() {
            String raw = decoder.rawQuery();
            return raw.isEmpty() ? null : raw;
        }

        @Override
        public String path() {
            return RFC3986.normalizePath(decoder.rawPath()); // as a server's Vert.x Web gives it
        }

        @Override
        public String header(String name) {
            return request.headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public HttpMethod method() {
            return request.method;
        }

        @Override
        public Vertx vertx() {
            if (vertx == null) {
                throw new IllegalStateException("This page uses PageRequest.vertx(): give the tester one,"
                        + " PageTester.of(host).withVertx(vertx)");
            }
            return vertx;
        }

        @Override
        public RoutingContext routingContext() {
            throw new IllegalStateException("A PageTester request has no Vert.x Web routing context;"
                    + " serve the page over HTTP to test what needs one");
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public synchronized void onGone(Runnable gone) {
            this.onGone = gone;
        }

        void gone() {
            Runnable run;
            synchronized (this) {
                if (ended || gone) {
                    return;
                }
                gone = true;
                run = onGone;
            }
            if (run != null) {
                executor.execute(run);
            }
        }

        @Override
        public synchronized boolean headWritten() {
            return headWritten;
        }

        @Override
        public synchronized boolean ended() {
            return ended;
        }

        @Override
        public synchronized void reset() {
            reset = true;
            ended = true;
        }

        @Override
        public synchronized void status(int status) {
            checkHeadNotWritten();
            this.status = status;
        }

        @Override
        public MultiMap headers() {
            return headers;
        }

        @Override
        public void chunked() {
            checkHeadNotWritten();
        }

        @Override
        public synchronized void write(byte[] chunk) {
            checkOpen();
            headWritten = true;
            chunks.add(new String(chunk, StandardCharsets.UTF_8));
        }

        @Override
        public boolean writeQueueFull() {
            return false; // a test reads at once; RecordingSink.holding() plays a slow client to a renderer
        }

        @Override
        public void onDrain(Runnable drained) {
            drained.run(); // the queue is never full
        }

        @Override
        public synchronized void end() {
            checkOpen();
            headWritten = true;
            ended = true;
        }

        @Override
        public synchronized void end(Buffer body) {
            checkOpen();
            headWritten = true;
            chunks.add(body.toString(StandardCharsets.UTF_8));
            ended = true;
        }

        private void checkHeadNotWritten() {
            if (headWritten) {
                throw new IllegalStateException("The response's head was already sent");
            }
        }

        private void checkOpen() {
            if (ended) {
                throw new IllegalStateException("The response has already ended");
            }
        }
    }

    /**
     * Runs each task on the thread that hands it in, after the one running: a future completed by
     * the test runs the page's next step before {@code complete} returns, one step at a time.
     */
    private static final class Trampoline implements Executor {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private boolean running;

        @Override
        public void execute(Runnable task) {
            synchronized (this) {
                queue.add(task);
                if (running) {
                    return;
                }
                running = true;
            }
            Throwable thrown = null; // reaches the test that handed in the task, once the queue is empty
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        running = false;
                        break;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    if (thrown == null) {
                        thrown = e;
                    }
                }
            }
            if (thrown instanceof RuntimeException e) {
                throw e;
            }
            if (thrown instanceof Error e) {
                throw e;
            }
        }
    }
}
