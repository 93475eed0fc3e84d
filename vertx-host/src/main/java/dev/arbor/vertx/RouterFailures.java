package dev.arbor.vertx;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.regex.Pattern;

/**
 * What a router answers for requests that no route handled: Vert.x Web logs each of them as a
 * multi-line "Unhandled exception in router", so any client could flood the log with malformed
 * requests, and logs a client that left during a static file as an error.
 *
 * <ul>
 *   <li>A malformed request (a bad {@code %}-escape in the path or query, no {@code Host}, a body
 *       too large, a method no route takes) answers its 4xx at once, logged as one short line at
 *       debug level.</li>
 *   <li>A failure of a route's handler answers 500, reported under a digest through the
 *       renderer's {@link dev.arbor.ErrorReporter} like a page's error, unless the client went
 *       away: that is no error, and nothing is logged.</li>
 * </ul>
 */
final class RouterFailures {
    private static final System.Logger LOG = System.getLogger(ArborHost.class.getName());
    /** The 4xx answers a router gives on its own for requests it cannot route. */
    private static final int[] BAD_REQUESTS = {400, 404, 405, 406, 413, 414, 415, 431};
    private static final int MAX_LOGGED_URI = 200;
    private static final Pattern PEER_LEFT = Pattern.compile(
            ".*(?:connection.*(?:reset|closed|abort)|broken.*pipe).*", Pattern.CASE_INSENSITIVE);

    private RouterFailures() {
    }

    static void install(Router router, ArborHost host) {
        for (int status : BAD_REQUESTS) {
            router.errorHandler(status, context -> badRequest(context, status));
        }
        router.errorHandler(500, context -> failed(context, host));
    }

    private static void badRequest(RoutingContext context, int status) {
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            Throwable failure = context.failure();
            LOG.log(System.Logger.Level.DEBUG, "Bad request (" + status + "): " + context.request().method() + " "
                    + printable(context.request().uri()) + (failure == null ? "" : ": " + firstLine(failure)));
        }
        answer(context.response(), status, io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase());
    }

    private static void failed(RoutingContext context, ArborHost host) {
        Throwable failure = context.failure();
        HttpServerResponse response = context.response();
        if (response.closed() || isClientGone(failure)) {
            return; // the client went away: nothing to answer, nothing failed
        }
        if (failure == null) {
            answer(response, 500, "Internal Server Error");
            return;
        }
        String digest = host.renderer().report(failure).digest();
        answer(response, 500, "Internal Server Error (" + digest + ")");
    }

    /**
     * True for what a transport raises when its peer left: a closed channel, or a reset or broken
     * connection (plain {@link IOException}s whose only mark is their message, which Netty's own
     * handlers match the same way).
     */
    static boolean isClientGone(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException || t instanceof HttpClosedException) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null && PEER_LEFT.matcher(t.getMessage()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static void answer(HttpServerResponse response, int status, String text) {
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(text);
    }

    /** The URI as a short line: control characters escaped, cut after {@value #MAX_LOGGED_URI} characters. */
    private static String printable(String uri) {
        if (uri == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < uri.length() && out.length() < MAX_LOGGED_URI; i++) {
            char c = uri.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return uri.length() > MAX_LOGGED_URI ? out + "..." : out.toString();
    }

    private static String firstLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return printable(newline < 0 ? message : message.substring(0, newline));
    }
}
