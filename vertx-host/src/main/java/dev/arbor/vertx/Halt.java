package dev.arbor.vertx;

import dev.arbor.RenderSignal;
import java.util.Objects;

/**
 * Stops a page before its shell is sent and answers with a real status code instead: 404 (the
 * host's not-found page) or a redirect. Throw it from a {@link Loader}, fail a loader's stage with
 * it, or throw it from a view; TanStack Router's {@code throw notFound()} and
 * {@code throw redirect()}.
 *
 * <pre>{@code
 * Loader<Product> product = req -> catalog.find(req.pathParam("id"))
 *         .thenApply(found -> found.orElseThrow(Halt::notFound));
 * }</pre>
 *
 * <p>Once the shell is out the status can no longer change: a {@code Halt} raised after the shell
 * is an error like any other and shows in its nearest error boundary.
 */
public final class Halt extends RuntimeException implements RenderSignal {
    private static final long serialVersionUID = 1L;

    /** The status code to answer with. */
    private final int status;
    /** The redirect's target, or {@code null} for a not-found. */
    private final String location;

    private Halt(int status, String location) {
        super(location == null ? "HTTP " + status : "HTTP " + status + " to " + location, null, false, false);
        this.status = status;
        this.location = location;
    }

    /** @return a halt that answers 404 with the host's not-found page */
    public static Halt notFound() {
        return new Halt(404, null);
    }

    /**
     * @param location where to send the client
     * @return a halt that answers {@code 302 Found}
     */
    public static Halt redirect(String location) {
        return redirect(302, location);
    }

    /**
     * @param location where to send the client, to be fetched with GET (after a form post)
     * @return a halt that answers {@code 303 See Other}
     */
    public static Halt seeOther(String location) {
        return redirect(303, location);
    }

    /**
     * @param status a redirect status: 301, 302, 303, 307 or 308
     * @param location where to send the client
     * @return a halt that answers with that redirect
     */
    public static Halt redirect(int status, String location) {
        Objects.requireNonNull(location, "location");
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            throw new IllegalArgumentException("Not a redirect status: " + status);
        }
        if (location.indexOf('\r') >= 0 || location.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A location must not hold line breaks");
        }
        return new Halt(status, location);
    }

    /** @return the status code to answer with */
    public int status() {
        return status;
    }

    /** @return the redirect's target, or {@code null} for a not-found */
    public String location() {
        return location;
    }

    /** @return true for a redirect, false for a not-found */
    public boolean isRedirect() {
        return location != null;
    }
}
