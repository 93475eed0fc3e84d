package dev.arbor.demo;

import java.util.List;
import java.util.Map;

/** The demo's community forum: posts, the featured thread and its comments. Embedded data. */
public final class Forum {
    private Forum() {
    }

    /** A post in the feed. */
    public record Post(long id, String title, String author, String excerpt, int likes) {
    }

    /** The feed as one fetch saw it: each fetch has the next revision, so a refetch shows newer data. */
    public record Feed(int revision, String fetchedAt, List<Post> posts) {
    }

    /** A post shown in full, with its discussion. */
    public record Thread(long postId, String title, String author, String body) {
    }

    /** A reader's comment on a post. */
    public record Comment(String author, String text) {
    }

    /** How many readers a post had; the demo's analytics service is always down. */
    public record ReaderStats(int readers, int minutesRead) {
    }

    /** The post whose discussion the posts page shows. */
    public static final long FEATURED = 1;

    private static final List<Post> POSTS = List.of(
            new Post(1, "Three nights on the Haute Route", "Mara", "Hut to hut with a 45 L pack: what we carried and what we never used.", 41),
            new Post(2, "Cold-weather stove tricks", "Jonas", "Keep the canister in your sleeping bag and other lessons from -15 °C.", 27),
            new Post(3, "Pitching in 90 km/h winds", "Aiko", "Stake order, guy lines and why the Alpine 2P stayed up when ours didn't.", 19),
            new Post(4, "Repairing a down jacket on trail", "Sam", "Tenacious tape, a needle and ten minutes in the lee of a boulder.", 12));

    private static final Map<Long, List<Comment>> COMMENTS = Map.of(
            1L, List.of(new Comment("Lea", "The Chanrion hut dinner alone is worth the climb."),
                    new Comment("Tom", "Did you need crampons in late June?"),
                    new Comment("Mara", "Microspikes were enough; crampons stayed in the bag.")),
            2L, List.of(new Comment("Rui", "A windscreen doubled my boil time savings.")));

    /**
     * @param revision the fetch's number, from 1
     * @param fetchedAt when it was fetched, as shown
     * @return the feed: each revision has a few more likes
     */
    public static Feed feed(int revision, String fetchedAt) {
        List<Post> posts = POSTS.stream()
                .map(p -> new Post(p.id(), p.title(), p.author(), p.excerpt(), p.likes() + (revision - 1) * (int) p.id()))
                .toList();
        return new Feed(revision, fetchedAt, posts);
    }

    /**
     * @param postId a post's id
     * @return the post in full
     */
    public static Thread thread(long postId) {
        Post post = POSTS.stream().filter(p -> p.id() == postId).findFirst().orElse(POSTS.get(0));
        return new Thread(post.id(), post.title(), post.author(), post.excerpt()
                + " We started from Champex in fog, crossed the Col des Planches by noon and reached the hut as the"
                + " clouds lifted over the Grand Combin.");
    }

    /**
     * @param postId a post's id
     * @return its comments, oldest first
     */
    public static List<Comment> comments(long postId) {
        return COMMENTS.getOrDefault(postId, List.of());
    }

    /** @return never: the analytics service is down, to show a query whose streamed result is an error */
    public static ReaderStats stats() {
        throw new IllegalStateException("analytics-db-7 refused the connection");
    }
}
