package dev.arbor.internal;

import dev.arbor.internal.wire.Utf8Out;
import j2html.attributes.Attribute;
import j2html.tags.ContainerTag;
import j2html.tags.DomContent;
import j2html.tags.EmptyTag;
import j2html.tags.Tag;
import j2html.tags.Text;
import j2html.tags.UnescapedText;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arbor's own walk of j2html's tree: reads tags, attributes and text from j2html's classes and
 * writes them straight into the UTF-8 buffer, without j2html's {@code render(HtmlBuilder)} layers.
 * Tag and attribute names are encoded once ({@code <div}, {@code </div>}, {@code  class="}) and
 * kept. Only j2html's own classes take this path (a subclass elsewhere may override
 * {@code render}); everything else renders through j2html's {@code render} as before. The output is
 * byte for byte what the {@link SegmentWriter} writes when j2html drives it.
 */
final class TreeWalk {
    private static final VarHandle TAG_NAME;
    private static final VarHandle ATTRIBUTES;
    private static final VarHandle CHILDREN;
    private static final VarHandle TEXT;
    private static final VarHandle UNESCAPED;

    static {
        try {
            MethodHandles.Lookup tag = MethodHandles.privateLookupIn(Tag.class, MethodHandles.lookup());
            TAG_NAME = tag.findVarHandle(Tag.class, "tagName", String.class);
            ATTRIBUTES = tag.findVarHandle(Tag.class, "attributes", java.util.ArrayList.class);
            CHILDREN = MethodHandles.privateLookupIn(ContainerTag.class, MethodHandles.lookup())
                    .findVarHandle(ContainerTag.class, "children", List.class);
            TEXT = MethodHandles.privateLookupIn(Text.class, MethodHandles.lookup())
                    .findVarHandle(Text.class, "text", String.class);
            UNESCAPED = MethodHandles.privateLookupIn(UnescapedText.class, MethodHandles.lookup())
                    .findVarHandle(UnescapedText.class, "text", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final int OTHER = 0;
    static final int CONTAINER = 1;
    static final int EMPTY = 2;
    static final int TEXT_NODE = 3;
    static final int UNESCAPED_NODE = 4;

    /** How each class renders: j2html's own classes by this walk, any other through {@code render}. */
    private static final ClassValue<Integer> KIND = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            if (!type.getName().startsWith("j2html.tags.")) {
                return OTHER;
            }
            if (type == Text.class) {
                return TEXT_NODE;
            }
            if (type == UnescapedText.class) {
                return UNESCAPED_NODE;
            }
            return ContainerTag.class.isAssignableFrom(type) ? CONTAINER
                    : EmptyTag.class.isAssignableFrom(type) ? EMPTY : OTHER;
        }
    };

    /** Pre-encoded names; bounded, so that names made from data cannot grow it without end. */
    private static final int MAX_NAMES = 4096;
    private static final ConcurrentHashMap<String, byte[]> OPEN = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, byte[]> CLOSE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, byte[]> ATTR = new ConcurrentHashMap<>();

    private TreeWalk() {
    }

    static int kind(DomContent content) {
        return KIND.get(content.getClass());
    }

    private static byte[] encoded(ConcurrentHashMap<String, byte[]> cache, String name, String before, String after) {
        byte[] b = cache.get(name);
        if (b == null) {
            b = (before + name + after).getBytes(StandardCharsets.UTF_8);
            if (cache.size() < MAX_NAMES) {
                cache.put(name, b);
            }
        }
        return b;
    }

    static String text(DomContent text) {
        return String.valueOf((String) TEXT.get((Text) text));
    }

    static String unescaped(DomContent text) {
        return String.valueOf((String) UNESCAPED.get((UnescapedText) text));
    }

    @SuppressWarnings("unchecked")
    static List<DomContent> children(DomContent tag) {
        return (List<DomContent>) CHILDREN.get((ContainerTag<?>) tag);
    }

    static String tagName(DomContent tag) {
        return (String) TAG_NAME.get((Tag<?>) tag);
    }

    /** Writes {@code <name attributes>}. */
    static void startTag(Utf8Out out, DomContent tag, String name) {
        out.appendBytes(encoded(OPEN, name, "<", ""));
        @SuppressWarnings("unchecked")
        List<Attribute> attributes = (List<Attribute>) ATTRIBUTES.get((Tag<?>) tag);
        for (int i = 0, n = attributes.size(); i < n; i++) {
            Attribute a = attributes.get(i);
            String an = a.getName();
            if (an == null) {
                continue;
            }
            out.appendBytes(encoded(ATTR, an, " ", ""));
            String value = a.getValue();
            if (value != null) { // without a value: a boolean attribute, its name alone
                out.appendAscii('=').appendAscii('"');
                out.appendEscaped(value);
                out.appendAscii('"');
            }
        }
        out.appendAscii('>');
    }

    /** Renders {@code content} (not {@code null}) at the writer's cursor. */
    static void render(SegmentWriter w, DomContent content) {
        switch (kind(content)) {
            case TEXT_NODE -> w.out().appendEscaped(text(content));
            case UNESCAPED_NODE -> w.out().append(unescaped(content));
            case EMPTY -> {
                String name = tagName(content);
                if (name == null) {
                    w.renderThroughJ2html(content);
                } else {
                    startTag(w.out(), content, name);
                }
            }
            case CONTAINER -> {
                String name = tagName(content);
                boolean named = name != null && !name.isEmpty();
                if (named) {
                    startTag(w.out(), content, name);
                }
                List<DomContent> children = children(content);
                if (children instanceof RandomAccess) {
                    for (int i = 0, n = children.size(); i < n; i++) {
                        render(w, children.get(i));
                    }
                } else {
                    for (DomContent child : children) {
                        render(w, child);
                    }
                }
                if (named) {
                    endTag(w.out(), name);
                }
            }
            default -> w.renderThroughJ2html(content);
        }
    }

    static void endTag(Utf8Out out, String name) {
        out.appendBytes(encoded(CLOSE, name, "</", ">"));
    }
}
