package dev.arbor.vertx;

import static j2html.TagCreator.link;
import static j2html.TagCreator.meta;

import j2html.TagCreator;
import j2html.tags.DomContent;
import j2html.tags.specialized.ScriptTag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A page's {@code <head>}: title, meta tags, links and scripts. Immutable; each {@code with...}
 * method returns a new head.
 *
 * <p>The host decides the head from the loaders' data before it sends the shell, so crawlers and
 * link previews always find it in the first bytes, never streamed into the body. A page's head is
 * merged over its layouts' heads (and those over the host's default): the innermost title wins, a
 * meta tag replaces one with the same name or property, links and scripts add up.
 *
 * <p>Scripts ({@link #withScript}, {@link #withModuleScript}) carry the request's CSP nonce, so
 * that the host's strict policy lets them run; they come after Arbor's client runtime, so they
 * may use {@code window.arbor} at once.
 *
 * <pre>{@code
 * Page.of(loadProduct, ProductView::render)
 *     .head(p -> Head.of(p.name() + " | Shop").withMeta("description", p.summary()));
 * }</pre>
 */
public final class Head {
    private static final Head EMPTY = new Head(null, Map.of(), List.of(), List.of());

    private final String title;
    private final Map<String, String[]> metas; // "name:x" or "property:x" -> {attribute, key, content}
    private final List<String[]> links; // {rel, href}
    private final List<String[]> scripts; // {type or "", src}

    private Head(String title, Map<String, String[]> metas, List<String[]> links, List<String[]> scripts) {
        this.title = title;
        this.metas = metas;
        this.links = links;
        this.scripts = scripts;
    }

    /** @return a head with nothing in it */
    public static Head empty() {
        return EMPTY;
    }

    /**
     * @param title the document's title
     * @return a head with that title
     */
    public static Head of(String title) {
        return EMPTY.withTitle(title);
    }

    /**
     * @param title the document's title
     * @return a copy with that title
     */
    public Head withTitle(String title) {
        return new Head(Objects.requireNonNull(title, "title"), metas, links, scripts);
    }

    /**
     * A {@code <meta name content>} tag, such as {@code description} or {@code robots}.
     *
     * @param name the meta's name
     * @param content its content
     * @return a copy with that meta tag, replacing one of the same name
     */
    public Head withMeta(String name, String content) {
        return withMetaTag("name", name, content);
    }

    /**
     * A {@code <meta property content>} tag, as Open Graph uses ({@code og:title}).
     *
     * @param property the meta's property
     * @param content its content
     * @return a copy with that meta tag, replacing one of the same property
     */
    public Head withProperty(String property, String content) {
        return withMetaTag("property", property, content);
    }

    /**
     * A {@code <link rel href>} tag.
     *
     * @param rel the relation ({@code canonical}, {@code icon}, ...)
     * @param href the target
     * @return a copy with that link added (an identical link is kept once)
     */
    public Head withLink(String rel, String href) {
        Objects.requireNonNull(rel, "rel");
        Objects.requireNonNull(href, "href");
        for (String[] l : links) {
            if (l[0].equals(rel) && l[1].equals(href)) {
                return this;
            }
        }
        List<String[]> copy = new ArrayList<>(links);
        copy.add(new String[] {rel, href});
        return new Head(title, metas, Collections.unmodifiableList(copy), scripts);
    }

    /**
     * @param href the stylesheet's URL
     * @return a copy with {@code <link rel="stylesheet" href>} added
     */
    public Head withStylesheet(String href) {
        return withLink("stylesheet", href);
    }

    /**
     * A classic script, {@code <script src nonce>}. It runs where it stands: it holds up the
     * parsing of the rest of the page (the shell included) until it has loaded and run, so prefer
     * {@link #withModuleScript} unless the page needs it before anything else.
     *
     * @param src the script's URL
     * @return a copy with that script added (the same script is kept once)
     */
    public Head withScript(String src) {
        return withScriptTag("", src);
    }

    /**
     * A module script, {@code <script type="module" src nonce>}: deferred, so it runs once the
     * document is parsed (for a streamed page, when the stream ends); use {@code arbor.deferred}
     * and {@code arbor.query} promises for data that streams.
     *
     * @param src the script's URL
     * @return a copy with that script added (the same script is kept once)
     */
    public Head withModuleScript(String src) {
        return withScriptTag("module", src);
    }

    /** @return the title, or {@code null} when none was set */
    public String title() {
        return title;
    }

    /**
     * @param inner the head of an inner route (a page over its layout)
     * @return this head with {@code inner}'s title, metas and links over it
     */
    public Head merge(Head inner) {
        Objects.requireNonNull(inner, "inner");
        if (this == EMPTY) {
            return inner;
        }
        Map<String, String[]> m = new LinkedHashMap<>(metas);
        m.putAll(inner.metas);
        Head merged = new Head(inner.title != null ? inner.title : title, Collections.unmodifiableMap(m), links,
                scripts);
        for (String[] l : inner.links) {
            merged = merged.withLink(l[0], l[1]);
        }
        for (String[] script : inner.scripts) {
            merged = merged.withScriptTag(script[0], script[1]);
        }
        return merged;
    }

    /** @return the metas, each {attribute, key, content}, for a navigation's head */
    List<String[]> metaTags() {
        return new ArrayList<>(metas.values());
    }

    /** @return the links, each {rel, href}, for a navigation's head */
    List<String[]> linkTags() {
        return links;
    }

    /** @return the scripts, each {type or "", src}, for a navigation's head */
    List<String[]> scriptTags() {
        return scripts;
    }

    /** The tags, in the order they go into {@code <head>}: title, metas, links. */
    List<DomContent> tags() {
        List<DomContent> tags = new ArrayList<>();
        if (title != null) {
            tags.add(TagCreator.title(title));
        }
        for (String[] m : metas.values()) {
            tags.add(meta().attr(m[0], m[1]).attr("content", m[2]));
        }
        for (String[] l : links) {
            tags.add(link().withRel(l[0]).withHref(l[1]));
        }
        return tags;
    }

    /**
     * The scripts, in the order added, each with the request's nonce.
     *
     * @param nonce the request's CSP nonce
     */
    List<DomContent> scripts(String nonce) {
        List<DomContent> tags = new ArrayList<>();
        for (String[] script : scripts) {
            ScriptTag tag = TagCreator.script().withSrc(script[1]).attr("nonce", nonce);
            tags.add(script[0].isEmpty() ? tag : tag.withType(script[0]));
        }
        return tags;
    }

    private Head withScriptTag(String type, String src) {
        Objects.requireNonNull(src, "src");
        for (String[] script : scripts) {
            if (script[0].equals(type) && script[1].equals(src)) {
                return this;
            }
        }
        List<String[]> copy = new ArrayList<>(scripts);
        copy.add(new String[] {type, src});
        return new Head(title, metas, links, Collections.unmodifiableList(copy));
    }

    private Head withMetaTag(String attribute, String key, String content) {
        Objects.requireNonNull(key, attribute);
        Objects.requireNonNull(content, "content");
        Map<String, String[]> m = new LinkedHashMap<>(metas);
        m.put(attribute + ":" + key, new String[] {attribute, key, content});
        return new Head(title, Collections.unmodifiableMap(m), links, scripts);
    }

    @Override
    public String toString() {
        return "Head[title=" + title + ", metas=" + metas.size() + ", links=" + links.size()
                + ", scripts=" + scripts.size() + "]";
    }
}
