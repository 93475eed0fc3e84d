package dev.arbor.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Data sources that a test opens by hand, by name and in the order it chooses: no timers, no
 * sleeps. Page code (or a fake repository) asks for a gate's data with {@link #load(String)} or
 * {@link #load(String, Supplier)}; every load gets a stage of its own that completes when the test
 * {@linkplain #release releases} the gate. A released gate stays released, so later loads (a
 * second request) complete at once.
 *
 * <pre>{@code
 * Gates gates = new Gates();
 * DomContent page = div(suspense(p("Loading…"), async(gates.<String>load("stock"), n -> p(n + " left"))));
 * RenderHandle handle = renderer.stream(page, RenderOptions.defaults(), sink); // shell: "Loading…"
 * gates.release("stock", "3");                                                 // now "3 left" streams
 * }</pre>
 *
 * <p>Each load's stage is its own, so cancelling it (a client that went away) touches no other
 * load; {@link #latest(String)} gives a test the stage of a gate's latest load to check that it
 * was cancelled. Thread-safe: loads may come from any thread; stages complete on the thread that
 * releases them, outside any lock.
 */
public final class Gates {
    /** One load: its stage, and its own value, or {@code null} for the value the gate is released with. */
    private record Load<T>(String name, CompletableFuture<T> stage, Supplier<? extends T> value) {
        @SuppressWarnings("unchecked")
        void complete(Release release) {
            if (release.error != null) {
                stage.completeExceptionally(release.error);
                return;
            }
            try {
                stage.complete(value != null ? value.get() : (T) release.value);
            } catch (RuntimeException e) {
                stage.completeExceptionally(e);
            }
        }
    }

    /** How a gate was released: with a value, or failing with an error. */
    private record Release(Object value, Throwable error) {
    }

    private static final Release OPEN = new Release(null, null);

    private final List<Load<?>> pending = new ArrayList<>();
    private final Map<String, Release> released = new HashMap<>();
    private final Map<String, CompletableFuture<?>> latest = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> requested = new HashMap<>();
    private boolean releaseAll;

    /** Gates that are all closed. */
    public Gates() {
    }

    /**
     * Loads what the gate {@code name} is released with ({@link #release(String, Object)}).
     *
     * @param name the gate
     * @param <T> the type of the value the test releases the gate with; a value of another type
     *     fails where it is used, with a {@link ClassCastException}
     * @return a stage of its own, completed when the gate is released (at once if it was)
     */
    public <T> CompletableFuture<T> load(String name) {
        return add(new Load<T>(name, new CompletableFuture<>(), null));
    }

    /**
     * Loads a value that the source computes itself, once the gate {@code name} is released.
     *
     * @param name the gate
     * @param value computes the value when the gate is released; what it throws fails the stage
     * @param <T> the value's type
     * @return a stage of its own, completed when the gate is released (at once if it was)
     */
    public <T> CompletableFuture<T> load(String name, Supplier<? extends T> value) {
        return add(new Load<>(name, new CompletableFuture<>(), Objects.requireNonNull(value, "value")));
    }

    private <T> CompletableFuture<T> add(Load<T> load) {
        Release release;
        CompletableFuture<Void> firstAsked;
        synchronized (this) {
            release = released.getOrDefault(load.name, releaseAll ? OPEN : null);
            if (release == null) {
                pending.add(load);
            }
            latest.put(load.name, load.stage);
            firstAsked = requested(load.name);
        }
        firstAsked.complete(null);
        if (release != null) {
            load.complete(release);
        }
        return load.stage;
    }

    /**
     * Releases the gate: every load of it, pending or to come, completes (loads with a value of
     * their own with that value, the others with {@code null}).
     *
     * @param name the gate
     */
    public void release(String name) {
        release(name, OPEN);
    }

    /**
     * Releases the gate with a value: every load of it, pending or to come, completes with it
     * (loads with a value of their own with theirs).
     *
     * @param name the gate
     * @param value the value
     */
    public void release(String name, Object value) {
        release(name, new Release(value, null));
    }

    /**
     * Fails the gate: every load of it, pending or to come, fails with {@code error}.
     *
     * @param name the gate
     * @param error the error
     */
    public void fail(String name, Throwable error) {
        release(name, new Release(null, Objects.requireNonNull(error, "error")));
    }

    private void release(String name, Release release) {
        List<Load<?>> due = new ArrayList<>();
        synchronized (this) {
            released.put(name, release);
            pending.removeIf(load -> load.name.equals(name) && due.add(load));
        }
        due.forEach(load -> load.complete(release));
    }

    /** Releases every gate, now and from now on, as {@link #release(String)} does. */
    public void releaseAll() {
        List<Load<?>> due;
        synchronized (this) {
            releaseAll = true;
            due = new ArrayList<>(pending);
            pending.clear();
        }
        due.forEach(load -> load.complete(OPEN)); // pending loads are those of gates not released yet
    }

    /**
     * @param name a gate
     * @return a stage that completes when the gate is first loaded: a test waits on it to know
     *     that a request reached its source
     */
    public synchronized CompletableFuture<Void> requested(String name) {
        return requested.computeIfAbsent(name, n -> new CompletableFuture<>());
    }

    /**
     * @param name a gate
     * @return whether anything loaded it yet
     */
    public boolean wasRequested(String name) {
        return requested(name).isDone();
    }

    /**
     * @param name a gate
     * @return the stage handed to the gate's latest load, to check what became of it (completed,
     *     cancelled by a client that went away)
     * @throws IllegalStateException when nothing loaded the gate yet
     */
    public synchronized CompletableFuture<?> latest(String name) {
        CompletableFuture<?> stage = latest.get(name);
        if (stage == null) {
            throw new IllegalStateException("Nothing loaded the gate '" + name + "' yet");
        }
        return stage;
    }

    /**
     * Closes every gate again and forgets every load: a fresh start for the next test. Loads
     * still pending stay pending forever.
     */
    public synchronized void reset() {
        pending.clear();
        released.clear();
        latest.clear();
        requested.clear();
        releaseAll = false;
    }
}
