package dev.arbor;

import java.time.Duration;

/** A render's deadline passed while this part was still pending. */
public final class RenderTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param deadline the deadline that passed */
    public RenderTimeoutException(Duration deadline) {
        super("Render deadline of " + deadline.toMillis() + " ms passed before this part resolved");
    }
}
