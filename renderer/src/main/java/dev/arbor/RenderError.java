package dev.arbor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * An error caught by a boundary, as handed to an {@link Arbor#errorBoundary error boundary}'s
 * fallback. The fallback runs on the server; what it renders goes to the client, so render
 * {@link #message()} (redacted in {@link Mode#PRODUCTION}) and {@link #digest()}, never the cause.
 */
public final class RenderError {
    private final String digest;
    private final Throwable cause;
    private final Mode mode;
    private final String componentPath;

    /**
     * @param digest short id under which the server reported the full error
     * @param cause the error
     * @param mode the renderer's mode, which decides what {@link #message()} reveals
     */
    public RenderError(String digest, Throwable cause, Mode mode) {
        this(digest, cause, mode, null);
    }

    /**
     * @param digest short id under which the server reported the full error
     * @param cause the error
     * @param mode the renderer's mode, which decides what {@link #message()} reveals
     * @param componentPath where in the page the error happened, or {@code null} when unknown
     */
    public RenderError(String digest, Throwable cause, Mode mode, String componentPath) {
        this.digest = Objects.requireNonNull(digest, "digest");
        this.cause = Objects.requireNonNull(cause, "cause");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.componentPath = componentPath;
    }

    /**
     * An error with a new random digest ({@link DigestFunction#random()}), not reported yet. A
     * renderer makes its errors with its own {@link Renderer.Builder#digest digest function}.
     *
     * @param cause the error
     * @param mode the renderer's mode
     * @return the error
     */
    public static RenderError of(Throwable cause, Mode mode) {
        return new RenderError(DigestFunction.random().digest(cause), cause, mode);
    }

    /** Short id under which the full error was reported on the server. Safe to show. */
    public String digest() {
        return digest;
    }

    /**
     * The message to show: the cause's message in development mode; in production a generic text
     * that names only the digest.
     */
    public String message() {
        if (mode == Mode.DEVELOPMENT) {
            String m = cause.getMessage();
            return m == null ? cause.getClass().getName() : m;
        }
        return "Something went wrong (error " + digest + ").";
    }

    /**
     * Where in the page the error happened, as the path of elements and Arbor nodes from the root
     * ({@code body › main#feed › errorBoundary › suspense › async}). Known in
     * {@link Mode#DEVELOPMENT} only (tracking it costs a little on every tag): never render it in
     * production, it describes the page's structure.
     *
     * @return the path, or empty when unknown
     */
    public Optional<String> componentPath() {
        return Optional.ofNullable(componentPath);
    }

    /** @return the renderer's mode when the error was caught */
    public Mode mode() {
        return mode;
    }

    /**
     * The cause's stack trace, causes included, as {@link Throwable#printStackTrace()} writes it:
     * for development views and logs, never for a production page.
     *
     * @return the stack trace
     */
    public String stackTrace() {
        StringWriter out = new StringWriter();
        cause.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** True when the error is the render's deadline passing. */
    public boolean isTimeout() {
        return cause instanceof RenderTimeoutException;
    }

    /**
     * The error itself, for decisions on the server (an exception type, say). Never render its
     * message or stack in production.
     */
    public Throwable cause() {
        return cause;
    }

    @Override
    public String toString() {
        return "RenderError[" + digest + ": " + cause + "]";
    }
}
