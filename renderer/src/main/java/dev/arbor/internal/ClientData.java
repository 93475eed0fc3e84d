package dev.arbor.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbor.internal.wire.Instructions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * What page scripts get besides HTML: keyed deferred values, hydrated query state (and the results
 * of queries dehydrated while pending, streamed once they settle), island props. Only what a page
 * asked for by name leaves the server: an unnamed {@code await} value never does.
 */
final class ClientData {
    private final RenderRequest request;
    /** Data operations due at the next flush (values whose boundary is gone, streamed queries). */
    private final Instructions trailing = new Instructions();
    private final List<Pending> pendingQueries = new ArrayList<>();
    private Map<String, CompletionStage<?>> keyOwners;
    private Set<String> sentKeys;
    /** An island or a hydration boundary was rendered: the runtime must reach the client. */
    private boolean runtimeRequired;

    ClientData(RenderRequest request) {
        this.request = request;
    }

    /** A query sent as pending; its result streams as data of its own when its fetch ends. */
    private static final class Pending {
        final HydrationBoundaryNode.PendingQuery query;
        boolean done;

        Pending(HydrationBoundaryNode.PendingQuery query) {
            this.query = query;
        }
    }

    Instructions trailing() {
        return trailing;
    }

    boolean runtimeRequired() {
        return runtimeRequired;
    }

    private String json(Object value) {
        return ScriptJson.write(request.config().json(), value);
    }

    /** Checks that a key names one value in the page; {@code null} (server only) always passes. */
    void claimKey(AsyncNode<?> node) {
        if (node.key == null) {
            return;
        }
        if (keyOwners == null) {
            keyOwners = new HashMap<>();
        }
        CompletionStage<?> owner = keyOwners.putIfAbsent(node.key, node.stage);
        if (owner != null && owner != node.stage) {
            throw new IllegalStateException("Two deferred values in one page share the key '" + node.key
                    + "': page scripts could read only one of them; give each its own key");
        }
    }

    /** A keyed value resolved: it goes out after its boundary's content, or at the next flush. */
    void resolved(AsyncNode<?> node, Object value, Boundary owner) {
        if (node.key == null || !firstTime(node.key)) {
            return;
        }
        Instructions into = owner != null && !owner.completed && !owner.abandoned ? owner.data() : trailing;
        into.data(json(node.key), json(value));
        runtimeRequired = true;
    }

    /** A keyed value failed: the client's promise rejects with what the client may know. */
    void rejected(AsyncNode<?> node, Failure failure) {
        if (node.key == null || !firstTime(node.key)) {
            return;
        }
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("digest", failure.digest());
        if (failure.development()) {
            detail.put("message", failure.message());
        }
        trailing.dataError(json(node.key), json(detail));
        runtimeRequired = true;
    }

    private boolean firstTime(String key) {
        if (sentKeys == null) {
            sentKeys = new HashSet<>();
        }
        return sentKeys.add(key);
    }

    /**
     * A hydration boundary's state, to send just before the HTML it wraps (TanStack's
     * HydrationBoundary hydrates before its children render); each pending query's result follows
     * once it settles, and the stream stays open until then.
     *
     * @return the state as JSON, or {@code null} when there is nothing to send
     */
    String hydrate(HydrationBoundaryNode node) {
        if (node.isEmpty()) {
            return null;
        }
        runtimeRequired = true;
        node.pending.forEach(this::awaitQuery);
        return json(node.state);
    }

    /** A query sent (or to send) pending: the stream stays open until its result follows. */
    private void awaitQuery(HydrationBoundaryNode.PendingQuery query) {
        Pending pending = new Pending(query);
        pendingQueries.add(pending);
        request.awaitQuery();
        query.settled().thenAccept(settled -> request.onExecutor(() -> settle(pending, settled)));
    }

    /**
     * Streamed hydration, at every flush: the queries not sent yet join this flush when settled,
     * or the stream waits for them. A complete document waits for nothing more: what is still
     * pending then is left to the client (it fetches a query it never received).
     */
    void pollQueries() {
        RenderConfig.QueryFeed feed = request.config().queries();
        if (feed == null || request.isClosed()) {
            return;
        }
        feed.poll(settled -> {
            ObjectNode state = JsonNodeFactory.instance.objectNode();
            state.putArray("queries").add(settled);
            trailing.queries(json(state));
            runtimeRequired = true;
        }, pending -> {
            if (!request.config().complete()) {
                runtimeRequired = true;
                awaitQuery(pending);
            }
        });
    }

    private void settle(Pending pending, ObjectNode settled) {
        if (request.isClosed() || pending.done) {
            return;
        }
        pending.done = true;
        ObjectNode one = pending.query.query().get();
        one.set("state", settled);
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.putArray("queries").add(one);
        trailing.queries(json(state));
        request.queryArrived();
    }

    /** At the deadline, a query still pending reaches the client as a (redacted) timeout error. */
    void timeOutQueries() {
        for (Pending pending : new ArrayList<>(pendingQueries)) {
            if (!pending.done) {
                Failure failure = request.errorScopes().newFailure(request.config().errors().timeout());
                ObjectNode state = pending.query.stateNow().get();
                state.put("status", "error");
                state.putObject("error").put("message", "redacted").put("digest", failure.digest());
                settle(pending, state);
            }
        }
        pendingQueries.clear();
    }

    String islandProps(Object props) {
        runtimeRequired = true;
        return json(props);
    }

    void clear() {
        pendingQueries.clear();
        trailing.clear();
    }
}
