package dev.arbor.vertx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A mutation behind a form: receives the parsed form and the request, answers an
 * {@link ActionResult}. Mount it with {@link ArborHost#mount(io.vertx.ext.web.Router, String, Page, Action)}
 * (the page on GET, the action on POST, same path) or
 * {@link ArborHost#action(io.vertx.ext.web.Router, String, Page, Action)} (an action-only path).
 * The host reads and parses the body itself, checks CSRF first, and turns an exception (thrown or
 * failing the stage) into a {@code 500} reported under a digest; a {@link Halt} answers its
 * redirect or 404.
 *
 * <pre>{@code
 * Action addReview = req -> {
 *     FormData form = req.form();
 *     Map<String, String> errors = new LinkedHashMap<>();
 *     if (form.get("text", "").isBlank()) {
 *         errors.put("text", "Write a few words.");
 *     }
 *     if (!errors.isEmpty()) {
 *         return CompletableFuture.completedFuture(ActionResult.invalid(form, errors));
 *     }
 *     return reviews.add(req.pathParam("id"), form.get("text"))
 *             .thenApply(saved -> ActionResult.redirect("/products/" + req.pathParam("id")));
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Action {
    /**
     * @param request the request, with its parsed form
     * @return the result, when the mutation is done
     */
    CompletionStage<? extends ActionResult> run(ActionRequest request);

    /**
     * An action that answers at once (no I/O to wait for).
     *
     * @param action computes the result
     * @return the action
     */
    static Action of(Function<ActionRequest, ? extends ActionResult> action) {
        return request -> CompletableFuture.completedFuture(action.apply(request));
    }
}
