package dev.arbor.internal;

import java.util.Objects;

/**
 * An error the core caught, with the digest under which it is (or will be) reported. The API turns
 * it into a {@code RenderError} for error views and sinks.
 *
 * @param digest the id shown to the client and logged with the error
 * @param cause the error
 * @param development whether views may show the cause's message
 */
public record Failure(String digest, Throwable cause, boolean development) {
    /** Checks the fields. */
    public Failure {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(cause, "cause");
    }

    /** @return what a client may read: the message in development, the digest only in production */
    public String message() {
        if (development) {
            String m = cause.getMessage();
            return m == null ? cause.getClass().getName() : m;
        }
        return "Something went wrong (error " + digest + ").";
    }
}
