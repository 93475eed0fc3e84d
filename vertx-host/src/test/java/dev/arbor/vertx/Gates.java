package dev.arbor.vertx;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named data sources that a test releases by hand. A loader asks for a gate by name; the test
 * waits until it was asked for ({@link #requested}) and completes it when it chooses.
 */
final class Gates {
    private final Map<String, CompletableFuture<String>> gates = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> requested = new ConcurrentHashMap<>();

    /** The gate's stage, the same one for every caller. */
    CompletableFuture<String> get(String name) {
        CompletableFuture<String> gate = gates.computeIfAbsent(name, n -> new CompletableFuture<>());
        requested(name).complete(null);
        return gate;
    }

    /** Completes when a loader or page first asked for the gate. */
    CompletableFuture<Void> requested(String name) {
        return requested.computeIfAbsent(name, n -> new CompletableFuture<>());
    }

    void release(String name, String value) {
        gates.computeIfAbsent(name, n -> new CompletableFuture<>()).complete(value);
    }

    void fail(String name, Throwable error) {
        gates.computeIfAbsent(name, n -> new CompletableFuture<>()).completeExceptionally(error);
    }

    boolean wasRequested(String name) {
        return requested(name).isDone();
    }
}
