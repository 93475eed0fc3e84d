package dev.arbor;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Data that a loader starts now and a page awaits later, behind its own boundary, as TanStack
 * Router's {@code defer()}. Made by {@link Arbor#defer}; rendered by {@link Arbor#await}. Only a
 * value with a {@link #key() key} is also sent to the client as JSON, where page scripts read it
 * with {@code arbor.deferred(key)}; an unnamed value stays on the server.
 *
 * @param <T> the value's type; it must serialize with the renderer's Jackson {@code ObjectMapper}
 */
public final class Deferred<T> {
    private final String key;
    private final CompletionStage<T> stage;

    Deferred(String key, CompletionStage<T> stage) {
        this.key = key;
        this.stage = Objects.requireNonNull(stage, "stage");
    }

    /**
     * @return the key under which page scripts read the value, or {@code null}: the value is not
     *     sent to the client
     */
    public String key() {
        return key;
    }

    /** @return the stage that produces the value */
    public CompletionStage<T> stage() {
        return stage;
    }
}
