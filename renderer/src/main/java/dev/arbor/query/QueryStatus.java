package dev.arbor.query;

/** Whether a query has data, as TanStack Query's {@code status}. */
public enum QueryStatus {
    /** No data and no error yet: the first fetch has not settled. */
    PENDING,
    /** The last fetch succeeded, or data was set by hand. */
    SUCCESS,
    /** The last fetch failed; data from an earlier success, if any, is kept. */
    ERROR
}
