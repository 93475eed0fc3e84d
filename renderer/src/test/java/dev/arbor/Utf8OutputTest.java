package dev.arbor;

import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import j2html.tags.DomContent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

/**
 * The renderer encodes and escapes straight into UTF-8 bytes: every string must come out exactly
 * as escaping it and then {@code String.getBytes(UTF_8)} would (the JDK's encoder: a surrogate
 * without its pair becomes {@code ?}), whether the text takes the fast path (nothing to escape,
 * ASCII) or not, in text, in attribute values, and through {@code renderToString}.
 */
class Utf8OutputTest {
    private final Renderer renderer = Renderer.create();

    /** The escaping the renderer documents: {@code & < > " '}. */
    private static String escaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;");
    }

    /** Collects the stream's bytes, through the slice the renderer hands over. */
    private static final class Bytes implements RenderSink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<Integer> slices = new ArrayList<>();

        @Override
        public CompletionStage<Void> write(byte[] chunk) {
            throw new AssertionError("the renderer hands over its buffer as a slice");
        }

        @Override
        public CompletionStage<Void> write(byte[] utf8, int offset, int length) {
            out.write(utf8, offset, length);
            slices.add(length);
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

    private byte[] streamed(DomContent page) {
        Bytes sink = new Bytes();
        renderer.stream(page, sink).done().toCompletableFuture().join();
        return sink.out.toByteArray();
    }

    private void assertRendersLikeTheJdk(String text) {
        DomContent page = div(p(text).attr("title", text), text(text));
        String expected = "<div><p title=\"" + escaped(text) + "\">" + escaped(text) + "</p>" + escaped(text) + "</div>";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), streamed(page), () -> "stream of " + text);
        assertEquals(new String(expected.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                renderer.renderToString(page).toCompletableFuture().join(), () -> "renderToString of " + text);
    }

    @Test
    void asciiWithNothingToEscapeIsCopiedAsItIs() {
        assertRendersLikeTheJdk("plain text, 123 - nothing to escape");
        assertRendersLikeTheJdk("");
    }

    @Test
    void everySpecialCharacterIsEscapedWhereverItStands() {
        assertRendersLikeTheJdk("&");
        assertRendersLikeTheJdk("<>\"'&");
        assertRendersLikeTheJdk("a & b < c > d \" e ' f");
        assertRendersLikeTheJdk("&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&");
    }

    @Test
    void twoThreeAndFourByteCharactersAreEncoded() {
        assertRendersLikeTheJdk("é ü ß — € ★ 日本語");
        assertRendersLikeTheJdk("😀 𝄞 emoji & music <\"🎉\">");
        assertRendersLikeTheJdk("\u0080\u07FF\u0800\uFFFF");
    }

    @Test
    void surrogatesWithoutTheirPairBecomeQuestionMarksAsInTheJdk() {
        assertRendersLikeTheJdk("lone high \uD83D then text");
        assertRendersLikeTheJdk("lone low \uDE00 then text");
        assertRendersLikeTheJdk("high at the end \uD83D");
        assertRendersLikeTheJdk("\uDE00\uD83D reversed pair");
        assertRendersLikeTheJdk("\uD83D\uD83D\uDE00 high, then a pair");
        assertRendersLikeTheJdk("\uD83D<");
    }

    @Test
    void aLargeDocumentGrowsItsBufferWithoutLosingBytes() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            big.append(i % 7 == 0 ? "€<" : "ab").append((char) ('a' + i % 26));
        }
        assertRendersLikeTheJdk(big.toString());
    }

    @Test
    void tagAndAttributeNamesOutsideAsciiAreEncodedToo() {
        // j2html does not check names; whatever a page passes is written as UTF-8, as the JDK would
        DomContent page = new j2html.tags.ContainerTag<>("x-café").attr("data-€", "v").attr("ré", null)
                .with(new j2html.tags.EmptyTag<>("ünit😀"));
        String expected = "<x-café data-€=\"v\" ré><ünit😀></x-café>";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), streamed(page));
        // a long non-ASCII name after a short buffer's worth of output: it grows as it goes
        String name = "ä".repeat(3000);
        assertArrayEquals(("<" + name + "></" + name + ">").getBytes(StandardCharsets.UTF_8),
                streamed(new j2html.tags.ContainerTag<>(name)));
    }

    @Property(tries = 300)
    void anyTextRendersAsTheJdkEncodesItsEscapedForm(
            @ForAll @Chars({'&', '<', '>', '"', '\'', 'a', 'é', '€', '\uD83D', '\uDE00', '\uDBFF', '\uDC00'})
            @CharRange(from = ' ', to = '~') String text) {
        assertRendersLikeTheJdk(text);
    }
}
