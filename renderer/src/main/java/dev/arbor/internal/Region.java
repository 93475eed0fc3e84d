package dev.arbor.internal;

import java.util.ArrayList;

/**
 * A node of the ownership tree: which async work and which nested regions live inside a part of
 * the page, so that an error or a completed boundary can drop all of it at once. Some regions are
 * error scopes: where a failure inside them is shown.
 */
final class Region {
    enum Kind {
        /** The page; a failure here before the shell fails the render. */
        ROOT,
        /** A Suspense boundary's content; an error scope when no error boundary encloses it. */
        SUSPENSE,
        /** An error boundary; always an error scope. */
        ERROR,
        /** A Suspense boundary's fallback. */
        FALLBACK,
        /** An error boundary's fallback; an error scope that shows the default error view. */
        GUARD
    }

    final Kind kind;
    final Region parent;
    /** The boundary whose pending count this region's own tasks count against. */
    final Boundary boundary;
    /** The segment an error in this scope replaces. */
    final Segment segment;
    /** Whether failures inside stop here. */
    final boolean scope;
    /** The error boundary, for {@link Kind#ERROR}. */
    ErrorBoundaryNode errorNode;
    /** The Suspense boundary whose content this is, for {@link Kind#SUSPENSE}. */
    Boundary suspense;
    /** The error view on its way to replace this region on the client, once it failed after being sent. */
    Boundary replacement;

    private ArrayList<Region> children;
    private ArrayList<Task> tasks;
    boolean abandoned;
    boolean failed;

    Region(Kind kind, Region parent, Boundary boundary, Segment segment, boolean scope) {
        this.kind = kind;
        this.parent = parent;
        this.boundary = boundary;
        this.segment = segment;
        this.scope = scope;
        if (parent != null) {
            if (parent.children == null) {
                parent.children = new ArrayList<>(2);
            }
            parent.children.add(this);
        }
    }

    void addTask(Task task) {
        if (tasks == null) {
            tasks = new ArrayList<>(2);
        }
        tasks.add(task);
    }

    ArrayList<Region> children() {
        return children;
    }

    ArrayList<Task> tasks() {
        return tasks;
    }

    /** True when a Suspense boundary inside is still waiting for its content. */
    boolean hasPendingBoundary() {
        if (children == null) {
            return false;
        }
        for (Region child : children) {
            if (child.abandoned) {
                continue;
            }
            if (child.kind == Kind.SUSPENSE && !child.suspense.completed) {
                return true;
            }
            if (child.hasPendingBoundary()) {
                return true;
            }
        }
        return false;
    }
}
