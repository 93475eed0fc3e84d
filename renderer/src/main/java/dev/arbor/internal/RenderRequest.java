package dev.arbor.internal;

import dev.arbor.internal.wire.Framing;
import dev.arbor.internal.wire.Utf8Out;
import j2html.tags.DomContent;
import j2html.tags.specialized.HtmlTag;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One render, as Fizz's {@code Request}: its lifecycle (start, track, settle, deadline, abort,
 * finish) and its queues. Every state change runs on the request's {@link SerialExecutor}, one at a
 * time; stages may complete on any thread and only enqueue work. Rendering is the
 * {@link SegmentWriter}'s, errors the {@link ErrorScopes}', data for page scripts the
 * {@link ClientData}'s, and writing chunks the {@link Flusher}'s.
 */
public final class RenderRequest {
    private final RenderConfig config;
    /** The page, until its first render is over: then only pending parts stay reachable. */
    private DomContent rootNode;
    private final Output output;
    private final SerialExecutor executor;
    private final SegmentWriter writer = new SegmentWriter(this);
    private final ErrorScopes errorScopes = new ErrorScopes(this);
    private final ClientData clientData = new ClientData(this);
    private final Flusher flusher;
    private final CompletableFuture<Void> shell = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private Boundary root;
    private final Set<Task> live = new LinkedHashSet<>();
    /** How many live tasks wait on each stage (by identity): one stage may back several nodes. */
    private final Map<CompletionStage<?>, Integer> waiting = new IdentityHashMap<>(4); // not 32 slots: most renders wait on a few stages or none
    /** Dropped tasks whose stage was left running for others; nobody needs them once the render ends. */
    private final List<Task> orphans = new ArrayList<>();
    /** Boundaries whose content completed after their fallback went out, in completion order. */
    private final ArrayDeque<Boundary> completedQueue = new ArrayDeque<>();
    private Runnable cancelTimer;
    private long startNanos;
    private int nextRegionId;
    /** Regions the client shows a fallback for, and queries it waits for: the stream ends at zero. */
    private int awaitedOnClient;
    /** A chunk is with the output and not accepted yet: completed work waits and joins the next one. */
    private boolean writing;
    private boolean closed;
    private boolean deadlinePassed;

    /**
     * @param config the configuration, as a value
     * @param rootNode the page
     * @param output where the chunks go
     * @param framing how the response carries contents and instructions
     */
    public RenderRequest(RenderConfig config, DomContent rootNode, Output output, Framing framing) {
        this.config = config;
        this.rootNode = rootNode;
        this.output = output;
        this.flusher = new Flusher(this, framing, output.chunkPool());
        this.executor = new SerialExecutor(config.executor(), this::unexpected);
    }

    /** Starts rendering on the request's executor. */
    public void start() {
        executor.execute(this::renderRoot);
    }

    /** @return completes when the shell was written; fails when the render failed before it */
    public CompletionStage<Void> shell() {
        return shell;
    }

    /** @return completes when the response ended */
    public CompletionStage<Void> done() {
        return done;
    }

    /** Stops the render: the client went away. Cancels pending stages; the output hears nothing more. */
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

    // ---- collaborators and their view of the request ----

    RenderConfig config() {
        return config;
    }

    SegmentWriter writer() {
        return writer;
    }

    ErrorScopes errorScopes() {
        return errorScopes;
    }

    ClientData clientData() {
        return clientData;
    }

    boolean isClosed() {
        return closed;
    }

    boolean deadlinePassed() {
        return deadlinePassed;
    }

    void onExecutor(Runnable task) {
        executor.execute(task);
    }

    int nextRegionId() {
        return nextRegionId++;
    }

    int awaitedOnClient() {
        return awaitedOnClient;
    }

    /** The client shows {@code b}'s fallback (or the region it replaces): its content must follow. */
    void awaitOnClient(Boundary b) {
        b.clientPending = true;
        awaitedOnClient++;
    }

    void stopAwaitingOnClient(Boundary b) {
        if (b.clientPending) {
            b.clientPending = false;
            awaitedOnClient--;
        }
    }

    /** A query was sent pending: the stream stays open for its result. */
    void awaitQuery() {
        startTimer();
        awaitedOnClient++;
    }

    void queryArrived() {
        awaitedOnClient--;
        flush();
    }

    // ---- rendering ----

    private void renderRoot() {
        root = new Boundary(null, new Segment(Flusher.shellSizeHint(), flusher.chunkPool()), false);
        if (rootNode instanceof HtmlTag) {
            root.content.text.append("<!DOCTYPE html>");
        }
        Region.Root rootRegion = new Region.Root(root);
        startNanos = System.nanoTime();
        Throwable error = writer.renderRoot(new Cursor(root.content, root, rootRegion, rootRegion, false),
                rootNode, config.development());
        rootNode = null;
        if (error != null) {
            errorScopes.fail(rootRegion, errorScopes.failureOf(error));
            return;
        }
        root.rendered = true;
        checkComplete(root);
        flush();
    }

