package dev.arbor;

import java.time.Duration;

/**
 * Runs a task after a delay; the renderer uses it for deadlines. The default is a daemon thread
 * shared by all renders; the Vert.x host passes {@code vertx.setTimer}; tests pass a manual one to
 * decide when a deadline passes.
 */
@FunctionalInterface
public interface Scheduler {

    /**
     * @param delay how long to wait
     * @param task what to run; the renderer hands it to the render's serial executor itself
     * @return what cancels the task
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run; does nothing otherwise. */
        void cancel();
    }
}
