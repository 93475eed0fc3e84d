package dev.arbor.internal;

/** An async node waiting for its stage, and where its content will go when the stage completes. */
final class Task {
    final AsyncNode<?> node;
    final Segment segment;
    final Boundary boundary;
    final Region region;
    final Region scope;
    final boolean explicitAbove;
    boolean done;

    Task(AsyncNode<?> node, Segment segment, Boundary boundary, Region region, Region scope, boolean explicitAbove) {
        this.node = node;
        this.segment = segment;
        this.boundary = boundary;
        this.region = region;
        this.scope = scope;
        this.explicitAbove = explicitAbove;
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
