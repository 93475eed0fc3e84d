package dev.arbor.internal;

import java.util.Objects;

/**
 * An error the core caught, with the digest under which it is (or will be) reported. The API turns
 * it into a {@code RenderError} for error views and sinks.
 *
 * @param digest the id shown to the client and logged with the error
 * @param cause the error
 * @param development whether views may show the cause's message
 * @param componentPath development mode: where in the page it happened; {@code null} when unknown
 */
public record Failure(String digest, Throwable cause, boolean development, String componentPath) {
    /** Checks the fields. */
    public Failure {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * A failure whose place in the page is unknown.
     *
     * @param digest the id shown to the client and logged with the error
     * @param cause the error
     * @param development whether views may show the cause's message
     */
    public Failure(String digest, Throwable cause, boolean development) {
        this(digest, cause, development, null);
    }

    /**
     * @param path where in the page it happened
     * @return a copy with that path
     */
    public Failure withComponentPath(String path) {
        return new Failure(digest, cause, development, path);
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
