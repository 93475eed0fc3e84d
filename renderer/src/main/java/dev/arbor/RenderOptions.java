package dev.arbor;

import dev.arbor.query.DehydrateOptions;
import dev.arbor.query.QueryClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Per-render settings: the CSP nonce, a deadline that overrides the renderer's, and the executor
 * that the render's state changes run on. Immutable; build with {@link #builder()}.
 */
public final class RenderOptions {
    private static final RenderOptions DEFAULTS = builder().build();

    private final String nonce;
    private final Duration deadline;
    private final Executor executor;
    private final WireFormat format;
    private final QueryClient streamedQueries;
    private final DehydrateOptions streamedQueryOptions;

    private RenderOptions(Builder b) {
        this.nonce = b.nonce;
        this.deadline = b.deadline;
        this.executor = b.executor;
        this.format = b.format;
        this.streamedQueries = b.streamedQueries;
        this.streamedQueryOptions = b.streamedQueryOptions;
    }

    /** No nonce, the renderer's deadline, state changes on whichever thread completes a stage. */
    public static RenderOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return how the response carries the page; {@link WireFormat#DOCUMENT} by default */
    public WireFormat format() {
        return format;
    }

    /** @return the query client whose queries stream to the client's cache, or {@code null} */
    public QueryClient streamedQueries() {
        return streamedQueries;
    }

    /** @return how streamed queries are dehydrated, or {@code null} when none stream */
    public DehydrateOptions streamedQueryOptions() {
        return streamedQueryOptions;
    }

    /** @return the CSP nonce put on every inline script, or {@code null} */
    public String nonce() {
        return nonce;
    }

    /** @return the deadline for this render, or {@code null} for the renderer's */
    public Duration deadline() {
        return deadline;
    }

    /**
     * @return the executor for this render's state changes, or {@code null} to run them on the
     *     thread that completes a stage (one at a time in either case)
     */
    public Executor executor() {
        return executor;
    }

    /** Builds {@link RenderOptions}. */
    public static final class Builder {
        private String nonce;
        private Duration deadline;
        private Executor executor;
        private WireFormat format = WireFormat.DOCUMENT;
        private QueryClient streamedQueries;
        private DehydrateOptions streamedQueryOptions;

        private Builder() {
        }

        /**
         * Streamed hydration, TanStack Query's {@code ReactQueryStreamedHydration}: every query of
         * {@code client} (those a loader started and those server components fetch while the page
         * renders) reaches the client's cache by itself, once, when it settles, with no
         * {@code hydrationBoundary} written by hand. The stream stays open until each one has
         * settled (or the deadline passes). A query already sent by a boundary's
         * {@code Dehydration.dehydrateNew} is not sent again, nor the other way round.
         *
         * @param client the request's query client
         * @param options which queries and how errors look (redacted by default); pending queries
         *     are always included, as their results are what streams
         * @return this builder
         */
        public Builder streamQueries(QueryClient client, DehydrateOptions options) {
            this.streamedQueries = Objects.requireNonNull(client, "client");
            this.streamedQueryOptions = Objects.requireNonNull(options, "options").includePendingQueries(true);
            return this;
        }

        /**
         * @param nonce the CSP nonce for every inline script Arbor writes (base64 characters only)
         * @return this builder
         */
        public Builder nonce(String nonce) {
            if (nonce != null && !nonce.matches("[A-Za-z0-9+/=_-]+")) {
                throw new IllegalArgumentException("A CSP nonce must be base64 characters, got: " + nonce);
            }
            this.nonce = nonce;
            return this;
        }

        /**
         * @param deadline how long the render may take before pending parts end as errors
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            this.deadline = Deadlines.requirePositive(deadline);
            return this;
        }

        /**
         * @param executor where the render's state changes run (on Vert.x: the request's context);
         *     the renderer still runs them one at a time
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @param format how the response carries the page: a document (the default) or frames
         *     for a running page
         * @return this builder
         */
        public Builder format(WireFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** @return the options */
        public RenderOptions build() {
            return new RenderOptions(this);
        }
    }
}
