package dev.arbor.demo.pages;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.errorBoundary;
import static dev.arbor.Arbor.hydrationBoundary;
import static dev.arbor.Arbor.island;
import static dev.arbor.Arbor.suspense;
import static j2html.TagCreator.article;
import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h4;
import static j2html.TagCreator.li;
import static j2html.TagCreator.p;
import static j2html.TagCreator.script;
import static j2html.TagCreator.span;
import static j2html.TagCreator.ul;

import dev.arbor.demo.Forum;
import dev.arbor.demo.Forum.Comment;
import dev.arbor.demo.Forum.Feed;
import dev.arbor.demo.Forum.Post;
import dev.arbor.demo.Forum.ReaderStats;
import dev.arbor.demo.Forum.Thread;
import dev.arbor.demo.Sources;
import dev.arbor.demo.Ui;
import dev.arbor.query.DehydrateOptions;
import dev.arbor.query.Dehydration;
import dev.arbor.query.QueryClient;
import dev.arbor.query.QueryKey;
import dev.arbor.query.QueryRegistry;
import dev.arbor.vertx.Head;
import dev.arbor.vertx.Page;
import dev.arbor.vertx.PageRequest;
import j2html.tags.DomContent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code /posts}: a server component fetches the feed into the request's query cache and hydrates
 * it into the browser, where an island lists it without a request and refetches it on a click
 * through {@code /_arbor/query}. Comments and reader stats are prefetched without waiting: they go
 * out as pending queries and their results (one of them an error) stream in later, to islands that
 * read them with {@code arbor.query(key)}; the comments island sits inside streamed content.
 */
public final class PostsPage {
    private PostsPage() {
    }

    /** The feed. */
    public static final QueryKey POSTS = QueryKey.of("posts");
    /** The featured post's comments. */
    public static final QueryKey COMMENTS = QueryKey.of("comments", Forum.FEATURED);
    /** Reader stats: their source always fails. */
    public static final QueryKey STATS = QueryKey.of("stats");

    /**
     * @param sources where the featured thread comes from
     * @param queries the registered queries, shared with the refetch endpoint
     * @return the page
     */
    public static Page<Void> page(Sources sources, QueryRegistry queries) {
        return Page.of(request -> {
                    QueryClient client = request.queryClient(); // this request's cache, never shared
                    // Pending queries go out too, and failed ones (redacted), so that every
                    // arbor.query(key) on the page settles.
                    DehydrateOptions streamed = request.dehydrateOptions()
                            .includePendingQueries(true)
                            .shouldDehydrateQuery(state -> true);
                    // Started now, not awaited by the shell: each streams when it settles, as query
                    // state for page scripts and as the server HTML of the island that shows it.
                    var comments = client.fetchQuery(queries.options(COMMENTS)).thenApply(PostsPage::comments);
                    var stats = client.fetchQuery(queries.options(STATS)).thenApply(ReaderStats.class::cast);
                    return div(
                            Ui.pageHeader("Posts and a client query cache",
                                    "The feed is fetched on the server and hydrated into the browser's cache; "
                                            + "comments and reader stats stream in when their queries settle."),
                            hydrationBoundary(Dehydration.dehydrateNew(client, streamed), // comments, stats: pending
                                    statsStrip(stats),
                                    div(feedCard(client, queries, streamed), discussionCard(sources, comments))
                                            .withClass("grid two")),
                            islandsScript(request));
                })
                .head(Head.of("Posts · Trailhead")
                        .withMeta("description", "Posts hydrated into a client query cache, with streamed comments."))
                .in(Ui.SITE);
    }

    /** A server component: awaits the feed, then sends it with the HTML that lists it. */
    private static DomContent feedCard(QueryClient client, QueryRegistry queries, DehydrateOptions streamed) {
        // The registry's options are untyped: the query function's Feed comes back as an Object.
        var feed = client.fetchQuery(queries.options(POSTS)).thenApply(Feed.class::cast);
        return Ui.card("Latest posts", errorBoundary(error -> Ui.errorPanel("the feed", error),
                        suspense(ul(Ui.skeletonItems(4)).withClass("reviews"), async(feed, data -> hydrationBoundary(
                                Dehydration.dehydrateNew(client, streamed), postList(data))))))
                .withId("feed");
    }

