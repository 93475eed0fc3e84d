package dev.arbor.vertx;

import dev.arbor.Scheduler;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A verticle that serves a {@link Router} over HTTP, and {@link #deploy} to run one instance per
 * core. Each instance builds its own router on its own event loop; Vert.x spreads connections over
 * the instances, which share the port. Share one {@link ArborHost} (immutable) between them.
 *
 * <pre>{@code
 * ArborServer.deploy(vertx, ArborServer.options(8080), v -> routes(v, host));
 * }</pre>
 *
 * <p><b>Idle and slow clients.</b> A connection must send a complete request head within the
 * {@linkplain Options#setHeaderTimeout header timeout} (10 s by default) of opening, and the next
 * one within one to two header timeouts of its last response ending (keep-alive), or it is
 * closed: a client sending a head one byte at a time, or a thousand half-sent requests, cannot
 * hold connections open. While a response is under way the header timeout does not apply; Vert.x's
 * {@linkplain HttpServerOptions#setIdleTimeout idle timeout} (60 s by default from
 * {@link #options(int)}) closes a connection on which nothing at all was read or written for that
 * long, such as a client that stopped reading a streamed page. A response still writing is not
 * idle; keep the idle timeout above your longest page deadline, or a page waiting that long for
 * its data with nothing to write is cut off. Connection errors (a client that reset the
 * connection, a malformed request line) are logged as one line at debug level, never a stack.
 */
public final class ArborServer extends VerticleBase {
    /** The header timeout of {@link #options(int)}. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** The idle timeout of {@link #options(int)}, in seconds. */
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

    private final HttpServerOptions options;
    private final Duration headerTimeout;
    private final Function<Vertx, Router> routes;
    private final Scheduler scheduler;

    /**
     * @param options the server's options, as from {@link #options(int)}; plain
     *     {@link HttpServerOptions} get the {@linkplain #DEFAULT_HEADER_TIMEOUT default header timeout}
     * @param routes builds this instance's router
     */
    public ArborServer(HttpServerOptions options, Function<Vertx, Router> routes) {
        this(options, routes, null);
    }

    /** @param scheduler times the header timeout; {@code null} for Vert.x timers */
    ArborServer(HttpServerOptions options, Function<Vertx, Router> routes, Scheduler scheduler) {
        Objects.requireNonNull(options, "options");
        this.headerTimeout = options instanceof Options ? ((Options) options).getHeaderTimeout() : DEFAULT_HEADER_TIMEOUT;
        this.options = new HttpServerOptions(options);
        this.routes = Objects.requireNonNull(routes, "routes");
        this.scheduler = scheduler;
    }

    /**
     * Options suited to streaming: compression on (each chunk is still flushed when written),
     * {@code TCP_NODELAY} so that small chunks leave at once, a
     * {@linkplain Options#setHeaderTimeout header timeout} of 10 s and an
     * {@linkplain HttpServerOptions#setIdleTimeout idle timeout} of
     * {@value #DEFAULT_IDLE_TIMEOUT_SECONDS} s (see the class comment). Change them with their
     * setters. Cleartext HTTP/2 (h2c) is off: with it on, a connection's first request head is
     * not timed (HTTP/2 over TLS, what browsers use, is not affected).
     *
     * @param port the port to listen on
     * @return new options
     */
    public static Options options(int port) {
        Options options = new Options();
        options.setPort(port).setCompressionSupported(true).setTcpNoDelay(true)
                .setIdleTimeout(DEFAULT_IDLE_TIMEOUT_SECONDS).setIdleTimeoutUnit(TimeUnit.SECONDS)
                // Cleartext HTTP/2 (h2c, which no browser speaks) makes Vert.x wait for a first
                // request before it shows the connection: its head could not be timed.
                .setHttp2ClearTextEnabled(false);
        return options;
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
        ConnectionGuard guard = new ConnectionGuard(scheduler != null ? scheduler : ArborHost.scheduler(vertx),
                headerTimeout);
        Router router = routes.apply(vertx);
        return vertx.createHttpServer(options)
                .connectionHandler(guard::connected)
                .requestHandler(request -> {
                    guard.headReceived(request);
                    router.handle(request);
                })
                .listen();
    }

    /** @return this instance's context, on which its connections are served */
    Context context() {
        return context;
    }

    /**
     * {@link HttpServerOptions} with Arbor's {@linkplain #setHeaderTimeout header timeout}, as
     * {@link ArborServer#options(int)} makes them. Its other setters are Vert.x's (they return
     * {@code HttpServerOptions}: set the header timeout first when chaining).
     */
    public static final class Options extends HttpServerOptions {
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;

        /** Vert.x's defaults and a header timeout of {@link ArborServer#DEFAULT_HEADER_TIMEOUT}. */
        public Options() {
        }

        /** @param other options to copy, header timeout included */
        public Options(Options other) {
            super(other);
            this.headerTimeout = other.headerTimeout;
        }

        /** @return how long a connection may take to send a complete request head */
        public Duration getHeaderTimeout() {
            return headerTimeout;
        }

        /**
         * @param headerTimeout how long a new connection may take to send a complete request head,
         *     and an idle keep-alive connection its next one (it is closed between one and two
         *     such periods after its last response); {@link Duration#ZERO} for no limit
         * @return these options
         */
        public Options setHeaderTimeout(Duration headerTimeout) {
            Objects.requireNonNull(headerTimeout, "headerTimeout");
            if (headerTimeout.isNegative()) {
                throw new IllegalArgumentException("A header timeout must not be negative: " + headerTimeout);
            }
            this.headerTimeout = headerTimeout;
            return this;
        }
    }
}
