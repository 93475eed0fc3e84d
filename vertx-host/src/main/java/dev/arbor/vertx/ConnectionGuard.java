package dev.arbor.vertx;

import dev.arbor.Scheduler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes connections that hold a slot without asking for anything: Vert.x has an idle timeout,
 * but a client that sends a request's head one byte at a time is never idle. A connection must
 * deliver a complete request head within the header timeout of opening, and again within the
 * header timeout (at most twice it) of its last response ending; while a response is under way
 * nothing is timed here (the idle timeout and the page's deadline are). Connection errors are
 * clients misbehaving or leaving: one debug line, never a stack.
 *
 * <p>One guard per server instance; its handlers run on that instance's event loop.
 */
final class ConnectionGuard {
    private static final System.Logger LOG = System.getLogger(ArborServer.class.getName());

    private final Scheduler scheduler;
    private final Duration headerTimeout;
    /** The open connections' watches; touched on the server instance's event loop only. */
    private final Map<HttpConnection, Watch> watches = new HashMap<>();

    /**
     * @param scheduler runs the checks (Vert.x timers in production)
     * @param headerTimeout how long a connection may wait for a complete request head; zero for no limit
     */
    ConnectionGuard(Scheduler scheduler, Duration headerTimeout) {
        this.scheduler = scheduler;
        this.headerTimeout = headerTimeout;
    }

    /** For {@code HttpServer.connectionHandler}. */
    void connected(HttpConnection connection) {
        connection.exceptionHandler(error -> {
            if (!RouterFailures.isClientGone(error) && LOG.isLoggable(System.Logger.Level.DEBUG)) {
                LOG.log(System.Logger.Level.DEBUG, "Connection error from " + connection.remoteAddress() + ": " + error);
            }
        });
        if (headerTimeout.isZero()) {
            return;
        }
        Watch watch = new Watch(connection, Vertx.currentContext());
        watches.put(connection, watch);
        connection.closeHandler(v -> {
            watch.closed = true;
            watches.remove(connection);
            // the pending check holds the connection and its responses: let go of them now, not
            // one header timeout later (an open-streams benchmark saw closed connections linger)
            watch.cancel.cancel();
        });
        watch.schedule();
    }

    /** For the request handler, called when a request's head is complete. */
    void headReceived(HttpServerRequest request) {
        Watch watch = watches.get(request.connection());
        if (watch != null) {
            watch.requests++;
            watch.responses.add(request.response());
        }
    }

    /** The state of one connection, checked once per header timeout. */
    private final class Watch {
        private final HttpConnection connection;
        private final Context context;
        final List<HttpServerResponse> responses = new ArrayList<>();
        int requests;
        boolean closed;
        /** Cancels the next check. */
        Scheduler.Cancellable cancel = () -> { };
        private int requestsAtLastCheck;
        private boolean busyAtLastCheck;

        Watch(HttpConnection connection, Context context) {
            this.connection = connection;
            this.context = context;
        }

        void schedule() {
            cancel = scheduler.schedule(headerTimeout, () -> {
                if (context != null) {
                    context.runOnContext(v -> check());
                } else {
                    check();
                }
            });
        }

        /**
         * Closes the connection when, for a whole period, no response was under way and no request
         * head arrived; otherwise looks again one period later.
         */
        void check() {
            if (closed) {
                return;
            }
            responses.removeIf(r -> r.ended() || r.closed());
            boolean busy = !responses.isEmpty();
            boolean active = busy || busyAtLastCheck || requests != requestsAtLastCheck;
            busyAtLastCheck = busy;
            requestsAtLastCheck = requests;
            if (active) {
                schedule();
                return;
            }
            connection.close();
        }
    }
}
