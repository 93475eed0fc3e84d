package dev.arbor;

import dev.arbor.internal.RenderConfig;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One render's events, on their way to the renderer's {@link RenderListener}: durations counted
 * from the render's start, the deadline counted once, and a listener that throws logged, never
 * passed on to the render.
 */
final class RenderEvents implements RenderConfig.Events {
    private static final System.Logger LOG = System.getLogger(RenderListener.class.getName());

    private final RenderListener listener;
    private final long startNanos = System.nanoTime();
    private boolean deadlinePassed;

    RenderEvents(RenderListener listener) {
        this.listener = listener;
        call(listener::renderStarted);
    }

    /** Follows a render's shell and its end. */
    void follow(CompletionStage<Void> shell, CompletionStage<Void> done) {
        shell.whenComplete((v, error) -> {
            if (error == null) {
                call(() -> listener.shellSent(elapsed()));
            }
        });
        done.whenComplete((v, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause == null) {
                call(() -> listener.renderCompleted(elapsed()));
            } else if (cause instanceof CancellationException) {
                call(() -> listener.renderAborted(elapsed()));
            } else {
                call(() -> listener.renderFailed(elapsed(), cause));
            }
        });
    }

    @Override
    public void boundaryStreamed() {
        call(() -> listener.boundaryStreamed(elapsed()));
    }

    @Override
    public void boundaryInlined() {
        call(listener::boundaryInlined);
    }

    /** The deadline ended a pending part: the first time, the listener hears of it. */
    void deadline() {
        if (!deadlinePassed) {
            deadlinePassed = true;
            call(listener::deadlinePassed);
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Calls the listener; what it throws is logged, so a metrics bug never breaks a page. */
    static void call(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A RenderListener failed: " + e);
        }
    }
}