    private static DomContent discussionCard(Sources sources, CompletionStage<List<Comment>> comments) {
        var thread = sources.load("thread", Duration.ofMillis(900), () -> Forum.thread(Forum.FEATURED));
        return Ui.card("Discussion", errorBoundary(error -> Ui.errorPanel("the thread", error),
                        suspense(div(Ui.skeletonLines(5)).withId("thread-skeleton"),
                                async(thread, t -> discussion(t, comments)))))
                .withId("discussion");
    }

    @SuppressWarnings("unchecked") // the registry's options are untyped
    private static List<Comment> comments(Object data) {
        return (List<Comment>) data;
    }

    /**
     * The feed as the server renders it; the island renders the same markup from the cache. An
     * island is a plain {@code <div>} of the renderer's, so its state attributes go on the one
     * element inside.
     */
    private static DomContent postList(Feed feed) {
        return island("post-list", Map.of("key", POSTS.toJson()), div(
                div(span("Revision " + feed.revision() + " · fetched at " + feed.fetchedAt()).withClass("feed-meta muted"),
                        button("Refresh").withClass("button small refresh").attr("type", "button").isDisabled())
                        .withClass("feed-head"),
                ul(each(feed.posts(), PostsPage::post)).withClass("posts"),
                p().withClass("feed-error").attr("role", "alert").isHidden())
                .withClass("feed").attr("data-revision", feed.revision()).attr("data-state", "server"));
    }

    private static DomContent post(Post post) {
        return li(div(post.title()).withClass("post-title"),
                p(post.excerpt()).withClass("post-excerpt"),
                div("by " + post.author() + " · " + post.likes() + " likes").withClass("muted post-meta"))
                .withClass("post");
    }

    /**
     * Streams in when the thread's source answers. The comments island comes with its comments
     * rendered on the server (for crawlers and browsers without script too), once their query has
     * settled; its script then reads the same comments from the cache.
     */
    private static DomContent discussion(Thread thread, CompletionStage<List<Comment>> comments) {
        return div(article(h2(thread.title()), p("by " + thread.author()).withClass("muted"), p(thread.body()))
                        .withClass("thread"),
                errorBoundary(error -> commentsBox(null, p("The comments are unavailable right now (reference "
                                + error.digest() + ").").withClass("comments")),
                        suspense(commentsBox(null, ul(Ui.skeletonItems(3)).withClass("comments reviews")),
                                async(comments, list -> island("comments", Map.of("key", COMMENTS.toJson()),
                                        commentsBox(list.size(), ul(each(list, PostsPage::comment))
                                                .withClass("comments reviews")))))))
                .withId("thread");
    }

    private static DomContent commentsBox(Integer count, DomContent list) {
        return div(h4(span("Comments"), span(count == null ? "" : String.valueOf(count)).withClass("comment-count muted")),
                list).withClass("comments-island").attr("data-state", "server");
    }

    /** The same markup as the island's script renders. */
    private static DomContent comment(Comment comment) {
        return li(div(comment.author().substring(0, 1)).withClass("avatar"),
                div(p(comment.author()).withClass("strong"), p(comment.text())).withClass("grow"))
                .withClass("comment");
    }

    /**
     * In the shell, the stats wait behind a skeleton; when their query settles the island streams
     * in with them, or with the failure (their source always fails), rendered on the server.
     */
    private static DomContent statsStrip(CompletionStage<ReaderStats> stats) {
        return errorBoundary(error -> island("reader-stats", Map.of("key", STATS.toJson()),
                        statsBox(span("unavailable right now (reference " + error.digest() + ").")
                                .withClass("stats-body stats-failed"))),
                suspense(statsBox(span(span().withClass("skeleton line stats-skeleton")).withClass("stats-body")),
                        async(stats, s -> island("reader-stats", Map.of("key", STATS.toJson()), statsBox(
                                span(s.readers() + " readers · " + s.minutesRead() + " minutes read")
                                        .withClass("stats-body"))))));
    }

    private static DomContent statsBox(DomContent body) {
        return div(span("Reader stats").withClass("strong"), body,
                span("This source always fails, to show a query whose streamed result is an error.")
                        .withClass("muted stats-note"))
                .withClass("stats-strip").attr("data-state", "server");
    }

    /** The islands' code, a static asset that carries the request's nonce. */
    private static DomContent islandsScript(PageRequest request) {
        return script().withSrc("/assets/posts.js").attr("nonce", request.nonce());
    }
}
