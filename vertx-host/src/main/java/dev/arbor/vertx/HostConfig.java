package dev.arbor.vertx;

import static j2html.TagCreator.body;
import static j2html.TagCreator.html;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.noscript;

import dev.arbor.Arbor;
import dev.arbor.Renderer;
import dev.arbor.query.DehydrateOptions;
import dev.arbor.query.QueryClient;
import j2html.TagCreator;
import j2html.tags.DomContent;
import dev.arbor.query.QueryRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything a request needs from its {@link ArborHost}, made once when the host is built and
 * handed to each exchange as one value: the exchanges never call back into the host.
 *
 * @param renderer renders the pages
 * @param head the head every page starts from
 * @param lang the document's language
 * @param deadline how long a response may take when its page sets none
 * @param crawlers user agents that get the complete document, or {@code null}
 * @param csp the {@code Content-Security-Policy} template ({@code {nonce}} for the nonce), or {@code null}
 * @param notFoundPage answers 404
 * @param errorPage renders the 500 page's body
 * @param clientRuntimeInHead whether every page's head carries the client runtime
 * @param noScriptRedirect whether a streamed page sends browsers without JavaScript to its
 *     complete document
 * @param dehydrateOptions how queries reach the client
 * @param clientNavigation whether streamed pages load the navigation script
 * @param csrf the CSRF protection of actions and forms
 * @param maxFormSize the largest form body an action reads, in bytes
 * @param queries the queries the host can run by key (an action's invalidations), or {@code null}
 * @param mounts the pages mounted by path, which an action's redirect may lead to
 */
record HostConfig(
        Renderer renderer,
        Head head,
        String lang,
        Duration deadline,
        Pattern crawlers,
        String csp,
        Page<?> notFoundPage,
        ArborHost.ErrorPage errorPage,
        boolean clientRuntimeInHead,
        boolean noScriptRedirect,
        DehydrateOptions dehydrateOptions,
        boolean clientNavigation,
        Csrf csrf,
        long maxFormSize,
        QueryRegistry queries,
        Mounts mounts) {

    /** Thread-safe; one for every host is as good as one each. */
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 16;
    /**
     * The random bytes of the next 256 nonces, drawn from {@link #RANDOM} in one call; guarded by
     * itself. Measured on the request path: one {@code nextBytes} per request (the platform's
     * NativePRNG: a lock, SHA1PRNG mixing and, after 100 ms without a call, a read of
     * /dev/urandom) took 22 µs at the median between requests 0.4 s apart, 7 µs with this pool
     * (docs/benchmarks.md, section 4). The bytes are as unpredictable drawn early as drawn late,
     * and each is handed out once.
     */
    private static final byte[] NONCE_POOL = new byte[256 * NONCE_BYTES];
    private static int nonceOffset = NONCE_POOL.length;

    /** @return a fresh CSP nonce: 16 random bytes in Base64 */
    static String newNonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        synchronized (NONCE_POOL) {
            if (nonceOffset == NONCE_POOL.length) {
                RANDOM.nextBytes(NONCE_POOL);
                nonceOffset = 0;
            }
            System.arraycopy(NONCE_POOL, nonceOffset, bytes, 0, NONCE_BYTES);
            nonceOffset += NONCE_BYTES;
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** @return the CSP header for a nonce, or {@code null} when disabled */
    String contentSecurityPolicy(String nonce) {
        return csp == null ? null : csp.replace("{nonce}", nonce);
    }

    /** @return whether the request asked for the complete document, or comes from a crawler */
    boolean wantsCompleteDocument(PageRequest request) {
        if (request.wantsCompleteDocument()) {
            return true; // a form re-rendered for a browser without JavaScript
        }
        if ("document".equalsIgnoreCase(request.header(ArborHost.RENDER_PARAMETER))) {
            return true;
        }
        // Any of the values: the no-script refresh adds one, and must never loop.
        for (String value : request.queryParams(ArborHost.RENDER_PARAMETER)) {
            if ("document".equalsIgnoreCase(value)) {
                return true;
            }
        }
        String agent = request.header("User-Agent");
        return agent != null && crawlers != null && crawlers.matcher(agent).find();
    }

    /** A query client for one request, with the renderer's mapper. */
    QueryClient newQueryClient() {
        return QueryClient.builder().objectMapper(renderer.objectMapper()).build();
    }

    /**
     * Reports an error through the renderer's {@link dev.arbor.ErrorReporter}.
     *
     * @return the digest the client may see
     */
    String report(Throwable error) {
        return renderer.report(error).digest();
    }

    /**
     * @param pageHead the page's head
     * @param content the body's content
     * @param nonce the request's CSP nonce, for the head's scripts
     * @param noScriptUrl where a browser without JavaScript finds the complete document (a
     *     streamed page's content sits in templates that only script can show); {@code null} for
     *     a response that is complete already
     * @return the whole document: the head's tags (and the runtime) and the content as body
     */
    DomContent document(Head pageHead, DomContent content, String nonce, String noScriptUrl) {
        List<DomContent> tags = new ArrayList<>();
        tags.add(meta().withCharset("utf-8"));
        tags.add(meta().withName("viewport").withContent("width=device-width, initial-scale=1"));
        if (noScriptUrl != null && noScriptRedirect) {
            // Parsed as markup only when scripting is off: such a browser loads the complete document.
            tags.add(noscript(meta().attr("http-equiv", "refresh").withContent("0; url=" + noScriptUrl)));
        }
        tags.addAll(pageHead.tags());
        if (clientRuntimeInHead) {
            tags.add(Arbor.clientRuntime());
            if (clientNavigation && noScriptUrl != null) {
                // streamed pages navigate; the script uses the runtime, so it runs after it
                tags.add(TagCreator.script().withSrc(NavigationScript.PATH).attr("nonce", nonce).attr("defer", ""));
            }
        }
        tags.addAll(pageHead.scripts(nonce)); // after the runtime: they may use window.arbor
        return html(
                TagCreator.head(tags.toArray(new DomContent[0])),
                content == null ? body() : body(content))
                .withLang(lang);
    }
}
