package dev.arbor;

import java.util.concurrent.CompletionStage;

/** A streaming render in progress, as returned by {@link Renderer#stream}. */
public interface RenderHandle {

    /**
     * Completes once the shell has been handed to the sink; fails with the cause when the render
     * fails before the shell (an error outside every boundary, or the deadline).
     */
    CompletionStage<Void> shell();

    /**
     * Completes when the sink has been ended; fails when the render failed or was aborted
     * (with {@link java.util.concurrent.CancellationException} for {@link #abort()}).
     */
    CompletionStage<Void> done();

    /**
     * The client went away: cancels every pending stage ({@code CompletableFuture.cancel}), drops
     * the pending output and stops all work. Nothing more is written to the sink and nothing is
     * reported as an error. Safe to call from any thread, any number of times.
     */
    void abort();
}
