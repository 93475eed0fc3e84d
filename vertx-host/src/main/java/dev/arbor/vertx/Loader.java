package dev.arbor.vertx;

import io.vertx.core.Future;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Loads a route's data before the page renders. The host starts the loaders of a page and of all
 * its layouts at once, so they run in parallel; it renders when all of them have completed.
 *
 * <p>A loader returns quickly: it starts work and returns its stage. Slow parts that the page can
 * show later go into the value as {@link dev.arbor.Arbor#defer deferred} data, which the page
 * awaits behind a boundary while the shell is already on its way. A loader that fails, or whose
 * stage fails, with a {@link Halt} answers 404 or a redirect; any other failure answers 500.
 *
 * <p>Loaders run on the request's event loop: never block in one.
 *
 * @param <T> the data's type
 */
@FunctionalInterface
public interface Loader<T> {

    /**
     * @param request the request being served
     * @return the data's stage, never {@code null}
     */
    CompletionStage<T> load(PageRequest request);

    /**
     * Adapts a loader written with Vert.x futures.
     *
     * @param loader returns a Vert.x {@link Future}
     * @param <T> the data's type
     * @return the loader
     */
    static <T> Loader<T> ofFuture(Function<PageRequest, Future<T>> loader) {
        Objects.requireNonNull(loader, "loader");
        return request -> loader.apply(request).toCompletionStage();
    }

    /**
     * A loader with nothing to load: its value is {@code null}.
     *
     * @param <T> the data's type
     * @return the loader
     */
    static <T> Loader<T> none() {
        return request -> CompletableFuture.completedFuture(null);
    }
}
