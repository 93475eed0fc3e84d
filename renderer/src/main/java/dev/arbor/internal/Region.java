package dev.arbor.internal;

import dev.arbor.internal.wire.Utf8Out;

import java.util.ArrayList;

/**
 * A node of the ownership tree: which async work and which nested regions live inside a part of
 * the page, so that an error or a completed boundary can drop all of it at once. Some regions
 * catch errors: a failure inside shows there.
 */
abstract sealed class Region permits Region.Root, Region.Suspense, Region.Error, Region.Fallback, Region.Guard {
    final Region parent;
    /** The boundary whose pending count this region's own tasks count against. */
    final Boundary boundary;
    /** The segment an error caught here replaces. */
    final Segment segment;

    private ArrayList<Region> children;
    private ArrayList<Task> tasks;
    boolean abandoned;
    boolean failed;

    Region(Region parent, Boundary boundary, Segment segment) {
        this.parent = parent;
        this.boundary = boundary;
        this.segment = segment;
        if (parent != null) {
            if (parent.children == null) {
                parent.children = new ArrayList<>(2);
            }
            parent.children.add(this);
        }
    }

    /** @return whether failures inside stop here */
    abstract boolean catchesErrors();

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

    /** @return whether a Suspense boundary inside is still waiting for its content */
    boolean hasPendingBoundary() {
        if (children == null) {
            return false;
        }
        for (Region child : children) {
            if (child.abandoned) {
                continue;
            }
            if (child instanceof Suspense s && !s.boundary.completed) {
                return true;
            }
            if (child.hasPendingBoundary()) {
                return true;
            }
        }
        return false;
    }

    /** The page; a failure here before the shell fails the render. */
    static final class Root extends Region {
        Root(Boundary root) {
            super(null, root, root.content);
        }

        @Override
        boolean catchesErrors() {
            return true;
        }
    }

    /**
     * A Suspense boundary's content; it catches errors when no error boundary encloses it (each
     * {@code await} then shows its own failure, as Pareto advises).
     */
    static final class Suspense extends Region {
        private final boolean catches;

        Suspense(Region parent, Boundary suspense, boolean catches) {
            super(parent, suspense, suspense.content);
            this.catches = catches;
        }

        @Override
        boolean catchesErrors() {
            return catches;
        }
    }

    /** An error boundary. Also a part of its parent segment: it may need region markers. */
    static final class Error extends Region implements Part {
        final ErrorBoundaryNode node;
        /** Its error view, on its way to replace the region on the client after it was sent. */
        Boundary replacement;

        Error(Region parent, Boundary boundary, Segment segment, ErrorBoundaryNode node) {
            super(parent, boundary, segment);
            this.node = node;
        }

        @Override
        boolean catchesErrors() {
            return true;
        }

        @Override
        public void writeTo(Flusher flusher, Utf8Out out) {
            flusher.writeErrorRegion(this, out);
        }

        @Override
        public int sizeHint() {
            return abandoned ? 0 : segment.sizeHint();
        }
    }

    /** A Suspense boundary's fallback: what fails inside goes to the enclosing scope. */
    static final class Fallback extends Region {
        Fallback(Region parent, Boundary owner, Segment fallback) {
            super(parent, owner, fallback);
        }

        @Override
        boolean catchesErrors() {
            return false;
        }
    }

    /** An error boundary's own error view; what fails there shows the default error view. */
    static final class Guard extends Region {
        Guard(Region parent, Boundary owner, Segment target) {
            super(parent, owner, target);
        }

        @Override
        boolean catchesErrors() {
            return true;
        }
    }
}
