package dev.arbor.demo;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where the demo's data comes from: embedded values, released after some latency, as a database or
 * a remote service would. The application uses {@link TimerSources}; tests release each named
 * source by hand.
 */
public interface Sources {

    /**
     * @param name the source's name ({@code "orders"}, {@code "reviews"}, ...)
     * @param latency how long the source takes
     * @param value computes the value once the latency has passed; what it throws fails the stage
     * @param <T> the value's type
     * @return the value's stage; cancelling it frees the source
     */
    <T> CompletableFuture<T> load(String name, Duration latency, Supplier<T> value);
}
