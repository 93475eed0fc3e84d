package dev.arbor.vertx;

import dev.arbor.Arbor;
import dev.arbor.RenderError;
import dev.arbor.RenderOptions;
import dev.arbor.query.QueryKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import j2html.TagCreator;
import j2html.tags.DomContent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * One request for one action: checks where it comes from, reads its form, checks the CSRF token,
 * runs the action and answers its {@link ActionResult}. Its state changes run on the request's
 * context, one at a time.
 */
final class ActionExchange {
    private static final System.Logger LOG = System.getLogger(ArborHost.class.getName());

    /**
     * Where an action's form comes from: a server reads the request's body
     * ({@link FormParser#read}); a test may hand a form over as it is.
     */
    interface FormSource {
        /**
         * @param limit the largest body to accept, in bytes
         * @param done gets the form or why it was refused, once, on any thread
         */
        void read(long limit, java.util.function.BiConsumer<FormData, FormParser.Refused> done);

        /** The body was refused before it was all read: drop the connection rather than read the rest. */
        default void abandon() {
        }
    }

    private final HostConfig host;
    /** The page a redirect's path leads to, when it may be served in the action's response. */
    private final java.util.function.Function<String, Mounts.Match> targets;
    private final FormSource source;
    private final Transport transport;
    private final Page<?> page;
    private final Action action;
    private final Executor executor;
    private boolean gone;
    private boolean answered;

    /** An action served by Vert.x Web: the request's body, read by the host. */
    static ActionExchange of(HostConfig host, RoutingContext context, Page<?> page, Action action,
            io.vertx.ext.web.Router router) {
        FormSource body = new FormSource() {
            @Override
            public void read(long limit, java.util.function.BiConsumer<FormData, FormParser.Refused> done) {
                FormParser.read(context, limit, done);
            }

            @Override
            public void abandon() {
                if (!context.request().isEnded()) {
                    context.request().connection().close(); // the rest of the body is not read
                }
            }
        };
        Transport transport = new VertxTransport(context);
        // a sub-router's paths are not the redirect's: only a router at the root serves it here
        return new ActionExchange(host, transport, body, page, action,
                router == null || context.mountPoint() != null ? target -> null
                        : target -> host.mounts().match(router, transport.path(), target));
    }

    /** An action served by a {@link PageTester}, which has no router: any page the host mounted may answer. */
    ActionExchange(HostConfig host, Transport transport, FormSource source, Page<?> page, Action action) {
        this(host, transport, source, page, action, host.mounts()::matchAny);
    }

    private ActionExchange(HostConfig host, Transport transport, FormSource source, Page<?> page, Action action,
            java.util.function.Function<String, Mounts.Match> targets) {
        this.targets = targets;
        this.host = host;
        this.source = source;
        this.transport = transport;
        this.page = page;
        this.action = action;
        this.executor = transport.executor();
    }

