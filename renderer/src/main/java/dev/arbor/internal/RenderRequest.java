package dev.arbor.internal;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbor.Deferred;
import dev.arbor.Mode;
import dev.arbor.RenderError;
import dev.arbor.RenderHandle;
import dev.arbor.RenderOptions;
import dev.arbor.RenderSignal;
import dev.arbor.RenderSink;
import dev.arbor.RenderTimeoutException;
import dev.arbor.Renderer;
import dev.arbor.Scheduler;
import dev.arbor.query.DehydratedQuery;
import dev.arbor.query.DehydratedState;
import j2html.tags.DomContent;
import j2html.tags.specialized.HtmlTag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One render: owns its segments, boundaries and pending tasks, and decides what to flush when.
 * Every state change runs on the request's {@link SerialExecutor}, one at a time; stages may
 * complete on any thread and only enqueue work.
 *
 * <p>Flush order, in {@link #flush()}: the shell once nothing outside a boundary is pending; then
 * every boundary that completed after its fallback was sent, in completion order; then the data
 * scripts collected on the way; and when nothing is left on the client's side, the end.
 */
public final class RenderRequest implements RenderHandle {
    private static final String RUNTIME = ClientRuntime.source();
    private static final String[] POSTAMBLES = {"</body></html>", "</html>"};

    /**
     * The size of the last shell, shared by all renders: the next root buffer starts that large
     * instead of growing to it. Only a capacity hint, so races on it are harmless.
     */
    private static volatile int shellSizeHint = 4096;

    private final Renderer renderer;
    private final DomContent rootNode;
    private final RenderSink sink;
    private final boolean blocking;
    private final String scriptOpen;
    private final Duration deadline;
    private final SerialExecutor executor;
    private final SegmentWriter writer = new SegmentWriter(this);
    private final CompletableFuture<Void> shell = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private Boundary root;
    private Region rootRegion;
    private final Set<Task> live = new LinkedHashSet<>();
    /** How many live tasks wait on each stage (by identity): one stage may back several nodes. */
    private final Map<CompletionStage<?>, Integer> waiting = new IdentityHashMap<>();
    /** Dropped tasks whose stage was left running for others; nobody needs them once the render ends. */
    private final List<Task> orphans = new ArrayList<>();
    private final ArrayDeque<Boundary> completedQueue = new ArrayDeque<>();
    private final List<String> trailing = new ArrayList<>();
    private Map<Deferred<?>, String> deferredKeys;
    private Map<String, Deferred<?>> keyOwners;
    private Set<String> sentKeys;
    private ObjectWriter json;
    private Scheduler.Cancellable timer;
    private long startNanos;
    private String postamble = "";
    private int nextId;
    /** Boundaries whose fallback the client shows and whose content has not been sent. */
    private int outstanding;
    private boolean shellSent;
    private boolean runtimeSent;
    private boolean writing;
    /** Writing a streamed boundary's template: scripts inside it would never run. */
    private boolean inTemplate;
    private final List<String> hydrationBeforeSwap = new ArrayList<>();
    private boolean closed;
    private boolean deadlinePassed;
    /** An island was rendered: the runtime must reach the client even with no instruction. */
    private boolean runtimeRequired;
    /** Pending queries of hydration boundaries whose results have not been streamed yet. */
    private final List<PendingQuery> pendingQueries = new ArrayList<>();

    /**
     * @param renderer the configuration
     * @param rootNode the page
     * @param options per-render settings
     * @param sink where the bytes go
     * @param blocking true for {@code renderToString}: wait for everything, write it once
     */
    public RenderRequest(Renderer renderer, DomContent rootNode, RenderOptions options, RenderSink sink,
            boolean blocking) {
        this.renderer = renderer;
        this.rootNode = rootNode;
        this.sink = sink;
        this.blocking = blocking;
        this.scriptOpen = options.nonce() == null ? "<script>" : "<script nonce=\"" + options.nonce() + "\">";
        this.deadline = options.deadline() != null ? options.deadline() : renderer.deadline();
        this.executor = new SerialExecutor(options.executor(), this::unexpected);
    }

    /** Starts rendering on the request's executor. */
    public void start() {
        executor.execute(this::renderRoot);
    }

    @Override
    public CompletionStage<Void> shell() {
        return shell;
    }

    @Override
    public CompletionStage<Void> done() {
        return done;
    }

    @Override
    public void abort() {
        executor.execute(() -> {
            if (closed) {
                return;
            }
            close();
            CancellationException cause = new CancellationException("Render aborted: the client went away");
            shell.completeExceptionally(cause);
            done.completeExceptionally(cause);
        });
    }

    boolean blocking() {
        return blocking;
    }

    boolean deadlinePassed() {
        return deadlinePassed;
    }

    RenderTimeoutException timeout() {
        return new RenderTimeoutException(deadline);
    }

    // ---- rendering ----

    private void renderRoot() {
        root = new Boundary(null, new Segment(shellSizeHint), false);
        if (rootNode instanceof HtmlTag) {
            root.content.text.append("<!DOCTYPE html>");
        }
        rootRegion = new Region(Region.Kind.ROOT, null, root, root.content, true);
        writer.moveTo(root.content, root, rootRegion, rootRegion, false);
        startNanos = System.nanoTime();
        Throwable error = writer.tryRender(new DomContent[] {rootNode});
        if (error != null) {
            failScope(rootRegion, errorOf(error));
            return;
        }
        root.rendered = true;
        checkComplete(root);
        flush();
    }

    /** Registers a pending async node: its stage's completion comes back through the executor. */
    void track(Task task) {
        startTimer();
        Boundary b = task.boundary;
        if (b.completed) {
            // an error view with async parts, rendered into a boundary that completed but is not
            // written yet (a slow client): it is pending again and is queued again when complete
            b.completed = false;
        }
        b.pending++;
        task.region.addTask(task);
        live.add(task);
        waiting.merge(task.node.stage, 1, Integer::sum);
        task.node.stage.whenComplete((value, error) -> executor.execute(() -> onSettled(task, value, error)));
    }

    /**
     * Starts the deadline timer the first time the render waits for something: a render whose data
     * is all ready never touches the scheduler. The deadline still counts from the render's start.
     */
    private void startTimer() {
        if (timer == null && !closed) {
            long left = deadline.toNanos() - (System.nanoTime() - startNanos);
            timer = renderer.scheduler().schedule(Duration.ofNanos(Math.max(0, left)),
                    () -> executor.execute(this::onDeadline));
        }
    }

    /** @return how many live tasks still wait on the task's stage */
    private int release(Task task) {
        Integer left = waiting.computeIfPresent(task.node.stage, (stage, n) -> n > 1 ? n - 1 : null);
        return left == null ? 0 : left;
    }

    private void onSettled(Task task, Object value, Throwable error) {
        if (closed || task.done) {
            return;
        }
        task.done = true;
        live.remove(task);
        release(task);
        // the task counts as pending until its content is rendered: an error boundary failing
        // synchronously inside that content must not complete the boundary before later siblings
        // of the failure have been registered
        if (error != null) {
            RuntimeException caught = caught(task.node, Stages.unwrap(error));
            failScope(task.scope, errorOf(caught));
        } else {
            writer.moveTo(task.segment, task.boundary, task.region, task.scope, task.explicitAbove);
            Throwable thrown = null;
            try {
                renderValue(task.node, value);
            } catch (Throwable t) {
                thrown = t;
            }
            if (thrown != null) {
                task.segment.reset();
                failScope(task.scope, errorOf(thrown));
            }
        }
        task.boundary.pending--;
        checkComplete(task.boundary);
        flush();
    }

    <T> void renderValue(AsyncNode<T> node, Object value) {
        @SuppressWarnings("unchecked")
        T v = (T) value;
        if (node.deferred != null) {
            sendDeferred(node.deferred, "$ad(" + keyJson(node.deferred) + "," + ScriptJson.write(json(), v) + ")",
                    writer.boundary);
        }
        writer.renderContent(node.view.apply(v));
    }

    private void onDeadline() {
        if (closed) {
            return;
        }
        deadlinePassed = true;
        orphans.forEach(Task::cancelStage);
        orphans.clear();
        for (Task task : new ArrayList<>(live)) {
            if (!task.done) {
                task.cancelStage();
                onSettled(task, null, timeout());
            }
        }
        timeOutQueries();
        flush();
    }

    // ---- errors ----

    /** An error already reported, on its way to the nearest error scope. */
    private static final class CaughtError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient RenderError error;

        CaughtError(RenderError error) {
            super(error.cause().getMessage(), error.cause(), false, false);
            this.error = error;
        }
    }

    /** Reports an async node's failure, rejects its deferred value on the client, and wraps it. */
    RuntimeException caught(AsyncNode<?> node, Throwable cause) {
        RenderError error = newError(cause);
        if (node.deferred != null) {
            String detail = renderer.mode() == Mode.DEVELOPMENT
                    ? "{\"digest\":" + ScriptJson.write(json(), error.digest()) + ",\"message\":"
                            + ScriptJson.write(json(), error.message()) + "}"
                    : "{\"digest\":" + ScriptJson.write(json(), error.digest()) + "}";
            sendDeferred(node.deferred, "$ad(" + keyJson(node.deferred) + ",null," + detail + ")", null);
        }
        return new CaughtError(error);
    }

    RenderError errorOf(Throwable t) {
        if (t instanceof CaughtError) {
            return ((CaughtError) t).error;
        }
        return newError(t);
    }

    RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }

    /** A signal (a not-found, a redirect) is reported only if a boundary has to show it. */
    private RenderError newError(Throwable cause) {
        return cause instanceof RenderSignal ? RenderError.of(cause, renderer.mode()) : renderer.report(cause);
    }


    /**
     * Shows an error in its scope: drops everything inside the scope and renders the error view in
     * its place, or, when the scope is already on the client, as a replacement chunk.
     */
    void failScope(Region scope, RenderError error) {
        if (scope.kind == Region.Kind.ROOT) {
            fatal(error);
            return;
        }
        if (scope.failed || scope.abandoned) {
            return;
        }
        if (error.cause() instanceof RenderSignal) {
            renderer.report(error); // after the shell a signal can no longer steer the response: it is an error
        }
        scope.failed = true;
        abandonContents(scope);
        Segment target;
        Boundary owner;
        if (scope.segment.flushed) {
            if (scope.segment.markerId < 0) {
                return; // nothing inside was pending when it was sent: nothing to replace
            }
            owner = new Boundary(null, new Segment(), true);
            scope.replacement = owner;
            owner.id = scope.segment.markerId;
            owner.content.markerId = scope.segment.markerId;
            owner.clientPending = true;
            outstanding++;
            target = owner.content;
        } else {
            scope.segment.reset();
            target = scope.segment;
            owner = scope.boundary;
        }
        SegmentWriter.Cursor saved = writer.save();
        if (scope.kind == Region.Kind.ERROR) {
            Region guard = new Region(Region.Kind.GUARD, scope, owner, target, true);
            writer.moveTo(target, owner, guard, guard, true);
            Throwable thrown = null;
            try {
                writer.renderContent(scope.errorNode.fallback.apply(error));
            } catch (Throwable t) {
                thrown = t;
            }
            writer.restore(saved);
            if (thrown != null) {
                failScope(guard, errorOf(thrown));
            }
        } else {
            writer.moveTo(target, owner, scope, scope, true);
            writer.writeErrorView(error);
            writer.restore(saved);
        }
        if (owner.replacement) {
            owner.rendered = true;
        }
        checkComplete(owner); // an owner still in its first render completes when that render ends
    }

    /** Drops every task and nested region inside a region (not the region itself). */
    private void abandonContents(Region region) {
        List<Task> tasks = region.tasks();
        if (tasks != null) {
            for (Task task : tasks) {
                if (!task.done) {
                    task.done = true;
                    live.remove(task);
                    task.boundary.pending--;
                    // a stage awaited elsewhere too, or a deferred value (made to be shared and
                    // awaited later), must live on for the others
                    if (release(task) == 0 && task.node.deferred == null) {
                        task.cancelStage();
                    } else {
                        orphans.add(task); // cancelled when the render ends, if still running
                    }
                }
            }
        }
        List<Region> children = region.children();
        if (children != null) {
            for (Region child : children) {
                abandon(child);
            }
        }
    }

    private void abandon(Region region) {
        if (region.abandoned) {
            return;
        }
        region.abandoned = true;
        if (region.kind == Region.Kind.SUSPENSE) {
            drop(region.suspense);
        }
        if (region.replacement != null) {
            drop(region.replacement); // its error view was still to come: the region is gone
        }
        abandonContents(region);
    }

    private void drop(Boundary b) {
        b.abandoned = true;
        if (b.clientPending) {
            outstanding--;
            b.clientPending = false;
        }
        if (b.data != null) {
            trailing.addAll(b.data); // a resolved value still reaches page scripts
            b.data = null;
        }
    }

    private void fatal(RenderError error) {
        if (closed) {
            return;
        }
        close();
        shell.completeExceptionally(error.cause());
        done.completeExceptionally(error.cause());
        sink.fail(error);
    }

    /** A bug in Arbor itself: end the response rather than hang it. */
    private void unexpected(Throwable t) {
        if (closed) {
            return;
        }
        RenderError error = newError(t);
        if (!shellSent) {
            fatal(error);
        } else {
            close();
            sink.end();
            done.completeExceptionally(t);
        }
    }

    /** Stops everything: cancels pending stages and drops every buffer. */
    private void close() {
        closed = true;
        if (timer != null) {
            timer.cancel();
        }
        for (Task task : live) {
            task.done = true;
            task.cancelStage();
        }
        orphans.forEach(Task::cancelStage);
        orphans.clear();
        live.clear();
        waiting.clear();
        pendingQueries.clear();
        completedQueue.clear();
        trailing.clear();
        root = null;
        rootRegion = null;
        writer.moveTo(null, null, null, null, false);
    }

    // ---- completion ----

    void checkComplete(Boundary b) {
        if (b.completed || b.abandoned || !b.rendered || b.pending > 0) {
            return;
        }
        b.completed = true;
        if (b.fallbackRegion != null) {
            // the content is ready: whatever its fallback still waits for is never shown (or is
            // about to be swapped out), and must not fail the page nor hold the stream open
            abandon(b.fallbackRegion);
            b.fallback = null;
            b.fallbackRegion = null;
            if (b.parent != null) {
                checkComplete(b.parent);
            }
        }
        if (b.clientPending) {
            completedQueue.add(b);
        }
    }

    // ---- deferred data ----

    private ObjectWriter json() {
        if (json == null) {
            json = ScriptJson.writer(renderer.objectMapper());
        }
        return json;
    }

    private String keyJson(Deferred<?> deferred) {
        return ScriptJson.write(json(), keyOf(deferred));
    }

    /** The client-side key of a deferred value; unnamed ones get the next render-order key. */
    String keyOf(Deferred<?> deferred) {
        String key = deferred.key();
        if (key == null) {
            if (deferredKeys == null) {
                deferredKeys = new IdentityHashMap<>();
            }
            key = deferredKeys.computeIfAbsent(deferred, d -> "$d" + deferredKeys.size());
        }
        if (keyOwners == null) {
            keyOwners = new HashMap<>();
        }
        Deferred<?> owner = keyOwners.putIfAbsent(key, deferred);
        if (owner != null && owner != deferred) {
            throw new IllegalStateException("Two deferred values in one page share the key '" + key
                    + "': page scripts could read only one of them; give each its own key");
        }
        return key;
    }

    /** Sends a deferred value's script once per key: after its boundary's content, or at the next flush. */
    private void sendDeferred(Deferred<?> deferred, String script, Boundary owner) {
        if (sentKeys == null) {
            sentKeys = new HashSet<>();
        }
        if (!sentKeys.add(keyJson(deferred))) {
            return;
        }
        if (owner != null && !owner.completed && !owner.abandoned) {
            owner.addData(script);
        } else {
            trailing.add(script);
        }
    }

    // ---- hydration ----

    /** A query sent as pending; its result streams as a chunk of its own when its fetch ends. */
    private static final class PendingQuery {
        final DehydratedQuery query;
        boolean done;

        PendingQuery(DehydratedQuery query) {
            this.query = query;
        }
    }

    /**
     * A hydration boundary's state, to send just before the HTML it wraps (TanStack's
     * HydrationBoundary hydrates before its children render); each pending query's result follows
     * once it settles, and the stream stays open until then.
     *
     * @return the script, or {@code null} for an empty state
     */
    String hydrate(DehydratedState state) {
        if (state.isEmpty()) {
            return null;
        }
        runtimeRequired = true;
        String script = "$aq(" + ScriptJson.write(json(), state.toJson()) + ")";
        for (DehydratedQuery query : state.queries()) {
            if (!query.isPending()) {
                continue;
            }
            startTimer();
            PendingQuery pending = new PendingQuery(query);
            pendingQueries.add(pending);
            outstanding++;
            query.settledJson().thenAccept(settled -> executor.execute(() -> streamQuery(pending, settled)));
        }
        return script;
    }

    private void streamQuery(PendingQuery pending, ObjectNode settled) {
        if (closed || pending.done) {
            return;
        }
        pending.done = true;
        outstanding--;
        ObjectNode one = pending.query.toJson();
        one.set("state", settled);
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.putArray("queries").add(one);
        trailing.add("$aq(" + ScriptJson.write(json(), state) + ")");
        flush();
    }

    /** At the deadline, a query still pending reaches the client as a (redacted) timeout error. */
    private void timeOutQueries() {
        for (PendingQuery pending : new ArrayList<>(pendingQueries)) {
            if (!pending.done) {
                RenderError error = newError(timeout());
                ObjectNode state = pending.query.stateJson();
                state.put("status", "error");
                state.putObject("error").put("message", "redacted").put("digest", error.digest());
                streamQuery(pending, state);
            }
        }
        pendingQueries.clear();
    }

    String islandProps(Object props) {
        runtimeRequired = true;
        return ScriptJson.write(json(), props);
    }

    // ---- flushing ----

    private void flush() {
        if (closed || writing) {
            return;
        }
        StringBuilder out = null;
        if (!shellSent) {
            if (!root.completed || (blocking && (!live.isEmpty() || outstanding > 0))) {
                return;
            }
            if (root.content.parts() == null) {
                out = root.content.text; // a shell without holes: send its buffer as it is
                root.content.flushed = true;
            } else {
                out = new StringBuilder(shellSizeHint);
                writeSegment(root.content, out);
            }
            shellSizeHint = Math.max(4096, out.length() + (out.length() >> 3));
            holdBackPostamble(out);
            shellSent = true;
            collectData(root);
            if (runtimeRequired) {
                writeRuntime(out);
            }
            writeTrailing(out);
        }
        Boundary b;
        while ((b = completedQueue.poll()) != null) {
            if (b.abandoned || !b.clientPending || !b.completed) {
                continue; // dropped, or pending again: it is queued again when it completes
            }
            if (out == null) {
                out = new StringBuilder(1024);
            }
            writeCompletedBoundary(b, out);
            writeTrailing(out);
        }
        if (!trailing.isEmpty()) {
            if (out == null) {
                out = new StringBuilder(256);
            }
            writeTrailing(out);
        }
        boolean end = outstanding == 0;
        if (end) {
            if (out == null) {
                out = new StringBuilder(postamble.length());
            }
            out.append(postamble);
        }
        if (out != null && out.length() > 0) {
            emit(out, end);
        } else if (end) {
            finish();
        }
    }

    private void emit(StringBuilder out, boolean end) {
        writing = true;
        CompletionStage<Void> accepted = sink instanceof TextSink
                ? ((TextSink) sink).writeText(out.toString())
                : sink.write(out.toString().getBytes(StandardCharsets.UTF_8));
        if (!shell.isDone()) {
            shell.complete(null);
        }
        accepted.whenComplete((v, error) -> executor.execute(() -> {
            writing = false;
            if (closed) {
                return;
            }
            if (error != null) {
                close(); // the sink cannot take more: the client is gone
                done.completeExceptionally(error);
            } else if (end) {
                finish();
            } else {
                flush();
            }
        }));
    }

    private void finish() {
        if (closed) {
            return;
        }
        close();
        sink.end();
        done.complete(null);
    }

    private void holdBackPostamble(StringBuilder out) {
        for (String p : POSTAMBLES) {
            int at = out.length() - p.length();
            if (at >= 0 && out.indexOf(p, at) == at) {
                postamble = p;
                out.setLength(at);
                return;
            }
        }
    }

    private void writeSegment(Segment segment, StringBuilder out) {
        segment.flushed = true;
        List<Object> parts = segment.parts();
        if (parts != null) {
            for (Object part : parts) {
                if (part instanceof StringBuilder) {
                    out.append((StringBuilder) part);
                } else if (part instanceof Segment) {
                    writeSegment((Segment) part, out);
                } else if (part instanceof Boundary) {
                    writeBoundary((Boundary) part, out);
                } else if (part == RuntimeNode.INSTANCE) {
                    writeRuntime(out);
                } else if (part instanceof HydrationScript) {
                    writeHydration(((HydrationScript) part).script, out);
                } else {
                    writeErrorRegion((Region) part, out);
                }
            }
        }
        out.append(segment.text);
    }

    private void writeBoundary(Boundary b, StringBuilder out) {
        if (b.abandoned) {
            return;
        }
        if (b.completed) {
            writeSegment(b.content, out);
            collectData(b);
            return;
        }
        b.id = nextId++;
        b.clientPending = true;
        outstanding++;
        out.append("<!--$--><template id=\"aB").append(b.id).append("\"></template>");
        if (b.fallback != null) {
            writeSegment(b.fallback, out);
        }
        out.append("<!--/$-->");
    }

    private void writeErrorRegion(Region r, StringBuilder out) {
        if (r.abandoned) {
            return;
        }
        if (r.hasPendingBoundary()) {
            int id = nextId++;
            r.segment.markerId = id;
            out.append("<!--e:").append(id).append("-->");
            writeSegment(r.segment, out);
            out.append("<!--/e-->");
        } else {
            writeSegment(r.segment, out);
        }
    }

    private void writeCompletedBoundary(Boundary b, StringBuilder out) {
        writeRuntime(out);
        b.clientPending = false;
        outstanding--;
        out.append("<template id=\"aS").append(b.id).append("\">");
        inTemplate = true;
        writeSegment(b.content, out);
        inTemplate = false;
        out.append("</template>");
        for (String script : hydrationBeforeSwap) {
            out.append(scriptOpen).append(script).append("</script>");
        }
        hydrationBeforeSwap.clear();
        out.append(scriptOpen).append(b.replacement ? "$ae(" : "$ac(").append(b.id).append(")</script>");
        collectData(b);
    }

    /**
     * Query state goes right before the HTML it wraps: inline in the shell; for streamed content,
     * whose scripts would not run inside its template, between the template and the swap.
     */
    private void writeHydration(String script, StringBuilder out) {
        if (inTemplate) {
            hydrationBeforeSwap.add(script);
        } else {
            writeRuntime(out);
            out.append(scriptOpen).append(script).append("</script>");
        }
    }

    private void collectData(Boundary b) {
        if (b.data != null) {
            trailing.addAll(b.data);
            b.data = null;
        }
    }

    private void writeTrailing(StringBuilder out) {
        if (runtimeRequired) {
            writeRuntime(out);
        }
        if (trailing.isEmpty()) {
            return;
        }
        writeRuntime(out);
        for (String script : trailing) {
            out.append(scriptOpen).append(script).append("</script>");
        }
        trailing.clear();
    }

    private void writeRuntime(StringBuilder out) {
        if (!runtimeSent) {
            runtimeSent = true;
            out.append(scriptOpen, 0, scriptOpen.length() - 1).append(" id=\"arbor-runtime\">").append(RUNTIME)
                    .append("</script>");
        }
    }
}
