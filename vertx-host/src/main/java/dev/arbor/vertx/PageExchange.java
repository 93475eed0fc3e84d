package dev.arbor.vertx;

import dev.arbor.Arbor;
import dev.arbor.RenderError;
import dev.arbor.RenderHandle;
import dev.arbor.RenderOptions;
import dev.arbor.RenderTimeoutException;
import dev.arbor.Renderer;
import dev.arbor.Scheduler;
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

    PageExchange(HostConfig host, Transport transport, Page<?> page, int status) {
        this.host = host;
        this.response = transport;
        this.page = page;
        this.status = status;
        this.request = new PageRequest(transport, HostConfig.newNonce(), host);
        this.executor = transport.executor();
        this.deadline = page.deadline() != null ? page.deadline() : host.deadline();
    }

    /** @return the request the page is served for, to give it a submission before {@link #start()} */
    PageRequest request() {
        return request;
    }

    void start() {
        response.onGone(this::clientGone);

        List<Level> chain = page.chain();
        Object[] values = new Object[chain.size()];
        int[] pending = {chain.size()};
        loaderDeadline = renderer().scheduler().schedule(deadline, () -> executor.execute(() -> {
            if (phase == Phase.LOADING) {
                failBeforeShell(new RenderTimeoutException(deadline));
            }
        }));
        // Every loader starts now, before any completes: layouts and page load in parallel.
        for (int i = 0; i < chain.size(); i++) {
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
            for (int i = 0; i < chain.size(); i++) {
                head = head.merge(chain.get(i).head.apply(values[i]));
            }
            for (int i = chain.size() - 1; i >= 0; i--) {
                content = chain.get(i).view.render(request, values[i], content);
            }
            // A form's answer (a POST) cannot be loaded again by a refresh: no no-script redirect.
            boolean refreshable = response.method() == HttpMethod.GET || response.method() == HttpMethod.HEAD;
            root = host.document(head, content, request.nonce(),
                    complete || !refreshable ? null : request.completeDocumentUri());
        } catch (Throwable t) {
            failBeforeShell(t);
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        Duration left = deadline.minus(elapsed);
        RenderOptions.Builder builder = RenderOptions.builder()
                .nonce(request.nonce())
                .executor(executor)
                .deadline(left.toMillis() < 1 ? Duration.ofMillis(1) : left);
        if (request.streamsQueries()) {
            builder.streamQueries(request.queryClient(), request.dehydrateOptions());
        }
        RenderOptions options = builder.build();
        if (complete) {
            handle = renderer().renderComplete(root, options, ResponseSink.complete(this, response));
        } else {
            handle = renderer().stream(root, options, ResponseSink.streaming(this, response));
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
        htmlHeaders(response.headers(), request.cacheControlOrNoStore());
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
            if (halt.isRedirect()) {
                response.status(halt.status());
                response.headers().set(HttpHeaders.LOCATION, halt.location())
                        .set(HttpHeaders.CACHE_CONTROL, "no-store");
                response.end();
            } else if (page == host.notFoundPage()) {
                sendPlain(404, "Not found");
            } else {
                new PageExchange(host, response, host.notFoundPage(), 404).start();
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