    /** Registers a pending async node: its stage's completion comes back through the executor. */
    void track(Task task) {
        startTimer();
        Boundary b = task.at.boundary();
        if (b.completed) {
            // an error view with async parts, rendered into a boundary that completed but is not
            // written yet (a slow client): it is pending again and is queued again when complete
            b.completed = false;
        }
        b.pending++;
        task.at.region().addTask(task);
        live.add(task);
        waiting.merge(task.node.stage, 1, Integer::sum);
        task.node.stage.whenComplete((value, error) -> executor.execute(() -> onSettled(task, value, error)));
    }

    /**
     * Starts the deadline timer the first time the render waits for something: a render whose data
     * is all ready never touches the timers. The deadline still counts from the render's start.
     */
    private void startTimer() {
        if (cancelTimer == null && !closed) {
            long left = config.deadline().toNanos() - (System.nanoTime() - startNanos);
            cancelTimer = config.timers().schedule(Duration.ofNanos(Math.max(0, left)),
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
            errorScopes.fail(task.at.errorScope(), errorScopes.failureOf(errorScopes.caught(task.node,
                    Stages.unwrap(error), task.path)));
        } else {
            Throwable thrown = null;
            try {
                writer.renderValueAt(task.at, task.node, value, task.path);
            } catch (Throwable t) {
                thrown = t;
            }
            if (thrown != null) {
                task.at.segment().reset();
                errorScopes.fail(task.at.errorScope(), errorScopes.failureOf(thrown));
            }
        }
        task.at.boundary().pending--;
        checkComplete(task.at.boundary());
        flush();
    }

    /** Drops a task whose content will never be shown. */
    void drop(Task task) {
        if (task.done) {
            return;
        }
        task.done = true;
        live.remove(task);
        task.at.boundary().pending--;
        // a stage awaited elsewhere too, or deferred data (made to be shared and awaited later),
        // must live on for the others
        if (release(task) == 0 && !task.node.deferred) {
            task.cancelStage();
        } else {
            orphans.add(task); // cancelled when the render ends, if still running
        }
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
                onSettled(task, null, config.errors().timeout());
            }
        }
        clientData.timeOutQueries();
        flush();
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
            errorScopes.abandon(b.fallbackRegion);
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

    // ---- flushing and the end ----

    /** Writes what is ready, unless the output still holds the last chunk. */
    private void flush() {
        if (closed || writing) {
            return;
        }
        boolean shellReady = root.completed && !(config.complete() && (!live.isEmpty() || awaitedOnClient > 0));
        if (!flusher.shellSent() && !shellReady) {
            return;
        }
        var out = flusher.chunk(root, completedQueue);
        boolean end = awaitedOnClient == 0;
        if (end) {
            out.append(flusher.postamble());
        }
        if (out.length() > 0) {
            emit(out, end);
        } else if (end) {
            finish();
        }
    }

    private void emit(Utf8Out chunk, boolean end) {
        writing = true;
        // the array is the output's from now on: it may give it back to its pool
        CompletionStage<Void> accepted = output.write(chunk.handOff(), chunk.length());
        shell.complete(null); // the first chunk is the shell; a no-op after it
        accepted.whenComplete((v, error) -> executor.execute(() -> {
            writing = false;
            if (closed) {
                return;
            }
            if (error != null) {
                close(); // the output cannot take more: the client is gone
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
        output.end();
        done.complete(null);
    }

    /** The render failed before its shell: the output hears why. */
    void fatal(Failure failure) {
        if (closed) {
            return;
        }
        close();
        shell.completeExceptionally(failure.cause());
        done.completeExceptionally(failure.cause());
        output.fail(failure);
    }

    /** A bug in Arbor itself: end the response rather than hang it. */
    private void unexpected(Throwable t) {
        if (closed) {
            return;
        }
        Failure failure = errorScopes.newFailure(t);
        if (!flusher.shellSent()) {
            fatal(failure);
        } else {
            close();
            output.end();
            done.completeExceptionally(t);
        }
    }

    /** Stops everything: cancels pending stages and drops every buffer. */
    private void close() {
        closed = true;
        if (cancelTimer != null) {
            cancelTimer.run();
        }
        for (Task task : live) {
            task.done = true;
            task.cancelStage();
        }
        orphans.forEach(Task::cancelStage);
        orphans.clear();
        live.clear();
        waiting.clear();
        clientData.clear();
        completedQueue.clear();
        root = null;
        writer.moveTo(Cursor.NONE);
    }
}
