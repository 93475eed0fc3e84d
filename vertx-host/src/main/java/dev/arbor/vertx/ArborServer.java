package dev.arbor.vertx;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.Objects;
import java.util.function.Function;

/**
 * A verticle that serves a {@link Router} over HTTP, and {@link #deploy} to run one instance per
 * core. Each instance builds its own router on its own event loop; Vert.x spreads connections over
 * the instances, which share the port. Share one {@link ArborHost} (immutable) between them.
 *
 * <pre>{@code
 * ArborServer.deploy(vertx, ArborServer.options(8080), v -> routes(v, host));
 * }</pre>
 */
public final class ArborServer extends VerticleBase {
    private final HttpServerOptions options;
    private final Function<Vertx, Router> routes;

    /**
     * @param options the server's options, as from {@link #options(int)}
     * @param routes builds this instance's router
     */
    public ArborServer(HttpServerOptions options, Function<Vertx, Router> routes) {
        this.options = new HttpServerOptions(Objects.requireNonNull(options, "options"));
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    /**
     * Options suited to streaming: compression on (each chunk is still flushed when written),
     * {@code TCP_NODELAY} so that small chunks leave at once.
     *
     * @param port the port to listen on
     * @return new options
     */
    public static HttpServerOptions options(int port) {
        return new HttpServerOptions().setPort(port).setCompressionSupported(true).setTcpNoDelay(true);
    }

    /**
     * Deploys one instance per available processor.
     *
     * @param vertx the Vert.x instance
     * @param options the server's options
     * @param routes builds each instance's router
     * @return the deployment's id, once every instance listens
     */
    public static Future<String> deploy(Vertx vertx, HttpServerOptions options, Function<Vertx, Router> routes) {
        return deploy(vertx, options, routes, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param vertx the Vert.x instance
     * @param options the server's options
     * @param routes builds each instance's router
     * @param instances how many instances (event loops) to serve with
     * @return the deployment's id, once every instance listens
     */
    public static Future<String> deploy(Vertx vertx, HttpServerOptions options, Function<Vertx, Router> routes,
            int instances) {
        Objects.requireNonNull(vertx, "vertx");
        return vertx.deployVerticle(() -> new ArborServer(options, routes),
                new DeploymentOptions().setInstances(instances));
    }

    /** Starts listening. */
    @Override
    public Future<?> start() {
        return vertx.createHttpServer(options).requestHandler(routes.apply(vertx)).listen();
    }
}