    void start() {
        transport.onGone(() -> gone = true);
        HttpMethod method = transport.method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            transport.headers().set("Allow", "POST");
            refuse(405, "This address takes a form (POST)");
            return;
        }
        Csrf csrf = host.csrf();
        if (csrf.enabled()) {
            String why = csrf.refuseOrigin(transport);
            if (why != null) {
                forbid(why);
                return;
            }
        }
        source.read(host.maxFormSize(), (form, refused) -> executor.execute(() -> {
            if (refused != null) {
                if (refused.status == 413) {
                    transport.headers().set(HttpHeaders.CONNECTION, "close");
                }
                refuse(refused.status, refused.getMessage());
                return;
            }
            if (csrf.enabled()) {
                String token = form.get(Csrf.FIELD);
                String why = csrf.refuseToken(transport, token != null ? token : transport.header(Csrf.HEADER));
                if (why != null) {
                    forbid(why);
                    return;
                }
            }
            boolean noScript = form.get(Forms.NO_SCRIPT_FIELD) != null;
            run(form.without(Csrf.FIELD).without(Forms.NO_SCRIPT_FIELD), noScript);
        }));
    }

    private void run(FormData form, boolean noScript) {
        CompletionStage<? extends ActionResult> stage;
        try {
            stage = action.run(new ActionRequest(transport, form));
            if (stage == null) {
                stage = CompletableFuture.failedFuture(new NullPointerException("An action returned null"));
            }
        } catch (Throwable t) {
            stage = CompletableFuture.failedFuture(t);
        }
        stage.whenComplete((result, error) -> executor.execute(() -> {
            if (gone) {
                return; // the mutation ran; no one waits for its answer
            }
            try {
                if (error != null) {
                    fail(unwrap(error));
                } else if (result == null) {
                    fail(new NullPointerException("An action completed with null"));
                } else {
                    answer(result, noScript);
                }
            } catch (Throwable t) {
                broke(t);
            }
        }));
    }

    /** A bug of the host's own while answering: reported, and answered as one, never left hanging. */
    private void broke(Throwable t) {
        String digest = host.report(t);
        if (!transport.headWritten()) {
            plain(500, "Error (" + digest + ")");
        } else if (!transport.ended()) {
            transport.reset();
        }
    }

    private void answer(ActionResult result, boolean noScript) {
        if (result instanceof ActionResult.Redirect redirect) {
            redirect(303, redirect.location(), redirect.invalidated(), noScript);
        } else if (result instanceof ActionResult.Invalid invalid) {
            // a form the client runtime sent says which layouts it shows: the answer is a navigation
            List<String> from = noScript ? null : navigation();
            // the page again where the form is: the address bar stays (no Arbor-Url)
            PageExchange exchange = from == null
                    ? new PageExchange(host, transport, page, 422)
                    : PageExchange.navigation(host, transport, page, 422, from,
                            new SingleFlight(null, invalid.invalidated()));
            exchange.request().submission(invalid.submission(), noScript);
            answered = true;
            exchange.start();
        } else if (result instanceof ActionResult.Failure failure) {
            failure(failure.status(), failure.error());
        }
    }

    /**
     * A redirect: a {@code 303} for a plain form; for one the client runtime sent, the page it
     * leads to in this same response (single flight) when a page is mounted on its path, a
     * {@code 303} that the runtime's fetch follows (with its headers: frames again) otherwise,
     * and a {@code 204} naming it when it is on another site.
     */
    private void redirect(int status, String location, List<QueryKey> invalidated, boolean noScript) {
        List<String> from = noScript ? null : navigation();
        if (from == null || answered || transport.headWritten()) {
            redirect(status, location);
            return;
        }
        if (!SingleFlight.isLocal(location)) {
            leave(location);
            return;
        }
        Mounts.Match target = targets.apply(SingleFlight.pathOf(location));
        if (target == null) {
            redirect(status, location);
            return;
        }
        answered = true;
        SingleFlight flight = new SingleFlight(location, invalidated);
        PageExchange.navigation(host, flight.retarget(transport, target), target.page(), 200, from, flight).start();
    }

    /** The layouts the runtime that sent this form shows, or null for a plain form post. */
    private List<String> navigation() {
        try {
            return Navigation.parse(transport.header(Navigation.NAVIGATE));
        } catch (Navigation.Malformed e) {
            return null; // answered as a plain post
        }
    }

    /**
     * Sends the runtime to a document on another site, which it loads itself: a {@code 204} naming
     * it, since its fetch would follow a {@code 303} there and fail for want of CORS.
     */
    private void leave(String location) {
        answered = true;
        Navigation.reload(transport, location);
    }

    private void fail(Throwable error) {
        if (error instanceof Halt halt) {
            if (halt.isRedirect()) {
                redirect(halt.status(), halt.location(), List.of(), false);
            } else {
                failure(404, halt);
            }
            return;
        }
        failure(500, error);
    }

    private void redirect(int status, String location) {
        if (answered || transport.headWritten()) {
            return;
        }
        answered = true;
        transport.status(status);
        transport.headers().set(HttpHeaders.LOCATION, location).set(HttpHeaders.CACHE_CONTROL, "no-store");
        transport.end();
    }

    /** The failure's status with the error page (the not-found page for a 404), its error reported. */
    private void failure(int status, Throwable error) {
        if (answered || transport.headWritten()) {
            return;
        }
        answered = true;
        if (status == 404) {
            new PageExchange(host, transport, host.notFoundPage(), 404).start();
            return;
        }
        String digest = host.report(error);
        RenderError reported = new RenderError(digest, error, host.renderer().mode());
        PageRequest request = new PageRequest(transport, HostConfig.newNonce(), host);
        DomContent root;
        try {
            // development mode: the exception, its stack and where it happened; nothing in production
            root = host.document(host.head().merge(Head.of("Something went wrong")),
                    TagCreator.each(host.errorPage().render(request, reported), Arbor.errorDetails(reported)),
                    request.nonce(), null);
        } catch (Throwable t) {
            plain(status, "Error (" + digest + ")");
            return;
        }
        RenderOptions options = RenderOptions.builder().nonce(request.nonce()).executor(executor).build();
        host.renderer().renderToString(root, options).whenComplete((html, failed) -> executor.execute(() -> {
            if (gone || transport.headWritten()) {
                return;
            }
            if (failed != null) {
                plain(status, "Error (" + digest + ")");
                return;
            }
            transport.status(status);
            transport.headers().set(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .set(HttpHeaders.CACHE_CONTROL, "no-store");
            String csp = host.contentSecurityPolicy(request.nonce());
            if (csp != null) {
                transport.headers().set("Content-Security-Policy", csp);
            }
            transport.end(Buffer.buffer(html));
        }));
    }

    private void forbid(String why) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "Refused a form (403): " + transport.path() + ": " + why);
        }
        refuse(403, "Forbidden: this form was refused because " + why + ".");
    }

    private void refuse(int status, String text) {
        if (answered || transport.headWritten()) {
            return;
        }
        answered = true;
        plain(status, text);
        if (status == 413) {
            source.abandon();
        }
    }

    private void plain(int status, String text) {
        transport.status(status);
        transport.headers().set(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaders.CACHE_CONTROL, "no-store");
        transport.end(Buffer.buffer(text));
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
