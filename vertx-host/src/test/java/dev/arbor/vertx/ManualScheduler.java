package dev.arbor.vertx;

import dev.arbor.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A scheduler whose tasks run only when a test fires them: deadlines pass when the test says. */
final class ManualScheduler implements Scheduler {
    private final List<Entry> entries = new ArrayList<>();

    private static final class Entry {
        final Duration delay;
        final Runnable task;
        boolean done;

        Entry(Duration delay, Runnable task) {
            this.delay = delay;
            this.task = task;
        }
    }

    private CompletableFuture<Void> scheduled = new CompletableFuture<>();

    /** Completes when a task is scheduled (at once if one waits to be fired). */
    synchronized CompletableFuture<Void> whenScheduled() {
        return pending() > 0 ? CompletableFuture.completedFuture(null) : scheduled;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Entry entry = new Entry(delay, task);
        entries.add(entry);
        scheduled.complete(null);
        scheduled = new CompletableFuture<>();
        return () -> {
            synchronized (this) {
                entry.done = true;
            }
        };
    }

    /** Runs every task scheduled and not cancelled yet, as if all their delays had passed. */
    void fireAll() {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            for (Entry e : entries) {
                if (!e.done) {
                    e.done = true;
                    due.add(e.task);
                }
            }
        }
        due.forEach(Runnable::run);
    }

    /** @return how many tasks wait to be fired */
    synchronized int pending() {
        return (int) entries.stream().filter(e -> !e.done).count();
    }

    /** @return the delays of every task ever scheduled */
    synchronized List<Duration> delays() {
        List<Duration> delays = new ArrayList<>();
        entries.forEach(e -> delays.add(e.delay));
        return delays;
    }
}
