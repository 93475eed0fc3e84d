package dev.arbor.demo;

import dev.arbor.demo.Forum.Comment;
import dev.arbor.demo.Forum.Feed;
import dev.arbor.demo.Forum.ReaderStats;
import dev.arbor.query.QueryDefinition;
import dev.arbor.query.QueryRegistry;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The forum's queries, typed: pages fetch them through these definitions, and browsers refetch them
 * through {@link dev.arbor.vertx.ArborHost#QUERY_ENDPOINT} by the same keys.
 *
 * @param posts the feed, {@code ["posts"]}; its revision counts every fetch
 * @param comments a post's comments, {@code ["comments", postId]}
 * @param stats reader stats, {@code ["stats"]}; their source always fails
 */
public record ForumQueries(QueryDefinition<Void, Feed> posts, QueryDefinition<Long, List<Comment>> comments,
        QueryDefinition<Void, ReaderStats> stats) {

    /**
     * Make one per application: the feed's revision counts every fetch, on every server instance.
     *
     * @param sources where the data comes from
     * @return the queries
     */
    public static ForumQueries of(Sources sources) {
        AtomicInteger revision = new AtomicInteger();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss");
        return new ForumQueries(
                QueryDefinition.of("posts", () -> sources.load("posts", Duration.ofMillis(400),
                        () -> Forum.feed(revision.incrementAndGet(), LocalTime.now().format(time)))),
                QueryDefinition.of("comments", Long.class, postId -> sources.load("comments", Duration.ofMillis(2200),
                        () -> Forum.comments(postId))),
                QueryDefinition.of("stats", () -> sources.load("stats", Duration.ofMillis(1500), Forum::stats)));
    }

    /** @return the registry behind the refetch endpoint: every query of the forum */
    public QueryRegistry registry() {
        return new QueryRegistry().register(posts).register(comments).register(stats);
    }
}
