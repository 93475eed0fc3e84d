package dev.arbor;

import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import j2html.tags.ContainerTag;
import j2html.tags.DomContent;
import j2html.tags.EmptyTag;
import j2html.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbor writes j2html's tree into its own UTF-8 buffer (as j2html's {@code HtmlBuilder}), in
 * production and in development mode (which also tracks the component path): for random trees of
 * tags, void tags, empty and unnamed tags, fragments ({@code each}), escaped and raw text,
 * attributes with empty, {@code null} and absent values, both must give exactly the bytes of
 * j2html's own {@code render()} (encoded as {@code String.getBytes(UTF_8)} encodes).
 */
class J2htmlEquivalenceProperties {
    private final Renderer production = Renderer.builder().mode(Mode.PRODUCTION).build();
    private final Renderer development = Renderer.builder().mode(Mode.DEVELOPMENT).build();

    private static final class Bytes implements RenderSink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        @Override
        public CompletionStage<Void> write(byte[] chunk) {
            out.writeBytes(chunk);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void end() {
        }

        @Override
        public void fail(RenderError error) {
            throw new AssertionError(error.cause());
        }
    }

    private static byte[] streamed(Renderer renderer, DomContent page) {
        Bytes sink = new Bytes();
        renderer.stream(page, sink).done().toCompletableFuture().join();
        return sink.out.toByteArray();
    }

    @Property(tries = 300)
    void theWalkWritesWhatJ2htmlRenders(@ForAll("trees") DomContent tree) {
        byte[] expected = tree.render().getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, streamed(production, tree), () -> "production: " + tree.render());
        assertArrayEquals(expected, streamed(development, tree), () -> "development: " + tree.render());
        assertEquals(new String(expected, StandardCharsets.UTF_8),
                production.renderToString(tree).toCompletableFuture().join());
    }

    private static Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab &<>\"'é€—\uD83D\uDE00").withCharRange(' ', '~')
                .ofMaxLength(12).injectNull(0.05);
    }

    private static Arbitrary<String> names() {
        return Arbitraries.of("div", "span", "p", "section", "x-é", "data-item", "li");
    }

    @SuppressWarnings("rawtypes")
    private static <T extends Tag> T withAttributes(T tag, List<String[]> attributes) {
        for (String[] a : attributes) {
            switch (a[2]) {
                case "value" -> tag.attr(a[0], a[1]);
                case "boolean" -> tag.attr(a[0]);
                default -> tag.attr(a[0], null); // a null value: j2html writes the name alone
            }
        }
        return tag;
    }

    private static Arbitrary<List<String[]>> attributes() {
        Arbitrary<String[]> one = Arbitraries.of("class", "id", "title", "data-x", "hidden", "aria-label")
                .flatMap(n -> texts().map(v -> v == null ? "" : v)
                        .flatMap(v -> Arbitraries.of("value", "boolean", "null").map(k -> new String[] {n, v, k})));
        return one.list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<DomContent> trees() {
        return tree(4);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Arbitrary<DomContent> tree(int depth) {
        Arbitrary<DomContent> leaf = Arbitraries.oneOf(
                texts().map(t -> (DomContent) text(t)),
                texts().map(t -> (DomContent) rawHtml(t)),
                texts().map(t -> (DomContent) new j2html.tags.UnescapedText(t)),
                attributes().map(a -> (DomContent) withAttributes(br(), a)),
                attributes().flatMap(a -> Arbitraries.of("img", "input", "meta", "x-void")
                        .map(n -> (DomContent) withAttributes((EmptyTag) new EmptyTag<>(n), a))),
                Arbitraries.just(span()),
                Arbitraries.just((DomContent) new ContainerTag<>("")));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<List<DomContent>> children = Arbitraries.lazy(() -> tree(depth - 1)).list().ofMaxSize(4);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(4, names().flatMap(n -> attributes().flatMap(a -> children
                        .map(c -> (DomContent) withAttributes((ContainerTag) new ContainerTag<>(n), a).with(c))))),
                net.jqwik.api.Tuple.of(1, children.map(c -> (DomContent) each(c.stream()))),
                net.jqwik.api.Tuple.of(1, children.map(c -> (DomContent) each(c, x -> x))),
                net.jqwik.api.Tuple.of(1, children.map(c -> (DomContent) new ContainerTag<>(null).with(c))),
                net.jqwik.api.Tuple.of(1, children.map(c -> (DomContent) div(c.toArray(new DomContent[0]))
                        .withClass("a&b").attr("disabled"))));
    }
}
