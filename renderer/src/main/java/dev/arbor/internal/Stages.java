package dev.arbor.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Looks at a stage without blocking: is it already complete, and with what. */
final class Stages {
    private Stages() {
    }

    /** The outcome of a complete stage. */
    static final class Outcome {
        final Object value;
        final Throwable error;

        Outcome(Object value, Throwable error) {
            this.value = value;
            this.error = error;
        }
    }

    /** @return the outcome if the stage is complete, else {@code null} */
    static Outcome peek(CompletionStage<?> stage) {
        CompletableFuture<?> f;
        if (stage instanceof CompletableFuture) {
            f = (CompletableFuture<?>) stage;
        } else {
            try {
                f = stage.toCompletableFuture();
            } catch (UnsupportedOperationException e) {
                return null;
            }
        }
        if (!f.isDone()) {
            return null;
        }
        try {
            return new Outcome(f.getNow(null), null);
        } catch (CompletionException | CancellationException e) {
            return new Outcome(null, unwrap(e));
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
