package dev.arbor;

import java.time.Duration;

/**
 * Hears what renders do, for metrics and tracing (OkHttp's {@code EventListener}): one listener per
 * {@link Renderer}, called for every render, from the thread that runs the render's state changes.
 * Every method has an empty default; override what you measure. A listener must be fast and
 * thread-safe, and what it throws is logged and ignored. Durations count from the render's start.
 *
 * <p>The Vert.x host's {@code ArborMetrics} records them as Micrometer meters.
 */
public interface RenderListener {
    /** A listener that does nothing: the default. */
    RenderListener NONE = new RenderListener() {
    };

    /** A render started (a stream, a complete document, or a host's error page). */
    default void renderStarted() {
    }

    /**
     * The shell went out: the first bytes, with the fallbacks of whatever is still pending (for a
     * complete render, the whole document).
     *
     * @param timeToShell since the render started
     */
    default void shellSent(Duration timeToShell) {
    }

    /**
     * The render ended normally: every boundary streamed (or ended as an error), the stream closed.
     *
     * @param timeToComplete since the render started
     */
    default void renderCompleted(Duration timeToComplete) {
    }

    /**
     * The client went away (the render was aborted, or the output refused a chunk).
     *
     * @param after since the render started
     */
    default void renderAborted(Duration after) {
    }

    /**
     * The render failed as a whole: before its shell (the host answers 500), or by a fault of Arbor's.
     *
     * @param after since the render started
     * @param cause why
     */
    default void renderFailed(Duration after, Throwable cause) {
    }

    /**
     * A boundary's content streamed in after its fallback.
     *
     * @param latency since the render started: when that part of the page arrived
     */
    default void boundaryStreamed(Duration latency) {
    }

    /** A boundary was complete when its parent went out, so its content went inline: no fallback, no script. */
    default void boundaryInlined() {
    }

    /** The render's deadline passed while parts were still pending (once per render). */
    default void deadlinePassed() {
    }

    /**
     * An error was reported under a digest: a boundary's failure, a failed render, or a host's own
     * (a loader, a query).
     *
     * @param digest the digest the client sees
     * @param error the full error
     */
    default void errorReported(String digest, Throwable error) {
    }
}
