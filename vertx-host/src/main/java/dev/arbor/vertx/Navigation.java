package dev.arbor.vertx;

import static j2html.TagCreator.each;
import static j2html.TagCreator.rawHtml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import j2html.tags.DomContent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server half of client navigation (README, "Client navigation"; docs/protocol.md,
 * "Navigation"). The runtime asks for a page with {@code Arbor-Navigate: <the layouts it shows>},
 * the identities of the current page's keyed layouts from the outermost in, separated by spaces.
 * The host keeps the layouts both pages share (their loaders do not run), renders the rest in the
 * frame framing, and says in headers which layout's outlet the stream replaces and what the head
 * becomes.
 */
final class Navigation {
    /** Request header: the layouts the client shows; its presence makes a request a navigation. */
    static final String NAVIGATE = "Arbor-Navigate";
    /** Request header of a preload (the runtime also sends {@code Sec-Purpose: prefetch}). */
    static final String PRELOAD = "Arbor-Preload";
    /** Response header: the identity of the layout whose outlet the stream replaces. */
    static final String OUTLET = "Arbor-Outlet";
    /**
     * Response header: the new head, as percent-encoded JSON
     * {@code {"title":..,"meta":[[attr,key,content]..],"link":[[rel,href]..],"script":[[type,src]..]}}.
     */
    static final String HEAD = "Arbor-Head";
    /** Response header of a declined navigation (204): the client loads the document instead. */
    static final String RELOAD = "Arbor-Reload";
    /** The media type of a navigation's stream of frames. */
    static final String CONTENT_TYPE = "text/x-arbor-frames; charset=utf-8";

    private static final int MAX_HEADER = 2048;
    private static final int MAX_LAYOUTS = 32;
    private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9_.]{1,64}(=[A-Za-z0-9_.%,+]*)?");

    private Navigation() {
    }

    /** A navigation header that is not a list of layout identities: the request is a 400. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super("Malformed " + NAVIGATE + " header", null, false, false);
        }
    }

    /**
     * @param header the {@code Arbor-Navigate} header, or {@code null}
     * @return the layouts the client shows, outermost first, or {@code null} when the request is
     *     no navigation
     * @throws Malformed when the header is too long or holds something else than identities
     */
    static List<String> parse(String header) throws Malformed {
        if (header == null) {
            return null;
        }
        if (header.length() > MAX_HEADER) {
            throw new Malformed();
        }
        List<String> chain = new ArrayList<>();
        for (String id : header.trim().split(" +")) {
            if (id.isEmpty()) {
                continue;
            }
            if (!IDENTITY.matcher(id).matches() || chain.size() == MAX_LAYOUTS) {
                throw new Malformed();
            }
            chain.add(id);
        }
        return chain;
    }

    /**
     * Tells the runtime to load a document instead of this answer: a {@code 204} with
     * {@code Arbor-Reload}, and {@code Arbor-Url} naming the document when it is not the one the
     * runtime asked for (an action's redirect, a page's {@code Halt} to another site).
     *
     * @param response the answer
     * @param url where the document is, or {@code null} for the requested URL
     */
    static void reload(Transport response, String url) {
        response.status(204);
        response.headers().set(RELOAD, "1").set(HttpHeaders.CACHE_CONTROL, "no-store").set(HttpHeaders.VARY, NAVIGATE);
        if (url != null) {
            response.headers().set(SingleFlight.URL_HEADER, url);
        }
        response.end();
    }

    /**
     * @return how many of the chain's outermost layouts the client shows already, with the same
     *     identity; 0 when the outermost differs (the navigation is then a document load)
     */
    static int shared(List<Level> chain, List<String> from, PageRequest request) {
        int shared = 0;
        // the last level is the page, which a navigation always renders
        while (shared < chain.size() - 1 && shared < from.size()) {
            String id = chain.get(shared).identity(request);
            if (id == null || !id.equals(from.get(shared))) {
                break;
            }
            shared++;
        }
        return shared;
    }

    /**
     * @param id a layout's identity
     * @param outlet what goes in its outlet
     * @return the outlet between the markers the runtime finds it by
     */
    static DomContent marked(String id, DomContent outlet) {
        return each(rawHtml("<!--@" + id + "-->"), outlet, rawHtml("<!--/@-->"));
    }

    /**
     * @return the head as the {@code Arbor-Head} header carries it: JSON, percent-encoded, since
     *     header values are ASCII and a title need not be
     */
    static String headHeader(Head head, ObjectMapper mapper) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", head.title());
        json.put("meta", head.metaTags());
        json.put("link", head.linkTags());
        json.put("script", head.scriptTags());
        try {
            return URLEncoder.encode(mapper.writeValueAsString(json), StandardCharsets.UTF_8).replace("+", "%20");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
