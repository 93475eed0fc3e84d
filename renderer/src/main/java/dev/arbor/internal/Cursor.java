package dev.arbor.internal;

/**
 * Where rendering writes: the segment, the boundary whose pending count new tasks raise, the
 * region that owns new work, the nearest region that catches errors, and whether an explicit
 * error boundary encloses it (then Suspense boundaries inside do not catch errors themselves).
 */
record Cursor(Segment segment, Boundary boundary, Region region, Region errorScope, boolean explicitAbove) {
    /** Nowhere: the cursor of a closed request. */
    static final Cursor NONE = new Cursor(null, null, null, null, false);

    Cursor at(Segment s) {
        return new Cursor(s, boundary, region, errorScope, explicitAbove);
    }
}
