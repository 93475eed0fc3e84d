package dev.arbor.bench;

import j2html.rendering.HtmlBuilder;
import j2html.rendering.TagBuilder;

/**
 * A j2html builder that writes nothing: rendering a tree into it costs only j2html's walk of the
 * tree (its children, attribute lists and calls into the builder), the floor under any renderer
 * that reads the tree through j2html's {@code render(HtmlBuilder)}, as Arbor does.
 */
final class DiscardingBuilder implements HtmlBuilder<Appendable>, TagBuilder {
    /** Counts the calls, so that the JIT cannot drop the walk. */
    long calls;

    @Override
    public TagBuilder appendStartTag(String name) {
        calls++;
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> appendEndTag(String name) {
        calls++;
        return this;
    }

    @Override
    public TagBuilder appendEmptyTag(String name) {
        calls++;
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> appendEscapedText(String txt) {
        calls += txt.length();
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> appendUnescapedText(String txt) {
        calls += txt.length();
        return this;
    }

    @Override
    public TagBuilder appendAttribute(String name, String value) {
        calls += value.length();
        return this;
    }

    @Override
    public TagBuilder appendBooleanAttribute(String name) {
        calls++;
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> completeTag() {
        return this;
    }

    /** j2html asks for it after every tag: no new object each time, as Arbor's own builder. */
    @Override
    public Appendable output() {
        return this;
    }

    @Override
    public DiscardingBuilder append(CharSequence csq) {
        calls++;
        return this;
    }

    @Override
    public DiscardingBuilder append(CharSequence csq, int start, int end) {
        calls++;
        return this;
    }

    @Override
    public DiscardingBuilder append(char c) {
        calls++;
        return this;
    }
}
