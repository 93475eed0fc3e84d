package dev.arbor.vertx;

import static j2html.TagCreator.rawHtml;

import dev.arbor.query.DehydrateOptions;
import dev.arbor.query.QueryClient;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import j2html.TagCreator;
import j2html.tags.specialized.ScriptTag;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The request a page is served for, as its loaders and views see it: parameters, headers, the
 * CSP nonce, the query cache. One per request; immutable but for its {@link #queryClient()},
 * made on first use. {@link #routingContext()} is the way out to everything else Vert.x Web offers.
 */
public final class PageRequest {
    private final Transport context;
    private final String nonce;
    private final HostConfig host;
    private QueryClient queryClient;
    private volatile int status; // 0: the host's (200, or 404 for the not-found page)
    private volatile String cacheControl; // null: no-store
    private volatile boolean streamQueries;
    private volatile Submission submission = Submission.none();
    private volatile boolean completeDocument;
    private String csrfToken;
    private boolean csrfUsed;

    PageRequest(Transport context, String nonce, HostConfig host) {
        this.context = context;
        this.nonce = nonce;
        this.host = host;
    }

    /**
     * @param name a parameter of the route's path ({@code :id} in {@code /products/:id})
     * @return its decoded value, or {@code null}
     */
    public String pathParam(String name) {
        return context.pathParam(name);
    }

    /**
     * @param name a query parameter
     * @return its first value, or {@code null}
     */
    public String queryParam(String name) {
        List<String> values = context.queryParams(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * @param name a query parameter that holds a whole number
     * @param defaultValue the value when the parameter is missing or not a number
     * @return the parameter's value
     */
    public long queryParam(String name, long defaultValue) {
        String value = queryParam(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /**
     * Sets the status of this page's response, as a loader or a view decides it before the shell
     * is sent: a {@code 422} for a form whose values need fixing, a {@code 410} for something
     * removed. A redirect or a not-found is a {@link Halt}; a failure before the shell answers 500
     * whatever was set here.
     *
     * @param status a status with a body: 200 to 599, but not 204, 205, 304 nor a redirect (3xx)
     * @return this request
     * @throws IllegalArgumentException for another status
     * @throws IllegalStateException once the response's head was sent (after the shell, a part
     *     that fails shows in its error boundary instead)
     */
    public PageRequest status(int status) {
        if (status < 200 || status > 599 || status == 204 || status == 205 || (status >= 300 && status < 400)) {
            throw new IllegalArgumentException("Not a page's status: " + status
                    + " (redirects and not-founds are a Halt; a page always has a body)");
        }
        checkHeadNotSent("status");
        this.status = status;
        return this;
    }

    /**
     * Sets this page's {@code Cache-Control}, before the shell is sent. Every page is
     * {@code no-store} unless it says otherwise: a page that holds nothing personal may allow
     * caching ({@code public, max-age=60}). Error pages are always {@code no-store}.
     *
     * @param value the header's value
     * @return this request
     * @throws IllegalArgumentException for a value that is empty or breaks a line
     * @throws IllegalStateException once the response's head was sent
     */
    public PageRequest cacheControl(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Not a Cache-Control value: \"" + value + "\"");
        }
        checkHeadNotSent("Cache-Control");
        this.cacheControl = value;
        return this;
    }

    private void checkHeadNotSent(String what) {
        if (context.headWritten()) {
            throw new IllegalStateException("The " + what + " can no longer change: the shell was sent");
        }
    }

    /** @return the status page code set, or {@code defaultStatus} */
    int statusOr(int defaultStatus) {
        return status == 0 ? defaultStatus : status;
    }

    /**
     * @return the Cache-Control page code set, or {@code no-store}; always {@code no-store} for a
     *     page that holds a CSRF token, which is one user's and must not reach another from a cache
     */
    synchronized String cacheControlOrNoStore() {
        String value = cacheControl;
        return value == null || csrfUsed ? "no-store" : value;
    }

    /**
     * The form the user sent, when this page is rendered again because an {@link Action} found
     * its values invalid ({@code 422}): the values to fill the form in with and the errors to
     * show. {@link Forms} reads it by itself.
     *
     * @return the submission, or {@link Submission#none()} for a page requested with GET
     */
    public Submission submission() {
        return submission;
    }

    /** Sets the submission of a page rendered again with 422, before it starts. */
    void submission(Submission submission, boolean completeDocument) {
        this.submission = submission;
        this.completeDocument = completeDocument;
    }

    /** @return whether the page's form came from a browser without JavaScript (its document is sent whole) */
    boolean wantsCompleteDocument() {
        return completeDocument;
    }

    /**
     * The CSRF token to put in a form ({@link Forms#form} does): the one of the request's cookie
     * when it carries a valid one, else a fresh one, whose cookie this response then sets. The page
     * is then {@code no-store}, whatever {@link #cacheControl} says: the token is this user's. Call it before the shell is sent (in a loader or a view); after the shell
     * it works only when the request brought a valid cookie.
     *
     * @return the token, or {@code null} when the host's CSRF protection is off
     * @throws IllegalStateException for a new token after the shell was sent
     */
    public synchronized String csrfToken() {
        Csrf csrf = host.csrf();
        if (!csrf.enabled()) {
            return null;
        }
        if (csrfToken == null) {
            String existing = csrf.cookieToken(context);
            if (existing != null) {
                csrfToken = existing;
            } else {
                checkHeadNotSent("CSRF cookie");
                csrfToken = csrf.newToken();
                context.headers().add("Set-Cookie", csrf.setCookie(context, csrfToken));
            }
        }
        csrfUsed = true;
        return csrfToken;
    }

    /**
     * @param name a request header, in any case
     * @return its value, or {@code null}
     */
    public String header(String name) {
        return context.header(name);
    }

    /**
     * A relative URL of this page's complete document: this request's query (as sent) with
     * {@code arbor-render=document} added, such as {@code ?slow=1&arbor-render=document}. Only a
     * query, so that it resolves to the same path whatever the path holds. Characters that are
     * not safe in an attribute or a refresh are percent-encoded.
     */
    String completeDocumentUri() {
        String query = context.query();
        String uri = "?" + (query == null || query.isEmpty() ? "" : query + "&")
                + ArborHost.RENDER_PARAMETER + "=document";
        StringBuilder safe = new StringBuilder(uri.length());
        for (byte b : uri.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && "\"'<>\\`^{|}#".indexOf(c) < 0) {
                safe.append((char) c);
            } else {
                safe.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return safe.toString();
    }

    /**
     * @return the request's path, without the query, normalized as Vert.x Web does: dot segments
     *     removed, percent-encoded unreserved characters decoded, others ({@code %20}, {@code %2F})
     *     kept as sent; {@link #pathParam} decodes
     */
    public String path() {
        return context.path();
    }

    /**
     * The CSP nonce of this request. Arbor puts it on every script it writes; put it on your own
     * inline scripts too, or use {@link #script(String)}.
     *
     * @return the nonce, fresh for every request
     */
    public String nonce() {
        return nonce;
    }

    /**
     * An inline script that carries this request's nonce, for page code such as reading deferred
     * values with {@code arbor.deferred(key).then(...)}.
     *
     * @param javascript the code, written as is (not escaped); must not contain {@code </script}
     * @return the {@code <script nonce>} tag
     */
    public ScriptTag script(String javascript) {
        Objects.requireNonNull(javascript, "javascript");
        if (javascript.toLowerCase(Locale.ROOT).contains("</script")) {
            throw new IllegalArgumentException("An inline script must not contain </script");
        }
        return TagCreator.script(rawHtml(javascript)).attr("nonce", nonce);
    }

    /**
     * This request's query cache: loaders and server components of one request (layouts
     * included) prefetch into it and dehydrate from it. Made on first use, with the renderer's
     * mapper; never shared with another request, so one user's data cannot reach another.
     *
     * @return the request's query client
     */
    public synchronized QueryClient queryClient() {
        if (queryClient == null) {
            queryClient = host.newQueryClient();
        }
        return queryClient;
    }

    /**
     * Streamed hydration for this page (TanStack Query's {@code ReactQueryStreamedHydration}): every
     * query of {@link #queryClient()} (what the loaders started and what server components fetch
     * while the page renders) reaches the browser's cache by itself, once, when it settles, with
     * {@link #dehydrateOptions()} (errors redacted in production). No {@code hydrationBoundary} is
     * needed; one written by hand with {@code Dehydration.dehydrateNew} still works, and no query
     * is sent twice. Call it from a loader or a view, before the shell.
     *
     * <p>Explicit prefetching in a loader stays the better choice where it fits: every fetch starts
     * at once, in parallel, on the first load and on every later navigation; queries found only
     * while rendering start when the component that needs them renders, so nested ones wait for
     * their parents (a waterfall).
     *
     * @return this request
     */
    public PageRequest streamQueries() {
        this.streamQueries = true;
        return this;
    }

    /** @return whether the page's queries stream to the client ({@link #streamQueries()}) */
    boolean streamsQueries() {
        return streamQueries;
    }

    /** The response is over or the client is gone: no query of this request may run on. */
    synchronized void cancelQueries() {
        if (queryClient != null) {
            queryClient.cancelQueries();
        }
    }

    /**
     * The host's {@link ArborHost#dehydrateOptions()}: errors redacted in production, each reported
     * with the digest the client sees.
     *
     * @return the options, to refine ({@code .includePendingQueries(true)})
     */
    public DehydrateOptions dehydrateOptions() {
        return host.dehydrateOptions();
    }

    /** @return every value of a query parameter, decoded; empty when absent */
    List<String> queryParams(String name) {
        return context.queryParams(name);
    }

    /**
     * @return the Vert.x instance serving the request, for timers and clients in loaders
     * @throws IllegalStateException in a {@link PageTester} given no Vert.x instance
     */
    public Vertx vertx() {
        return context.vertx();
    }

    /**
     * @return Vert.x Web's context of the request. A page served in an action's answer (a single
     *     flight: the action redirected to it) runs on the action's request, and this is the
     *     action's context (its {@code POST}, path and parameters); this request's own
     *     {@link #path()}, {@link #queryParam} and {@link #pathParam} are the page's
     * @throws IllegalStateException in a {@link PageTester}, which has none
     */
    public RoutingContext routingContext() {
        return context.routingContext();
    }
}
