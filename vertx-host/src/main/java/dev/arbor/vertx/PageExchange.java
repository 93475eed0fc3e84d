package dev.arbor.vertx;

import dev.arbor.Arbor;
import dev.arbor.RenderError;
import dev.arbor.RenderHandle;
import dev.arbor.RenderOptions;
import dev.arbor.RenderTimeoutException;
import dev.arbor.Renderer;
import dev.arbor.Scheduler;
import dev.arbor.WireFormat;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import j2html.TagCreator;
import j2html.tags.DomContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * One request for one page: loads, renders and answers through its {@link Transport}. All its
 * state changes run on the transport's executor (the request's Vert.x context), one at a time, so it
 * needs no locks and shares nothing.
 */
final class PageExchange implements ResponseSink.Exchange {
    private enum Phase { LOADING, RENDERING, DONE }

    private final HostConfig host;
    private final Transport response;
    private final Page<?> page;
    private final int status;
    private final PageRequest request;
    private final Executor executor;
    private final Duration deadline;
    private final long startNanos = System.nanoTime();

    private Phase phase = Phase.LOADING;
    private boolean gone;
    private final List<CompletionStage<?>> loading = new ArrayList<>();
    private Scheduler.Cancellable loaderDeadline;
    private RenderHandle handle;
    /** A navigation's layouts the client shows (null: a document), and how many of them it keeps. */
    private List<String> from;
    private boolean navigationGiven;
    private int shared;
    private String outletId;
    private String headHeader;
    /** An action's answer this exchange gives (single flight), or null. */
    private SingleFlight flight;

    PageExchange(HostConfig host, Transport transport, Page<?> page, int status) {
        this.host = host;
        this.response = transport;
        this.page = page;
        this.status = status;
        this.request = new PageRequest(transport, HostConfig.newNonce(), host);
        this.executor = transport.executor();
        this.deadline = page.deadline() != null ? page.deadline() : host.deadline();
    }

    /**
     * The navigation entry point that other responses reuse (an action answering with the page it
     * leads to): streams {@code page} as a navigation from a client that shows the layouts
     * {@code from}, whatever the request's own method and headers say.
     *
     * @param from the identities of the layouts the client shows, outermost first
     * @param flight the action's answer this is
     */
    static PageExchange navigation(HostConfig host, Transport transport, Page<?> page, int status, List<String> from,
            SingleFlight flight) {
        PageExchange exchange = new PageExchange(host, transport, page, status);
        exchange.from = List.copyOf(from);
        exchange.navigationGiven = true;
        exchange.flight = flight;
        return exchange;
    }

    /** @return the request the page is served for, to give it a submission before {@link #start()} */
    PageRequest request() {
        return request;
    }

    void start() {
        response.onGone(this::clientGone);
        if (flight != null && flight.url() != null) {
            // on every answer (frames, a 204 decline, a redirect, an error page): the runtime shows it
            response.headers().set(SingleFlight.URL_HEADER, flight.url());
        }

        List<Level> chain = page.chain();
        if (!navigationGiven) {
            try {
                from = Navigation.parse(request.header(Navigation.NAVIGATE));
            } catch (Navigation.Malformed e) {
                phase = Phase.DONE;
                sendPlain(400, e.getMessage());
                return;
            }
        }
        if (from != null && ((!navigationGiven && response.method() != HttpMethod.GET)
                || host.wantsCompleteDocument(request))) {
            from = null; // a HEAD request and crawler mode answer as they always do
        }
        if (from != null) {
            shared = Navigation.shared(chain, from, request);
            if (shared == 0 && navigationGiven && (flight == null || flight.url() == null)) {
                // a form's page again (a 422) that the runtime cannot navigate to: declined, it would
                // post the form again; the complete document it shows instead is the answer
                request.submission(request.submission(), true);
                from = null;
            } else if (shared == 0) {
                declineNavigation();
                return;
            } else {
                outletId = chain.get(shared - 1).identity(request);
            }
        }
        if (flight != null) {
            flight.prefetch(host, request); // before the loaders, which may share its fetches
        }
        Object[] values = new Object[chain.size()];
        int[] pending = {chain.size() - shared};
        loaderDeadline = renderer().scheduler().schedule(deadline, () -> executor.execute(() -> {
            if (phase == Phase.LOADING) {
                failBeforeShell(new RenderTimeoutException(deadline));
            }
        }));
        // Every loader starts now, before any completes: layouts and page load in parallel. The
        // layouts a navigation keeps are not loaded again.
        for (int i = shared; i < chain.size(); i++) {
            int index = i;
            CompletionStage<?> stage = load(chain.get(i));
            loading.add(stage);
            stage.whenComplete((value, error) -> executor.execute(() -> {
                if (phase != Phase.LOADING || gone) {
                    return;
                }
                if (error != null) {
                    failBeforeShell(error);
                    return;
                }
                values[index] = value;
                if (--pending[0] == 0) {
                    render(chain, values);
                }
            }));
        }
    }

