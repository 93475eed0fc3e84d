package dev.arbor.internal;

import java.util.List;

/**
 * Errors on their way to the region that shows them. A failure drops everything inside its scope
 * and renders the scope's error view in its place: in the scope's own segment while it has not been
 * sent, or as a replacement that swaps the region on the client once it has.
 */
final class ErrorScopes {
    private final RenderRequest request;

    ErrorScopes(RenderRequest request) {
        this.request = request;
    }

    /** An error already reported, on its way to the nearest error scope. */
    private static final class Caught extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Failure failure;

        Caught(Failure failure) {
            super(failure.cause().getMessage(), failure.cause(), false, false);
            this.failure = failure;
        }
    }

    /** Reports an async node's failure, rejects its value on the client, and wraps it for the unwinding. */
    RuntimeException caught(AsyncNode<?> node, Throwable cause, List<String> componentPath) {
        Failure failure = newFailure(cause, componentPath == null ? null : String.join(" › ", componentPath));
        request.clientData().rejected(node, failure);
        return new Caught(failure);
    }

    /** @return the failure a throwable carries, or a new one */
    Failure failureOf(Throwable t) {
        return t instanceof Caught c ? c.failure : newFailure(t);
    }

    RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** A signal (a not-found, a redirect) is reported only if a boundary has to show it. */
    Failure newFailure(Throwable cause) {
        return newFailure(cause, request.writer().thrownAt(cause));
    }

    /** A new failure that happened at {@code componentPath} (development mode; else {@code null}). */
    private Failure newFailure(Throwable cause, String componentPath) {
        RenderConfig.Errors errors = request.config().errors();
        Failure failure = errors.failure(cause);
        if (componentPath != null) {
            failure = failure.withComponentPath(componentPath);
        }
        if (!errors.isSignal(cause)) {
            errors.report(failure);
        }
        return failure;
    }

    /**
     * Shows a failure in its scope: drops everything inside the scope and renders the error view in
     * its place, or, when the scope is already on the client, as a replacement of its region.
     */
    void fail(Region scope, Failure failure) {
        if (scope instanceof Region.Root) {
            request.fatal(failure);
            return;
        }
        if (scope.failed || scope.abandoned) {
            return;
        }
        RenderConfig.Errors errors = request.config().errors();
        if (errors.isSignal(failure.cause())) {
            errors.report(failure); // after the shell a signal can no longer steer the response: it is an error
        }
        scope.failed = true;
        abandonContents(scope);
        Segment target;
        Boundary owner;
        if (scope.segment.flushed) {
            if (scope.segment.markerId < 0) {
                return; // nothing inside was pending when it was sent: nothing to replace
            }
            owner = new Boundary(null, new Segment(request.config().buffers()), true);
            if (scope instanceof Region.Error e) {
                e.replacement = owner;
            }
            owner.id = scope.segment.markerId;
            owner.content.markerId = scope.segment.markerId;
            request.awaitOnClient(owner);
            target = owner.content;
        } else {
            scope.segment.reset();
            target = scope.segment;
            owner = scope.boundary;
        }
        SegmentWriter writer = request.writer();
        if (scope instanceof Region.Error e) {
            Region.Guard guard = new Region.Guard(scope, owner, target);
            Throwable thrown;
            try {
                Cursor view = new Cursor(target, owner, guard, guard, true);
                writer.renderAt(view, e.node.fallback.apply(failure));
                writer.renderAt(view, request.config().errors().developmentView(failure));
                thrown = null;
            } catch (Throwable t) {
                thrown = t;
            }
            if (thrown != null) {
                fail(guard, failureOf(thrown));
            }
        } else {
            Cursor saved = writer.at;
            writer.moveTo(new Cursor(target, owner, scope, scope, true));
            writer.writeErrorView(failure);
            writer.moveTo(saved);
        }
        if (owner.replacement) {
            owner.rendered = true;
        }
        request.checkComplete(owner); // an owner still in its first render completes when that render ends
    }

    /** Drops every task and nested region inside a region (not the region itself). */
    void abandonContents(Region region) {
        List<Task> tasks = region.tasks();
        if (tasks != null) {
            for (Task task : tasks) {
                request.drop(task);
            }
        }
        List<Region> children = region.children();
        if (children != null) {
            for (Region child : children) {
                abandon(child);
            }
        }
    }

    /** Drops a region and everything in it: it will never be shown. */
    void abandon(Region region) {
        if (region.abandoned) {
            return;
        }
        region.abandoned = true;
        if (region instanceof Region.Suspense) {
            drop(region.boundary);
        }
        if (region instanceof Region.Error e && e.replacement != null) {
            drop(e.replacement); // its error view was still to come: the region is gone
        }
        abandonContents(region);
    }

    private void drop(Boundary b) {
        b.abandoned = true;
        request.stopAwaitingOnClient(b);
        if (b.data != null) {
            request.clientData().trailing().drainFrom(b.data); // a resolved value still reaches page scripts
            b.data = null;
        }
    }
}
