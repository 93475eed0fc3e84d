package dev.arbor.internal;

import java.util.List;

/** An async node waiting for its stage, and where its content goes once the stage completes. */
final class Task {
    final AsyncNode<?> node;
    /** The hole in its parent segment, with the boundary, region and error scope around it. */
    final Cursor at;
    /** Development mode: the component path to the node, for error views; {@code null} otherwise. */
    final List<String> path;
    boolean done;

    Task(AsyncNode<?> node, Cursor at, List<String> path) {
        this.node = node;
        this.at = at;
        this.path = path;
    }

    /** Cancels the stage if it is a future; other stages cannot be cancelled. */
    void cancelStage() {
        try {
            node.stage.toCompletableFuture().cancel(false);
        } catch (UnsupportedOperationException e) {
            // a stage that cannot be turned into a future cannot be cancelled either
        }
    }
}
