package dev.arbor.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Sources that a test releases by name, in the order it chooses: no timers, no sleeps. A released
 * name stays released, so later loads of it (a second request) complete at once.
 */
final class GatedSources implements Sources {
    private final List<Pending<?>> pending = new ArrayList<>();
    private final Set<String> released = new HashSet<>();
    private boolean releaseAll;

    private static final class Pending<T> {
        final String name;
        final CompletableFuture<T> future;
        final Supplier<T> value;

        Pending(String name, CompletableFuture<T> future, Supplier<T> value) {
            this.name = name;
            this.future = future;
            this.value = value;
        }

        void complete() {
            try {
                future.complete(value.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }
    }

    @Override
    public <T> CompletableFuture<T> load(String name, Duration latency, Supplier<T> value) {
        Pending<T> p = new Pending<>(name, new CompletableFuture<>(), value);
        boolean now;
        synchronized (this) {
            now = releaseAll || released.contains(name);
            if (!now) {
                pending.add(p);
            }
        }
        if (now) {
            p.complete();
        }
        return p.future;
    }

    /** Completes every load of {@code name}, now and later. */
    void release(String name) {
        List<Pending<?>> due = new ArrayList<>();
        synchronized (this) {
            released.add(name);
            pending.removeIf(p -> {
                if (p.name.equals(name)) {
                    due.add(p);
                    return true;
                }
                return false;
            });
        }
        due.forEach(Pending::complete);
    }

    /** Every source answers at once from now on. */
    void releaseAll() {
        List<Pending<?>> due;
        synchronized (this) {
            releaseAll = true;
            due = new ArrayList<>(pending);
            pending.clear();
        }
        due.forEach(Pending::complete);
    }

    /** Forgets every release and drops what is pending: a fresh start for the next test. */
    synchronized void reset() {
        released.clear();
        pending.clear();
        releaseAll = false;
    }
}
