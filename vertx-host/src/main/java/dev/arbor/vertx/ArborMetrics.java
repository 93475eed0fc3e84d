package dev.arbor.vertx;

import dev.arbor.BufferPool;
import dev.arbor.RenderListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what renders do as Micrometer meters: give it to the renderer as its listener, and every
 * page served (streamed, complete, or an error page) is measured.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * Renderer renderer = Renderer.builder().listener(ArborMetrics.bindTo(registry)).build();
 * router.get("/metrics").handler(ctx -> ctx.response().end(registry.scrape()));
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code arbor.render.shell}</td><td>timer</td><td>time to shell: from the render's start to its first bytes</td></tr>
 *   <tr><td>{@code arbor.render.complete}</td><td>timer</td><td>time to complete: to the end of the stream</td></tr>
 *   <tr><td>{@code arbor.render.open}</td><td>gauge</td><td>renders under way: open streams</td></tr>
 *   <tr><td>{@code arbor.render.aborted}</td><td>counter</td><td>renders whose client went away</td></tr>
 *   <tr><td>{@code arbor.render.failed}</td><td>counter</td><td>renders that failed as a whole (a 500 before the shell)</td></tr>
 *   <tr><td>{@code arbor.render.deadlines}</td><td>counter</td><td>renders whose deadline ended parts still pending</td></tr>
 *   <tr><td>{@code arbor.boundaries}</td><td>counter</td><td>boundaries by {@code delivery}: {@code streamed} after their fallback, or {@code inlined}</td></tr>
 *   <tr><td>{@code arbor.boundary.latency}</td><td>timer</td><td>for each streamed boundary, from the render's start to its content</td></tr>
 *   <tr><td>{@code arbor.errors}</td><td>counter</td><td>reported errors by {@code digest} and {@code exception} (the class's simple name)</td></tr>
 *   <tr><td>{@code arbor.buffers.retained}</td><td>gauge</td><td>bytes of idle output arrays the renderer's pool keeps ({@link #bindBuffers})</td></tr>
 * </table>
 *
 * <p>Timers publish histogram buckets, so a Prometheus backend can compute percentiles across
 * instances. Digests are random by default, one per error, so the {@code digest} tag is capped at
 * {@value #MAX_DIGESTS} values per listener (later ones count under {@code digest="other"}); give the renderer a {@link dev.arbor.DigestFunction} that names an error by its cause
 * (its class and first frames, say) to count each bug under one digest.
 */
public final class ArborMetrics implements RenderListener {
    /** How many distinct digests {@code arbor.errors} records before it denies new ones. */
    public static final int MAX_DIGESTS = 1000;
    /** The {@code digest} tag of errors past {@link #MAX_DIGESTS} distinct digests. */
    public static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Timer shell;
    private final Timer complete;
    private final Timer boundaryLatency;
    private final Counter aborted;
    private final Counter failed;
    private final Counter deadlines;
    private final Counter streamed;
    private final Counter inlined;
    private final AtomicInteger open = new AtomicInteger();
    private final Set<String> digests = ConcurrentHashMap.newKeySet();

    private ArborMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.shell = Timer.builder("arbor.render.shell").description("Time from a render's start to its shell")
                .publishPercentileHistogram().register(registry);
        this.complete = Timer.builder("arbor.render.complete").description("Time from a render's start to its end")
                .publishPercentileHistogram().register(registry);
        this.boundaryLatency = Timer.builder("arbor.boundary.latency")
                .description("Time from a render's start to a streamed boundary's content")
                .publishPercentileHistogram().register(registry);
        this.aborted = Counter.builder("arbor.render.aborted").description("Renders whose client went away")
                .register(registry);
        this.failed = Counter.builder("arbor.render.failed").description("Renders that failed before their shell")
                .register(registry);
        this.deadlines = Counter.builder("arbor.render.deadlines")
                .description("Renders whose deadline ended parts still pending").register(registry);
        this.streamed = Counter.builder("arbor.boundaries").tag("delivery", "streamed")
                .description("Boundaries, streamed after their fallback or inlined").register(registry);
        this.inlined = Counter.builder("arbor.boundaries").tag("delivery", "inlined")
                .description("Boundaries, streamed after their fallback or inlined").register(registry);
        Gauge.builder("arbor.render.open", open, AtomicInteger::get).description("Renders under way")
                .register(registry);
    }

    /**
     * Registers Arbor's meters in {@code registry}.
     *
     * @param registry where the meters go (Prometheus's, or any Micrometer registry)
     * @return the listener to give to {@link dev.arbor.Renderer.Builder#listener}
     */
    public static ArborMetrics bindTo(MeterRegistry registry) {
        return new ArborMetrics(Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Registers {@code arbor.buffers.retained}, a gauge of the bytes of idle output arrays a
     * renderer's pool keeps between renders (at most its maximum): what streaming costs in heap
     * once no page is being written.
     *
     * <pre>{@code
     * ArborMetrics.bindBuffers(registry, renderer.bufferPool());
     * }</pre>
     *
     * @param registry where the gauge goes
     * @param pool the renderer's pool ({@link dev.arbor.Renderer#bufferPool()})
     */
    public static void bindBuffers(MeterRegistry registry, BufferPool pool) {
        Objects.requireNonNull(pool, "pool");
        Gauge.builder("arbor.buffers.retained", pool, BufferPool::retainedBytes).baseUnit("bytes")
                .description("Bytes of idle output arrays kept for the next renders")
                .strongReference(true).register(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void renderStarted() {
        open.incrementAndGet();
    }

    @Override
    public void shellSent(Duration timeToShell) {
        shell.record(timeToShell);
    }

    @Override
    public void renderCompleted(Duration timeToComplete) {
        open.decrementAndGet();
        complete.record(timeToComplete);
    }

    @Override
    public void renderAborted(Duration after) {
        open.decrementAndGet();
        aborted.increment();
    }

    @Override
    public void renderFailed(Duration after, Throwable cause) {
        open.decrementAndGet();
        failed.increment();
    }

    @Override
    public void boundaryStreamed(Duration latency) {
        streamed.increment();
        boundaryLatency.record(latency);
    }

    @Override
    public void boundaryInlined() {
        inlined.increment();
    }

    @Override
    public void deadlinePassed() {
        deadlines.increment();
    }

    @Override
    public void errorReported(String digest, Throwable error) {
        // random digests would make a series per error: past the cap, they count together as "other"
        boolean known = digests.contains(digest) || (digests.size() < MAX_DIGESTS && digests.add(digest));
        Counter.builder("arbor.errors").description("Reported errors, by digest")
                .tag("digest", known ? digest : OTHER).tag("exception", error.getClass().getSimpleName())
                .register(registry).increment();
    }
}
