package dev.arbor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler whose tasks run when the test says so. */
final class ManualScheduler implements Scheduler {
    private final List<Runnable> tasks = new ArrayList<>();
    private int cancelled;

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        tasks.add(task);
        return () -> {
            synchronized (this) {
                if (tasks.remove(task)) {
                    cancelled++;
                }
            }
        };
    }

    /** Runs every scheduled task: the deadline passes. */
    void fireAll() {
        List<Runnable> due;
        synchronized (this) {
            due = new ArrayList<>(tasks);
            tasks.clear();
        }
        due.forEach(Runnable::run);
    }

    synchronized int pending() {
        return tasks.size();
    }

    synchronized int cancelled() {
        return cancelled;
    }
}
