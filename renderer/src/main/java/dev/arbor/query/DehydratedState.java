package dev.arbor.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The queries a {@link Dehydration} chose to send to the client, as TanStack's
 * {@code DehydratedState}. Immutable.
 */
public final class DehydratedState {
    private final List<DehydratedQuery> queries;

    DehydratedState(List<DehydratedQuery> queries) {
        this.queries = List.copyOf(queries);
    }

    /** @return the queries, in the order the client first used them */
    public List<DehydratedQuery> queries() {
        return queries;
    }

    /** @return whether no query was chosen */
    public boolean isEmpty() {
        return queries.isEmpty();
    }

    /**
     * The state as TanStack's dehydrated JSON: {@code {"queries":[{"queryKey":[...],
     * "queryHash":"...","state":{...},"dehydratedAt":123}, ...]}}. The data was serialized with the
     * client's mapper when dehydrated, so no mapper is needed here. Escape it for HTML before
     * putting it in a {@code <script>}.
     *
     * @return a new JSON object
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode array = json.putArray("queries");
        for (DehydratedQuery query : queries) {
            array.add(query.toJson());
        }
        return json;
    }

    @Override
    public String toString() {
        return "DehydratedState" + toJson();
    }
}
