package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import j2html.tags.DomContent;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HeadTest {
    private static String render(Head head) {
        return head.tags().stream().map(DomContent::render).collect(Collectors.joining());
    }

    @Test
    void innerTitleWinsMetasReplaceByNameLinksAddUp() {
        Head site = Head.of("Site").withMeta("description", "site").withStylesheet("/site.css");
        Head page = Head.of("Page").withMeta("description", "page").withProperty("og:title", "Page")
                .withStylesheet("/site.css").withStylesheet("/page.css");

        assertEquals("<title>Page</title>"
                + "<meta name=\"description\" content=\"page\">"
                + "<meta property=\"og:title\" content=\"Page\">"
                + "<link rel=\"stylesheet\" href=\"/site.css\">"
                + "<link rel=\"stylesheet\" href=\"/page.css\">", render(site.merge(page)));
    }

    @Test
    void innerHeadWithoutTitleKeepsTheOuterTitle() {
        assertEquals("Site", Head.of("Site").merge(Head.empty().withMeta("robots", "noindex")).title());
        Head page = Head.of("Page");
        assertSame(page, Head.empty().merge(page));
    }

    @Test
    void valuesAreEscaped() {
        assertEquals("<title>a &lt;b&gt; &amp; c</title><meta name=\"description\" content=\"&quot;q&quot;\">",
                render(Head.of("a <b> & c").withMeta("description", "\"q\"")));
    }

    @Test
    void scriptsCarryTheNonceAddUpOnMergeAndAreKeptOnce() {
        Head site = Head.empty().withScript("/site.js");
        Head page = Head.of("Page").withModuleScript("/page.js").withScript("/site.js").withModuleScript("/page.js");

        Head merged = site.merge(page);

        assertEquals("<script src=\"/site.js\" nonce=\"n0\"></script>"
                + "<script src=\"/page.js\" nonce=\"n0\" type=\"module\"></script>",
                merged.scripts("n0").stream().map(DomContent::render).collect(Collectors.joining()));
        assertEquals("<title>Page</title>", render(merged), "scripts are not among the other tags");
    }

    @Test
    void scriptSourcesAreEscaped() {
        assertEquals("<script src=\"/a.js?x=&quot;&gt;\" nonce=\"n\"></script>",
                Head.empty().withScript("/a.js?x=\">").scripts("n").get(0).render());
    }
}
