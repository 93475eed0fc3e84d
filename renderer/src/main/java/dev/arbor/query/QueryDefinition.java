package dev.arbor.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbor.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A typed query: its name, the type of its argument, the type of its data and the function that
 * fetches it, as TanStack Query's {@code queryOptions} or Solid Router's {@code query(fn, name)}.
 * Define it once, register it for the refetch endpoint, and ask for it by argument: the key is made
 * for you ({@code [name]} or {@code [name, argument]}), the query function gets the argument as
 * its own type and the data comes back typed, so no view casts.
 *
 * <pre>{@code
 * QueryDefinition<Void, Stats> stats = QueryDefinition.of("stats", api::stats);             // ["stats"]
 * QueryDefinition<Long, List<Comment>> comments =
 *         QueryDefinition.of("comments", Long.class, postId -> api.comments(postId));      // ["comments", 42]
 *
 * QueryRegistry queries = new QueryRegistry().register(stats).register(comments);
 * CompletionStage<List<Comment>> list = request.queryClient().fetchQuery(comments.options(42L));
 * }</pre>
 *
 * <p>The argument travels in the key as JSON (written with the mapper of {@link QueryKey#of}), so
 * the refetch endpoint reads it back from the client's key with the same mapper: any type Jackson
 * reads and writes works, a record when the query takes several values. Immutable and thread-safe;
 * define them as constants or once per application.
 *
 * @param <A> the argument's type; {@link Void} for a query without one
 * @param <T> the data's type; it must serialize with the client's mapper to be dehydrated
 */
public final class QueryDefinition<A, T> {
    private static final ObjectMapper MAPPER = Json.newMapper();

    private final String name;
    /** The argument's type, or {@code null} for a query without one. */
    private final JavaType argumentType;
    private final Function<? super A, ? extends CompletionStage<T>> queryFn;
    private final Duration staleTime;

    private QueryDefinition(String name, JavaType argumentType, Function<? super A, ? extends CompletionStage<T>> queryFn,
            Duration staleTime) {
        this.name = name;
        this.argumentType = argumentType;
        this.queryFn = queryFn;
        this.staleTime = staleTime;
    }

    /**
     * A query without an argument; its key is {@code [name]}.
     *
     * @param name the query's name, the first part of its key
     * @param queryFn starts the fetch and returns its stage
     * @param <T> the data's type
     * @return the definition
     */
    public static <T> QueryDefinition<Void, T> of(String name, Supplier<? extends CompletionStage<T>> queryFn) {
        Objects.requireNonNull(queryFn, "queryFn");
        return new QueryDefinition<>(checkName(name), null, none -> queryFn.get(), null);
    }

    /**
     * A query with one argument; its key is {@code [name, argument]}.
     *
     * @param name the query's name, the first part of its key
     * @param argumentType the argument's class (a record for several values)
     * @param queryFn starts the fetch for an argument and returns its stage
     * @param <A> the argument's type
     * @param <T> the data's type
     * @return the definition
     */
    public static <A, T> QueryDefinition<A, T> of(String name, Class<A> argumentType,
            Function<? super A, ? extends CompletionStage<T>> queryFn) {
        Objects.requireNonNull(argumentType, "argumentType");
        return of(name, MAPPER.constructType(argumentType), queryFn);
    }

    /**
     * A query with one argument of a generic type, such as {@code List<String>}.
     *
     * @param name the query's name, the first part of its key
     * @param argumentType the argument's type, as {@code new TypeReference<List<String>>() {}}
     * @param queryFn starts the fetch for an argument and returns its stage
     * @param <A> the argument's type
     * @param <T> the data's type
     * @return the definition
     */
    public static <A, T> QueryDefinition<A, T> of(String name, TypeReference<A> argumentType,
            Function<? super A, ? extends CompletionStage<T>> queryFn) {
        Objects.requireNonNull(argumentType, "argumentType");
        return of(name, MAPPER.constructType(argumentType), queryFn);
    }

    private static <A, T> QueryDefinition<A, T> of(String name, JavaType argumentType,
            Function<? super A, ? extends CompletionStage<T>> queryFn) {
        Objects.requireNonNull(queryFn, "queryFn");
        return new QueryDefinition<>(checkName(name), argumentType, queryFn, null);
    }

    /**
     * A copy whose options carry this stale time ({@link QueryOptions#staleTime(Duration)}).
     *
     * @param staleTime zero or positive
     * @return the copy
     */
    public QueryDefinition<A, T> staleTime(Duration staleTime) {
        return new QueryDefinition<>(name, argumentType, queryFn, QueryOptions.checkStaleTime(staleTime));
    }

    /** @return the query's name, the first part of its keys */
    public String name() {
        return name;
    }

    /** @return whether the query takes an argument */
    public boolean hasArgument() {
        return argumentType != null;
    }

    /**
     * @param argument the argument
     * @return the key of the query for that argument: {@code [name, argument]}
     * @throws IllegalStateException when the query takes no argument
     * @throws IllegalArgumentException when the argument cannot be converted to JSON
     */
    public QueryKey key(A argument) {
        if (argumentType == null) {
            throw new IllegalStateException("The query '" + name + "' takes no argument: use key()");
        }
        return QueryKey.of(name, argument);
    }

    /**
     * @return the key of a query without an argument: {@code [name]}
     * @throws IllegalStateException when the query takes an argument
     */
    public QueryKey key() {
        if (argumentType != null) {
            throw new IllegalStateException("The query '" + name + "' takes an argument of type "
                    + argumentType.toCanonical() + ": use key(argument)");
        }
        return QueryKey.of(name);
    }

    /**
     * The options to fetch, prefetch or ensure the query for one argument with a {@link QueryClient}.
     *
     * @param argument the argument, handed to the query function as it is
     * @return the options, typed
     * @throws IllegalStateException when the query takes no argument
     */
    public QueryOptions<T> options(A argument) {
        return options(key(argument), argument);
    }

    /**
     * The options of a query without an argument.
     *
     * @return the options, typed
     * @throws IllegalStateException when the query takes an argument
     */
    public QueryOptions<T> options() {
        return options(key(), null);
    }

    /**
     * The options for a key that names this query, as a client sent it: the argument is read back
     * from the key's JSON. What the refetch endpoint uses.
     *
     * @param key a key whose first part is this query's name
     * @return the options, with the argument read from the key
     * @throws IllegalArgumentException when the key has the wrong number of parts, another name, or
     *     an argument that is not of the query's argument type
     */
    public QueryOptions<T> optionsFor(QueryKey key) {
        Objects.requireNonNull(key, "key");
        List<JsonNode> parts = toList(key);
        if (parts.isEmpty() || !parts.get(0).isTextual() || !parts.get(0).asText().equals(name)) {
            throw new IllegalArgumentException("The key " + key.hash() + " does not name the query '" + name + "'");
        }
        int expected = argumentType == null ? 1 : 2;
        if (parts.size() != expected) {
            throw new IllegalArgumentException("The query '" + name + "' takes "
                    + (argumentType == null ? "no argument: its key is [\"" + name + "\"]"
                            : "one argument of type " + argumentType.getRawClass().getSimpleName()
                                    + ": its key is [\"" + name + "\", argument]")
                    + ", got " + key.hash());
        }
        if (argumentType == null) {
            return options(key, null);
        }
        A argument;
        try {
            argument = MAPPER.treeToValue(parts.get(1), argumentType);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The argument of query '" + name + "' must be a "
                    + argumentType.getRawClass().getSimpleName() + ", got " + parts.get(1), e);
        }
        return options(key, argument);
    }

    private QueryOptions<T> options(QueryKey key, A argument) {
        QueryOptions<T> options = QueryOptions.of(key, k -> queryFn.apply(argument));
        return staleTime == null ? options : options.staleTime(staleTime);
    }

    private static List<JsonNode> toList(QueryKey key) {
        List<JsonNode> parts = new ArrayList<>(key.size());
        key.toJson().forEach(parts::add);
        return parts;
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A query's name must not be empty");
        }
        return name;
    }

    @Override
    public String toString() {
        return "QueryDefinition[" + name + (argumentType == null ? "" : ", " + argumentType.toCanonical()) + "]";
    }
}