    private CompletionStage<?> load(Level level) {
        try {
            CompletionStage<?> stage = level.loader.load(request);
            return stage != null ? stage
                    : CompletableFuture.failedFuture(new NullPointerException("A loader returned null"));
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    private void render(List<Level> chain, Object[] values) {
        phase = Phase.RENDERING;
        loaderDeadline.cancel();
        loading.clear();
        // A HEAD request streams until the shell, which decides the status; nothing is awaited after it.
        boolean complete = !headersOnly() && host.wantsCompleteDocument(request);
        DomContent root;
        try {
            Head head = host.head();
            DomContent content = null;
            for (int i = shared; i < chain.size(); i++) {
                head = head.merge(chain.get(i).head.apply(values[i]));
            }
            for (int i = chain.size() - 1; i >= shared; i--) {
                Level level = chain.get(i);
                String id = level.identity(request);
                content = level.view.render(request, values[i], id == null || content == null ? content
                        : Navigation.marked(id, content));
            }
            if (from != null) {
                headHeader = Navigation.headHeader(head, renderer().objectMapper());
                root = content;
            } else {
                // A form's answer (a POST) cannot be loaded again by a refresh: no no-script redirect.
                boolean refreshable = response.method() == HttpMethod.GET || response.method() == HttpMethod.HEAD;
                root = host.document(head, content, request.nonce(),
                        complete || !refreshable ? null : request.completeDocumentUri());
            }
        } catch (Throwable t) {
            failBeforeShell(t);
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        Duration left = deadline.minus(elapsed);
        RenderOptions.Builder builder = RenderOptions.builder()
                .nonce(request.nonce())
                .executor(executor)
                .deadline(left.toMillis() < 1 ? Duration.ofMillis(1) : left)
                .format(from != null ? WireFormat.FRAMES : WireFormat.DOCUMENT);
        if (request.streamsQueries()) {
            builder.streamQueries(request.queryClient(), request.dehydrateOptions());
        }
        RenderOptions options = builder.build();
        if (complete) {
            handle = renderer().renderComplete(root, options, ResponseSink.complete(this, response, renderer().bufferPool()));
        } else {
            handle = renderer().stream(root, options, ResponseSink.streaming(this, response, renderer().bufferPool()));
        }
        if (gone) {
            handle.abort();
        }
    }

    // ---- called by ResponseSink, on the request's context ----

    @Override
    public boolean isGone() {
        return gone;
    }

    @Override
    public void writeHead() {
        response.status(request.statusOr(status));
        htmlHeaders(response.headers(), flight != null ? "no-store" : request.cacheControlOrNoStore());
        if (from != null) {
            response.headers().set(HttpHeaders.CONTENT_TYPE, Navigation.CONTENT_TYPE)
                    .set(Navigation.OUTLET, outletId)
                    .set(Navigation.HEAD, headHeader);
        }
    }

    /** A navigation that shares no layout with the page the client shows: it loads the document. */
    private void declineNavigation() {
        phase = Phase.DONE;
        Navigation.reload(response, null);
    }

    @Override
    public boolean headersOnly() {
        return response.method() == HttpMethod.HEAD;
    }

    @Override
    public boolean renderEnded() {
        boolean answering = !gone && phase != Phase.DONE;
        phase = Phase.DONE;
        request.cancelQueries(); // what the page prefetched and never sent has no one to go to
        return answering;
    }

    @Override
    public void renderFailed(RenderError error) {
        failBeforeShell(error.cause(), error);
    }

    private void failBeforeShell(Throwable cause) {
        failBeforeShell(cause, null);
    }

    /**
     * The render failed before anything was written (the sink's {@code fail}, with the error the
     * renderer reported), or the loaders did: answer with a status and a page of its own.
     */
    private void failBeforeShell(Throwable cause, RenderError reported) {
        if (gone || phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        stopLoading();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        Throwable error = unwrap(cause);
        if (error instanceof Halt) {
            Halt halt = (Halt) error;
            if (halt.isRedirect() && from != null && !SingleFlight.isLocal(halt.location())) {
                // the runtime's fetch would follow it to another site and fail for want of CORS
                Navigation.reload(response, halt.location());
            } else if (halt.isRedirect()) {
                // under an action's answer the request is a POST: a 307 or 308 would post it again
                boolean posted = flight != null && (halt.status() == 307 || halt.status() == 308);
                response.status(posted ? 303 : halt.status());
                response.headers().set(HttpHeaders.LOCATION, halt.location())
                        .set(HttpHeaders.CACHE_CONTROL, "no-store");
                response.end();
            } else if (page == host.notFoundPage()) {
                sendPlain(404, "Not found");
            } else {
                PageExchange notFound = new PageExchange(host, response, host.notFoundPage(), 404);
                notFound.flight = flight == null ? null : new SingleFlight(flight.url(), List.of());
                if (navigationGiven) {
                    notFound.from = from;
                    notFound.navigationGiven = true;
                }
                notFound.start();
            }
            return;
        }
        if (reported != null) {
            sendErrorPage(reported);
            return;
        }
        String digest = host.report(error);
        sendErrorPage(new RenderError(digest, error, renderer().mode()));
    }

    // ---- internals ----

    private void clientGone() {
        if (gone) {
            return;
        }
        gone = true;
        stopLoading();
        if (handle != null) {
            handle.abort();
        }
        request.cancelQueries();
    }

    private void stopLoading() {
        if (loaderDeadline != null) {
            loaderDeadline.cancel();
        }
        for (CompletionStage<?> stage : loading) {
            try {
                stage.toCompletableFuture().cancel(false);
            } catch (UnsupportedOperationException e) {
                // a stage that cannot be cancelled completes on its own; its result is ignored
            }
        }
        loading.clear();
    }

    private void sendErrorPage(RenderError error) {
        DomContent root;
        try {
            // development mode: the exception, its stack and where it happened; nothing in production
            root = host.document(host.head().merge(Head.of("Something went wrong")),
                    TagCreator.each(host.errorPage().render(request, error), Arbor.errorDetails(error)),
                    request.nonce(), null);
        } catch (Throwable t) {
            sendPlain(500, "Internal Server Error (" + error.digest() + ")");
            return;
        }
        RenderOptions options = RenderOptions.builder().nonce(request.nonce()).executor(executor).build();
        renderer().renderToString(root, options).whenComplete((html, failure) -> executor.execute(() -> {
            if (gone) {
                return;
            }
            if (failure != null) {
                sendPlain(500, "Internal Server Error (" + error.digest() + ")");
            } else {
                sendComplete(500, Buffer.buffer(html), "no-store");
            }
        }));
    }

    private void sendComplete(int statusCode, Buffer html, String cacheControl) {
        if (response.headWritten()) {
            return;
        }
        response.status(statusCode);
        htmlHeaders(response.headers(), cacheControl);
        response.end(html);
    }

    private void sendPlain(int statusCode, String text) {
        if (response.headWritten()) {
            return;
        }
        response.status(statusCode);
        response.headers().set(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaders.CACHE_CONTROL, "no-store");
        response.end(Buffer.buffer(text));
    }

    private void htmlHeaders(MultiMap headers, String cacheControl) {
        headers.set(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8");
        headers.set(HttpHeaders.CACHE_CONTROL, cacheControl);
        // one URL answers a document or a navigation's frames, by this request header
        headers.set(HttpHeaders.VARY, Navigation.NAVIGATE);
        String csp = host.contentSecurityPolicy(request.nonce());
        if (csp != null) {
            headers.set("Content-Security-Policy", csp);
        }
    }

    private Renderer renderer() {
        return host.renderer();
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
