package dev.arbor.internal;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.arbor.internal.wire.ArrayPool;
import j2html.tags.DomContent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Everything one render needs from the API, as a value: the core never calls back into the object
 * that started it (as Fizz's {@code createRequest} takes its options).
 *
 * @param development whether views may show error messages
 * @param deadline how long the render may take
 * @param json writes values sent to the client, escaped for a script
 * @param timers schedules the deadline
 * @param executor runs the render's state changes one at a time, or {@code null} for any thread
 * @param nonce the CSP nonce of every script, or {@code null}
 * @param complete write the whole document once, when everything is complete (no fallbacks, no
 *     swaps); otherwise stream
 * @param errors makes and reports failures
 * @param events hears what the render does with its boundaries, for metrics
 * @param queries streamed hydration: queries to send to the client's cache as they settle, or
 *     {@code null}
 * @param buffers where the render's output buffers come from, and where the render gives back
 *     those whose bytes it copied into a chunk
 */
public record RenderConfig(boolean development, Duration deadline, ObjectWriter json, Timers timers,
        Executor executor, String nonce, boolean complete, Errors errors, Events events, QueryFeed queries,
        ArrayPool buffers) {

    /**
     * Streamed hydration (TanStack's {@code ReactQueryStreamedHydration}): the request's queries
     * that were not sent yet, asked for at every flush, so that each one reaches the client's cache
     * once, when it settles, without a hydration boundary written by hand.
     */
    @FunctionalInterface
    public interface QueryFeed {
        /**
         * Hands over every query not sent yet, and marks it sent.
         *
         * @param settled receives a settled query as JSON ({@code queryKey}, {@code queryHash},
         *     {@code state}), to send at this flush
         * @param pending receives a query whose fetch is under way, to send when it settles
         */
        void poll(Consumer<ObjectNode> settled, Consumer<HydrationBoundaryNode.PendingQuery> pending);
    }

    /** What the render does with its boundaries; called on the render's executor, must not throw. */
    public interface Events {
        /** A boundary's content went out after its fallback, as a chunk of its own. */
        void boundaryStreamed();

        /** A boundary was complete when its parent went out: its content went inline, no fallback. */
        void boundaryInlined();
    }

    /** Schedules deadlines. */
    @FunctionalInterface
    public interface Timers {
        /**
         * @param delay how long from now
         * @param task what to run then (on any thread)
         * @return cancels the task
         */
        Runnable schedule(Duration delay, Runnable task);
    }

    /** Turns errors into failures, and reports them. */
    public interface Errors {
        /**
         * @param cause an error
         * @return the failure under a new digest, not reported yet
         */
        Failure failure(Throwable cause);

        /**
         * Logs a failure with its digest. Never throws.
         *
         * @param failure the failure
         */
        void report(Failure failure);

        /**
         * @param cause an error
         * @return whether it is a signal (a not-found, a redirect) that steers the response rather
         *     than an error, reported only when a boundary has to show it
         */
        boolean isSignal(Throwable cause);

        /** @return the error a part still pending at the deadline ends with */
        RuntimeException timeout();

        /**
         * @param failure a failure an error view shows
         * @return development mode: the error's details (exception, stack, component path) to show
         *     after the error view; {@code null} in production
         */
        DomContent developmentView(Failure failure);
    }
}
