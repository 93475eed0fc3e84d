/**
 * A server-side query cache with TanStack Query's semantics, and the dehydration that sends its
 * data to the client.
 *
 * <p>A request makes one {@link dev.arbor.query.QueryClient}; components
 * {@link dev.arbor.query.QueryClient#prefetchQuery prefetch} what client code will need, named by
 * {@link dev.arbor.query.QueryKey}s; a hydration boundary then sends
 * {@link dev.arbor.query.Dehydration#dehydrateNew what is new} as JSON. Queries still pending at
 * that point go out without data, and their results stream later through
 * {@link dev.arbor.query.DehydratedQuery#settledJson()}.
 */
package dev.arbor.query;
