package dev.arbor.vertx;

import j2html.tags.DomContent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** One level of a page's chain (a layout or the page itself), with its data's type erased. */
final class Level {
    /** Renders a level from its data and its outlet (the inner level's content, or null). */
    @FunctionalInterface
    interface View {
        DomContent render(PageRequest request, Object data, DomContent outlet);
    }

    final Loader<?> loader;
    final View view;
    final Function<Object, Head> head;
    /** The layout's key ({@link Layout#key}), or null: a page, or a layout navigation never keeps. */
    final String key;
    /** The path parameters that are part of the layout's identity. */
    final List<String> keyParams;

    Level(Loader<?> loader, View view, Function<Object, Head> head, String key, List<String> keyParams) {
        this.loader = loader;
        this.view = view;
        this.head = head;
        this.key = key;
        this.keyParams = keyParams;
    }

    /**
     * The layout's identity for this request: its key, and the values of its key's path parameters
     * percent-encoded (a '-' too, so that it can sit in an HTML comment and in a header).
     *
     * @return the identity, or {@code null} for a level without a key
     */
    String identity(PageRequest request) {
        if (key == null) {
            return null;
        }
        StringBuilder id = new StringBuilder(key);
        char separator = '=';
        for (String param : keyParams) {
            String value = request.pathParam(param);
            id.append(separator).append(value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8)
                    .replace("-", "%2D").replace("*", "%2A"));
            separator = ',';
        }
        return id.toString();
    }
}
