package dev.arbor;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The default {@link Scheduler}: one daemon thread for every render's deadline. */
final class DaemonScheduler implements Scheduler {
    /** The shared instance. */
    static final DaemonScheduler INSTANCE = new DaemonScheduler();

    private final ScheduledThreadPoolExecutor executor;

    private DaemonScheduler() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "arbor-deadlines");
            t.setDaemon(true);
            return t;
        });
        // a cancelled deadline must not keep its request reachable until it would have fired
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
