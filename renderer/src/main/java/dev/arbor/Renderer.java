package dev.arbor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.arbor.internal.ClientRuntime;
import dev.arbor.internal.Failure;
import dev.arbor.internal.HydrationBoundaryNode;
import dev.arbor.internal.Output;
import dev.arbor.internal.RenderConfig;
import dev.arbor.internal.RenderRequest;
import dev.arbor.internal.ScriptJson;
import dev.arbor.internal.wire.ArrayPool;
import dev.arbor.internal.wire.Framing;
import dev.arbor.query.DehydrateOptions;
import dev.arbor.query.DehydratedQuery;
import dev.arbor.query.Dehydration;
import dev.arbor.query.QueryClient;
import j2html.tags.DomContent;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Renders Arbor trees. Configure one per application and share it: it holds no per-request state.
 *
 * <pre>{@code
 * Renderer renderer = Renderer.builder().mode(Mode.PRODUCTION).deadline(Duration.ofSeconds(5)).build();
 * RenderHandle handle = renderer.stream(page, RenderOptions.defaults(), sink);   // streaming
 * String html = renderer.renderToString(page).toCompletableFuture().join();     // complete document
 * }</pre>
 */
public final class Renderer {
    /** The deadline when none is configured: 10 seconds, as Marko and Pareto use. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(Renderer.class.getName());
    private static final String RUNTIME = ClientRuntime.source();

    private final Mode mode;
    private final Duration deadline;
    private final ObjectMapper objectMapper;
    private final Scheduler scheduler;
    private final ErrorReporter errorReporter;
    private final DigestFunction digests;
    private final RenderListener listener;
    private final ObjectWriter scriptJson;
    private final BufferPool bufferPool;

    private Renderer(Builder b) {
        this.mode = b.mode;
        this.deadline = b.deadline;
        this.objectMapper = b.objectMapper != null ? b.objectMapper : ArborJson.newMapper();
        this.scheduler = b.scheduler != null ? b.scheduler : DaemonScheduler.INSTANCE;
        this.errorReporter = b.errorReporter != null ? b.errorReporter
                : (digest, error) -> LOG.log(System.Logger.Level.ERROR, "Render error " + digest, error);
        this.digests = b.digests;
        this.listener = b.listener;
        this.scriptJson = ScriptJson.writer(objectMapper);
        this.bufferPool = b.bufferPool != null ? b.bufferPool : BufferPool.create();
    }

    /** @return a renderer with the defaults: production mode, 10 s deadline, {@link ArborJson} */
    public static Renderer create() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a streaming render. The shell goes to the sink as soon as nothing outside a boundary
     * is pending; every boundary then streams as its own chunk when it completes, in any order.
     *
     * @param root the page; an {@code html(...)} root gets {@code <!DOCTYPE html>} in front
     * @param options per-render settings
     * @param sink where the bytes go
     * @return the running render
     */
    public RenderHandle stream(DomContent root, RenderOptions options, RenderSink sink) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(sink, "sink");
        return start(root, options, new SinkOutput(sink), false);
    }

    /**
     * Starts a streaming render with {@link RenderOptions#defaults()}.
     *
     * @param root the page
     * @param sink where the bytes go
     * @return the running render
     */
    public RenderHandle stream(DomContent root, RenderSink sink) {
        return stream(root, RenderOptions.defaults(), sink);
    }

    /**
     * Renders the complete document: awaits every stage (without blocking a thread), then returns
     * the HTML with no fallbacks and no swap instructions. For crawlers and for tests. What page
     * scripts need (deferred values, query state, islands) still comes as data scripts with the
     * runtime, which remove themselves in a browser.
     * Errors inside boundaries render their error views; an error outside every boundary fails the
     * stage with the cause.
     *
     * @param root the page
     * @param options per-render settings (the deadline applies as in streaming)
     * @return the document
     */
    public CompletionStage<String> renderToString(DomContent root, RenderOptions options) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(options, "options");
        StringOutput output = new StringOutput(bufferPool);
        start(root, options, output, true);
        return output.result;
    }

    /**
     * {@link #renderToString(DomContent, RenderOptions)} into a sink, with a handle: the whole
     * document is written as one chunk once everything is complete, or {@link RenderSink#fail} is
     * called with the reported error. A host serving crawlers uses it to keep
     * {@link RenderHandle#abort()} for a client that goes away meanwhile.
     *
     * @param root the page
     * @param options per-render settings (the deadline applies as in streaming)
     * @param sink receives the complete document
     * @return the running render
     */
    public RenderHandle renderComplete(DomContent root, RenderOptions options, RenderSink sink) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(sink, "sink");
        return start(root, options, new SinkOutput(sink), true);
    }

    /**
     * {@link #renderToString(DomContent, RenderOptions)} with the default options.
     *
     * @param root the page
     * @return the document
     */
    public CompletionStage<String> renderToString(DomContent root) {
        return renderToString(root, RenderOptions.defaults());
    }

    /**
     * Reports an error under a new digest, as the renderer does for every error it catches: for
     * hosts that answer errors of their own (a failed loader, a failed query). Never throws, even
     * when the reporter does.
     *
     * @param error the error
     * @return the error with its digest, to show
     */
    public RenderError report(Throwable error) {
        return report(errorOf(error));
    }

    /** A new error under this renderer's digest, not reported yet. */
    private RenderError errorOf(Throwable cause) {
        return new RenderError(digest(cause), cause, mode);
    }

    /** The digest function's answer; a random digest when it fails or gives nothing. */
    private String digest(Throwable cause) {
        String digest;
        try {
            digest = digests.digest(cause);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "The digest function failed, a random digest is used: " + e);
            digest = null;
        }
        return digest == null || digest.isEmpty() ? DigestFunction.random().digest(cause) : digest;
    }

    /**
     * Reports an error under its own digest. Never throws, even when the reporter does.
     *
     * @param error the error
     * @return the same error
     */
    public RenderError report(RenderError error) {
        RenderEvents.call(() -> listener.errorReported(error.digest(), error.cause()));
        try {
            errorReporter.report(error.digest(), error.cause());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "The error reporter failed on error " + error.digest(), e);
        }
        return error;
    }

    /** @return the mode, which decides what error views reveal */
    public Mode mode() {
        return mode;
    }

    /** @return the default deadline of a render */
    public Duration deadline() {
        return deadline;
    }

    /** @return the mapper that serializes every value sent to the client */
    public ObjectMapper objectMapper() {
        return objectMapper;
    }

    /** @return the scheduler for deadlines */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** @return where caught errors are reported */
    public ErrorReporter errorReporter() {
        return errorReporter;
    }

    /** @return names caught errors for the client */
    public DigestFunction digestFunction() {
        return digests;
    }

    /** @return hears what every render does */
    public RenderListener listener() {
        return listener;
    }

    /**
     * @return this renderer's pool: the buffers its pending parts grow into and
     *     {@code renderToString}'s come from it, and a sink that names it
     *     ({@link RenderSink#bufferPool()}) gets its chunks in its arrays and gives each back here
     *     ({@link BufferPool#release}) once its transport has sent it
     */
    public BufferPool bufferPool() {
        return bufferPool;
    }

    private RenderHandle start(DomContent root, RenderOptions options, Output output, boolean complete) {
        Duration renderDeadline = options.deadline() != null ? options.deadline() : deadline;
        RenderEvents events = new RenderEvents(listener);
        RenderConfig config = new RenderConfig(mode == Mode.DEVELOPMENT, renderDeadline, scriptJson,
                (delay, task) -> scheduler.schedule(delay, task)::cancel, options.executor(), options.nonce(),
                complete, new Errors(renderDeadline, events), events, queryFeed(options), bufferPool.arrays);
        Framing framing = options.format() == WireFormat.FRAMES ? Framing.frames()
                : Framing.document(options.nonce(), RUNTIME);
        RenderRequest request = new RenderRequest(config, root, output, framing);
        events.follow(request.shell(), request.done());
        request.start();
        return new Handle(request);
    }

    /** Streamed hydration: what {@code dehydrateNew} finds at each flush, settled or still pending. */
    private static RenderConfig.QueryFeed queryFeed(RenderOptions options) {
        QueryClient client = options.streamedQueries();
        if (client == null) {
            return null;
        }
        DehydrateOptions dehydrate = options.streamedQueryOptions();
        return (settled, pending) -> {
            for (DehydratedQuery query : Dehydration.dehydrateNew(client, dehydrate).queries()) {
                if (query.isPending()) {
                    pending.accept(new HydrationBoundaryNode.PendingQuery(query::toJson, query.settledJson(),
                            query::stateJson));
                } else {
                    settled.accept(query.toJson());
                }
            }
        };
    }

    /** @return the API's view of a failure the core caught */
    static RenderError errorOf(Failure failure) {
        return new RenderError(failure.digest(), failure.cause(), failure.development() ? Mode.DEVELOPMENT : Mode.PRODUCTION,
                failure.componentPath());
    }

    /** How the core makes and reports failures: digests, this renderer's reporter, signals, timeouts. */
    private final class Errors implements RenderConfig.Errors {
        private final Duration deadline;
        private final RenderEvents events;

        Errors(Duration deadline, RenderEvents events) {
            this.deadline = deadline;
            this.events = events;
        }

        @Override
        public Failure failure(Throwable cause) {
            return new Failure(digest(cause), cause, mode == Mode.DEVELOPMENT);
        }

        @Override
        public void report(Failure failure) {
            Renderer.this.report(errorOf(failure));
        }

        @Override
        public boolean isSignal(Throwable cause) {
            return cause instanceof RenderSignal;
        }

        @Override
        public RuntimeException timeout() {
            events.deadline(); // asked for only when the deadline ends a part still pending
            return new RenderTimeoutException(deadline);
        }

        @Override
        public DomContent developmentView(Failure failure) {
            return mode == Mode.DEVELOPMENT ? Arbor.errorDetails(errorOf(failure)) : null;
        }
    }

    /** The handle of a running render: the core's request stays behind it. */
    private static final class Handle implements RenderHandle {
        private final RenderRequest request;

        Handle(RenderRequest request) {
            this.request = request;
        }

        @Override
        public CompletionStage<Void> shell() {
            return request.shell();
        }

        @Override
        public CompletionStage<Void> done() {
            return request.done();
        }

        @Override
        public void abort() {
            request.abort();
        }
    }

    /** A {@link RenderSink} as the core's output: chunks as UTF-8 bytes. */
    private static final class SinkOutput implements Output {
        private final RenderSink sink;

        SinkOutput(RenderSink sink) {
            this.sink = sink;
        }

        @Override
        public CompletionStage<Void> write(byte[] utf8, int length) {
            return sink.write(utf8, 0, length);
        }

        @Override
        public ArrayPool chunkPool() {
            BufferPool pool = sink.bufferPool();
            return pool == null ? null : pool.arrays;
        }

        @Override
        public void end() {
            sink.end();
        }

        @Override
        public void fail(Failure failure) {
            sink.fail(errorOf(failure));
        }
    }

    /** Collects a complete render as text: each chunk decoded, and its array given back at once. */
    private static final class StringOutput implements Output {
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final BufferPool buffers;
        private String text = "";
        private StringBuilder more;

        StringOutput(BufferPool buffers) {
            this.buffers = buffers;
        }

        @Override
        public CompletionStage<Void> write(byte[] utf8, int length) {
            String chunk = new String(utf8, 0, length, StandardCharsets.UTF_8);
            buffers.release(utf8);
            if (more != null) {
                more.append(chunk);
            } else if (text.isEmpty()) {
                text = chunk; // a complete render writes one chunk: keep it as it is
            } else {
                more = new StringBuilder(text).append(chunk);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public ArrayPool chunkPool() {
            return buffers.arrays;
        }

        @Override
        public void end() {
            result.complete(more != null ? more.toString() : text);
        }

        @Override
        public void fail(Failure failure) {
            result.completeExceptionally(failure.cause());
        }
    }

    /** Builds a {@link Renderer}. */
    public static final class Builder {
        private Mode mode = Mode.PRODUCTION;
        private Duration deadline = DEFAULT_DEADLINE;
        private ObjectMapper objectMapper;
        private Scheduler scheduler;
        private ErrorReporter errorReporter;
        private DigestFunction digests = DigestFunction.random();
        private RenderListener listener = RenderListener.NONE;
        private BufferPool bufferPool;

        private Builder() {
        }

        /**
         * @param mode production (digests only, the default) or development (messages)
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param deadline how long a render may take before its pending parts end as errors
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            this.deadline = Deadlines.requirePositive(deadline);
            return this;
        }

        /**
         * @param objectMapper the mapper for every value sent to the client (deferred values,
         *     dehydrated queries); defaults to {@link ArborJson#newMapper()}
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
            return this;
        }

        /**
         * @param scheduler runs deadline timers
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * @param errorReporter receives every caught error with its digest
         * @return this builder
         */
        public Builder errorReporter(ErrorReporter errorReporter) {
            this.errorReporter = Objects.requireNonNull(errorReporter, "errorReporter");
            return this;
        }

        /**
         * @param digests names every caught error for the client; {@link DigestFunction#random()}
         *     by default. A test can fix it ({@code error -> "test"}) so that two renders of a
         *     failing page compare equal.
         * @return this builder
         */
        public Builder digest(DigestFunction digests) {
            this.digests = Objects.requireNonNull(digests, "digests");
            return this;
        }

        /**
         * @param listener hears what every render does (time to shell, boundaries, aborts, errors),
         *     for metrics; {@link RenderListener#NONE} by default
         * @return this builder
         */
        public Builder listener(RenderListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param bufferPool where renders take their output buffers, and where a sink gives each
         *     chunk's array back once sent; by default each renderer has a pool of its own
         *     ({@link BufferPool#create()}). Share one to bound the idle arrays of several renderers.
         * @return this builder
         */
        public Builder bufferPool(BufferPool bufferPool) {
            this.bufferPool = Objects.requireNonNull(bufferPool, "bufferPool");
            return this;
        }

        /** @return the renderer */
        public Renderer build() {
            return new Renderer(this);
        }
    }
}
