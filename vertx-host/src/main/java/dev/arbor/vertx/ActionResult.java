package dev.arbor.vertx;

import dev.arbor.query.QueryKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link Action} answers: one of three values, so that the host can answer each in the
 * form the request needs: a plain form post, or a form the client runtime posted, answered with
 * the page it leads to in the same response (single flight).
 *
 * <ul>
 *   <li>{@link Redirect}: the mutation is done; the browser is sent to a page with
 *       {@code 303 See Other} (post/redirect/get).</li>
 *   <li>{@link Invalid}: the values need fixing; the action's page is rendered again with
 *       {@code 422}, the submitted values and the errors ({@link PageRequest#submission()}).</li>
 *   <li>{@link Failure}: the action could not be done; the answer is its status with the host's
 *       error page (or the not-found page for a 404). A 5xx's error is reported under a digest
 *       and, in production, the page shows the digest only.</li>
 * </ul>
 *
 * <p>Each may name the query keys the mutation made stale ({@link #invalidate(QueryKey...)}),
 * so that their fresh state can be sent to clients that hold them.
 *
 * <pre>{@code
 * return reviews.add(review).thenApply(saved -> ActionResult.redirect("/products/" + id)
 *         .invalidate(QueryKey.of("reviews", id)));
 * }</pre>
 */
public sealed interface ActionResult permits ActionResult.Redirect, ActionResult.Invalid, ActionResult.Failure {

    /** @return the query keys this mutation made stale, in order */
    List<QueryKey> invalidated();

    /**
     * @param keys query keys the mutation made stale
     * @return a copy that also names them
     */
    ActionResult invalidate(QueryKey... keys);

    /**
     * @param location where to send the browser, fetched with GET; a path on this site
     * @return a {@code 303 See Other}
     * @throws IllegalArgumentException for a location with a line break
     */
    static Redirect redirect(String location) {
        return new Redirect(location, List.of());
    }

    /**
     * @param values the submitted values, to fill the form in again
     * @param errors a message per field ({@link Submission#FORM} for the whole form), in the
     *     order to show them; not empty
     * @return a {@code 422} with the page, its form filled in and its errors shown
     */
    static Invalid invalid(FormData values, Map<String, String> errors) {
        return new Invalid(Submission.of(values, errors), List.of());
    }

    /**
     * @param status an error status, 400 to 599
     * @param error what went wrong; reported under a digest for a 5xx
     * @return the failure
     */
    static Failure failure(int status, Throwable error) {
        return new Failure(status, error, List.of());
    }

    /**
     * A {@code 303 See Other} to {@code location}.
     *
     * @param location where to go
     * @param invalidated the query keys made stale
     */
    record Redirect(String location, List<QueryKey> invalidated) implements ActionResult {
        /** Checks the location. @param location where @param invalidated the keys */
        public Redirect {
            Objects.requireNonNull(location, "location");
            if (location.isEmpty() || location.indexOf('\r') >= 0 || location.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("Not a location: \"" + location + "\"");
            }
            invalidated = List.copyOf(invalidated);
        }

        @Override
        public Redirect invalidate(QueryKey... keys) {
            return new Redirect(location, Keys.plus(invalidated, keys));
        }
    }

    /**
     * The page again with {@code 422}, its form filled in and its errors.
     *
     * @param submission the values and the errors
     * @param invalidated the query keys made stale
     */
    record Invalid(Submission submission, List<QueryKey> invalidated) implements ActionResult {
        /** Checks the errors. @param submission what @param invalidated the keys */
        public Invalid {
            Objects.requireNonNull(submission, "submission");
            if (!submission.hasErrors()) {
                throw new IllegalArgumentException("An invalid result needs at least one error");
            }
            invalidated = List.copyOf(invalidated);
        }

        @Override
        public Invalid invalidate(QueryKey... keys) {
            return new Invalid(submission, Keys.plus(invalidated, keys));
        }
    }

    /**
     * A failure: {@code status} with the error page.
     *
     * @param status 400 to 599
     * @param error what went wrong
     * @param invalidated the query keys made stale
     */
    record Failure(int status, Throwable error, List<QueryKey> invalidated) implements ActionResult {
        /** Checks the status. @param status the status @param error what @param invalidated the keys */
        public Failure {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("Not an error status: " + status);
            }
            Objects.requireNonNull(error, "error");
            invalidated = List.copyOf(invalidated);
        }

        @Override
        public Failure invalidate(QueryKey... keys) {
            return new Failure(status, error, Keys.plus(invalidated, keys));
        }
    }
}

/** Appends keys to an immutable list. */
final class Keys {
    private Keys() {
    }

    static List<QueryKey> plus(List<QueryKey> keys, QueryKey... more) {
        List<QueryKey> all = new ArrayList<>(keys);
        all.addAll(Arrays.asList(more));
        all.forEach(k -> Objects.requireNonNull(k, "key"));
        return List.copyOf(all);
    }
}
