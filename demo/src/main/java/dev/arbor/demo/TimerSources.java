package dev.arbor.demo;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Sources on Vert.x timers: no thread sleeps, and a cancelled stage cancels its timer. */
public final class TimerSources implements Sources {
    private final Vertx vertx;

    /** @param vertx whose timers to use */
    public TimerSources(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public <T> CompletableFuture<T> load(String name, Duration latency, Supplier<T> value) {
        CompletableFuture<T> result = new CompletableFuture<>();
        long timer = vertx.setTimer(Math.max(1, latency.toMillis()), id -> {
            try {
                result.complete(value.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        result.whenComplete((v, e) -> {
            if (result.isCancelled()) {
                vertx.cancelTimer(timer); // the client went away or the deadline passed
            }
        });
        return result;
    }
}
