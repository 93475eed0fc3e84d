package dev.arbor.testing;

import dev.arbor.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Scheduler} for tests whose tasks run only when the test fires them: a deadline passes
 * exactly when the test says, never because a machine was slow. Give it to the renderer (or to a
 * host) in place of real timers:
 *
 * <pre>{@code
 * ManualScheduler scheduler = new ManualScheduler();
 * Renderer renderer = Renderer.builder().scheduler(scheduler).build();
 * RenderHandle handle = renderer.stream(page, RenderOptions.defaults(), sink); // data still pending
 * scheduler.fireAll();                                  // the deadline passes now
 * assertEquals(0, scheduler.pending());                 // and no timer is left behind
 * }</pre>
 *
 * <p>Thread-safe: tasks may be scheduled and cancelled from any thread. Fired tasks run on the
 * thread that fires them, outside any lock.
 */
public final class ManualScheduler implements Scheduler {
    private enum State { PENDING, FIRED, CANCELLED }

    private static final class Entry {
        final Duration delay;
        final Runnable task;
        State state = State.PENDING;

        Entry(Duration delay, Runnable task) {
            this.delay = delay;
            this.task = task;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private int cancelled;
    private CompletableFuture<Void> scheduled = new CompletableFuture<>();

    /** A scheduler with no task yet. */
    public ManualScheduler() {
    }

    /**
     * Holds the task until {@link #fireAll()}; the delay is only recorded ({@link #delays()}).
     *
     * @param delay how long the caller meant to wait
     * @param task what to run when the test fires it
     * @return what cancels the task; cancelling a task that was fired or cancelled does nothing
     */
    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Entry entry = new Entry(delay, task);
        entries.add(entry);
        scheduled.complete(null);
        scheduled = new CompletableFuture<>();
        return () -> {
            synchronized (this) {
                if (entry.state == State.PENDING) {
                    entry.state = State.CANCELLED;
                    cancelled++;
                }
            }
        };
    }

    /**
     * Runs every task scheduled and neither fired nor cancelled yet, in the order they were
     * scheduled, as if all their delays had passed. Tasks they schedule wait for the next call.
     */
    public void fireAll() {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            for (Entry entry : entries) {
                if (entry.state == State.PENDING) {
                    entry.state = State.FIRED;
                    due.add(entry.task);
                }
            }
        }
        due.forEach(Runnable::run);
    }

    /**
     * @return a stage that completes when a task is scheduled, at once if one waits to be fired:
     *     a test waits on it to know that the code under test started its timer
     */
    public synchronized CompletableFuture<Void> whenScheduled() {
        return pending() > 0 ? CompletableFuture.completedFuture(null) : scheduled;
    }

    /** @return how many tasks wait to be fired: neither fired nor cancelled */
    public synchronized int pending() {
        return (int) entries.stream().filter(e -> e.state == State.PENDING).count();
    }

    /** @return how many tasks were cancelled before they were fired */
    public synchronized int cancelled() {
        return cancelled;
    }

    /** @return the delay of every task ever scheduled, in the order they were scheduled */
    public synchronized List<Duration> delays() {
        List<Duration> delays = new ArrayList<>();
        entries.forEach(e -> delays.add(e.delay));
        return List.copyOf(delays);
    }
}
