package dev.arbor.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One query as sent to the client: its key and a JSON snapshot of its state, with data serialized
 * through the client's mapper and errors redacted as the {@link DehydrateOptions} say. Immutable;
 * every JSON accessor returns a copy.
 *
 * <p>A {@link #isPending() pending} query has no data yet. Its result follows later:
 * {@link #settledJson()} completes with the state to stream once its fetch ends.
 */
public final class DehydratedQuery {
    private final QueryKey queryKey;
    private final QueryStatus status;
    private final ObjectNode state;
    private final long dehydratedAt;
    private final CompletionStage<ObjectNode> settled;

    DehydratedQuery(QueryKey queryKey, QueryStatus status, ObjectNode state, long dehydratedAt,
            CompletionStage<ObjectNode> settled) {
        this.queryKey = queryKey;
        this.status = status;
        this.state = state;
        this.dehydratedAt = dehydratedAt;
        this.settled = settled;
    }

    /** @return the query's key; {@code queryKey().toJson()} is the JSON array sent */
    public QueryKey queryKey() {
        return queryKey;
    }

    /** @return the key's stable hash, TanStack's {@code queryHash} */
    public String queryHash() {
        return queryKey.hash();
    }

    /** @return the status when dehydrated */
    public QueryStatus status() {
        return status;
    }

    /** @return whether the query was pending when dehydrated: sent without data, its result to follow */
    public boolean isPending() {
        return status == QueryStatus.PENDING;
    }

    /**
     * @return the data as JSON (a {@code NullNode} for {@code null} data); empty when the query
     *     had no data
     */
    public Optional<JsonNode> data() {
        return Optional.ofNullable(state.get("data")).map(JsonNode::deepCopy);
    }

    /** @return the redacted (or, if allowed, revealed) error; empty unless the status is {@code ERROR} */
    public Optional<JsonNode> error() {
        JsonNode error = state.get("error");
        return error == null || error.isNull() ? Optional.empty() : Optional.of(error.deepCopy());
    }

    /** @return when the data was last updated (epoch milliseconds; 0 if never) */
    public long dataUpdatedAt() {
        return state.get("dataUpdatedAt").asLong();
    }

    /** @return when the last error happened (epoch milliseconds; 0 if never) */
    public long errorUpdatedAt() {
        return state.get("errorUpdatedAt").asLong();
    }

    /** @return when this snapshot was taken (epoch milliseconds of the client's clock) */
    public long dehydratedAt() {
        return dehydratedAt;
    }

    /**
     * The state as TanStack's dehydrated {@code state}:
     * {@code {"status":"success","data":...,"dataUpdatedAt":1,"error":null,"errorUpdatedAt":0}}.
     * A pending query has {@code "status":"pending"} and no {@code "data"} field.
     *
     * @return a new copy
     */
    public ObjectNode stateJson() {
        return state.deepCopy();
    }

    /**
     * The state to stream once this query's fetch has ended: shaped as {@link #stateJson()}, with
     * status {@code "success"} and the data, or {@code "error"} and the error redacted as the
     * options say. If the data cannot be serialized, the state is an error (of that failure,
     * redacted in the same way). For a query that was not pending, it is complete already, with
     * {@link #stateJson()}.
     *
     * <p>The stage never completes exceptionally. It completes on the thread that completed the
     * query function's stage: hand the work to the render's own thread from there.
     *
     * @return the settled state's JSON, a new copy for each call's callbacks
     */
    public CompletionStage<ObjectNode> settledJson() {
        return settled == null
                ? CompletableFuture.completedFuture(stateJson())
                : settled.thenApply(ObjectNode::deepCopy);
    }

    /**
     * This query as TanStack's {@code DehydratedQuery}:
     * {@code {"queryKey":[...],"queryHash":"...","state":{...},"dehydratedAt":123}}.
     *
     * @return a new JSON object
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("queryKey", queryKey.toJson());
        json.put("queryHash", queryKey.hash());
        json.set("state", stateJson());
        json.put("dehydratedAt", dehydratedAt);
        return json;
    }

    @Override
    public String toString() {
        return "DehydratedQuery" + toJson();
    }
}
